// Benchmark reference only (never shipped): the moving-average crossover backtest written by
// hand as one C++ loop, the yardstick for the strategy VM's single run. Same semantics as the
// VM running bench/backtest.bench.ts's Program: SMA(fast) crossing over SMA(slow) on a close
// buys at the next open with all the cash (whole shares), crossing under sells at the next open,
// an open position is sold at the last close; the equity is marked on every close and the curve
// written as runBacktest returns it (time, equity, cash, drawdown).
#include <napi.h>

#include <cmath>
#include <limits>
#include <vector>

namespace {

// TA-Lib's SMA: add the value, take the mean, then drop the value leaving the window.
class Sma {
 public:
  explicit Sma(int period) : period_(period), window_(static_cast<std::size_t>(period), 0.0) {}
  double Update(double x) {
    sum_ += x;
    window_[head_] = x;
    head_ = head_ + 1 == window_.size() ? 0 : head_ + 1;
    if (seen_ < period_ - 1) {
      ++seen_;
      return std::numeric_limits<double>::quiet_NaN();
    }
    const double mean = sum_ / period_;
    sum_ -= window_[head_];
    return mean;
  }

 private:
  int period_;
  std::vector<double> window_;
  std::size_t head_ = 0;
  double sum_ = 0;
  int seen_ = 0;
};

// The equity curve as runBacktest returns it for one instrument: equity, cash and drawdown
// (1 − equity / peak); its times are the bars' own (a view, written by neither).
struct Curve {
  double* equity;
  double* cash;
  double* drawdown;
};

double MaCrossover(const double* open, const double* close, std::size_t n, int fast_period, int slow_period,
                   double cash, const Curve& curve) {
  double peak = cash;
  Sma fast(fast_period);
  Sma slow(slow_period);
  double quantity = 0;
  int pending = 0;  // +1 buy, -1 sell at the next open
  double previous_fast = std::numeric_limits<double>::quiet_NaN();
  double previous_slow = previous_fast;
  for (std::size_t i = 0; i < n; ++i) {
    if (pending > 0) {
      const double q = std::floor(cash / open[i]);
      if (q > 0) {
        cash -= q * open[i];
        quantity = q;
      }
    } else if (pending < 0) {
      cash += quantity * open[i];
      quantity = 0;
    }
    pending = 0;
    const double f = fast.Update(close[i]);
    const double s = slow.Update(close[i]);
    const bool up = f > s && previous_fast <= previous_slow;
    const bool down = f < s && previous_fast >= previous_slow;
    previous_fast = f;
    previous_slow = s;
    if (i + 1 == n) {
      cash += quantity * close[i];
      quantity = 0;
    } else if (quantity > 0 && down) {
      pending = -1;
    } else if (quantity == 0 && up) {
      pending = 1;
    }
    const double equity = cash + quantity * close[i];
    peak = equity > peak ? equity : peak;
    curve.equity[i] = equity;
    curve.cash[i] = cash;
    curve.drawdown[i] = 1.0 - equity / peak;
  }
  return cash;
}

double* Column(const Napi::Object& object, const char* name) { return object.Get(name).As<Napi::Float64Array>().Data(); }

// maCrossover(bars, fast, slow, startingCash, curve: {equity, cash, drawdown} Float64Arrays) → final equity
Napi::Value MaCrossoverBinding(const Napi::CallbackInfo& info) {
  const Napi::Object bars = info[0].As<Napi::Object>();
  const Napi::Object out = info[4].As<Napi::Object>();
  const Curve curve{Column(out, "equity"), Column(out, "cash"), Column(out, "drawdown")};
  const std::size_t n = bars.Get("close").As<Napi::Float64Array>().ElementLength();
  const double final_equity = MaCrossover(Column(bars, "open"), Column(bars, "close"), n, info[1].As<Napi::Number>().Int32Value(),
                                          info[2].As<Napi::Number>().Int32Value(), info[3].As<Napi::Number>().DoubleValue(), curve);
  return Napi::Number::New(info.Env(), final_equity);
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("maCrossover", Napi::Function::New(env, MaCrossoverBinding, "maCrossover"));
  return exports;
}

}  // namespace

NODE_API_MODULE(backtest_reference, Init)
