// Benchmark reference only (never shipped): the moving-average crossover backtest written by
// hand as one C++ loop, the yardstick for the strategy VM's single run. Same semantics as the
// VM running bench/backtest.bench.ts's Program: SMA(fast) crossing over SMA(slow) on a close
// buys at the next open with all the cash (whole shares), crossing under sells at the next open,
// an open position is sold at the last close; the equity is marked on every close.
// Two loops: maCrossover writes the curve alone (equity, cash, drawdown); maCrossoverRun does
// what runBacktest returns to its caller: the curve with the exposure column, the trades (entry,
// exit, P&L, MAE, MFE, bars held) and the statistics of docs/metrics.md.
#include <napi.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
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

// What runBacktest returns for one instrument, apart from the times (the bars' own): the curve
// with the exposure, the trades as columns, and the statistics (STAT_NAMES order).
struct RunCurve {
  double* equity;
  double* cash;
  double* drawdown;
  std::uint8_t* exposed;
};

struct TradeList {
  std::vector<double> entry_time, entry_price, exit_time, exit_price, quantity, pnl, mae, mfe;
  std::vector<std::int32_t> bars_held;
  std::vector<std::uint8_t> reason;  // EXIT_REASONS: 0 signal, 6 end
  void Reserve(std::size_t n) {
    for (auto* v : {&entry_time, &entry_price, &exit_time, &exit_price, &quantity, &pnl, &mae, &mfe}) v->reserve(n);
    bars_held.reserve(n);
    reason.reserve(n);
  }
};

constexpr std::size_t kStatCount = 18;
constexpr double kSecondsPerDay = 86400.0;

// The curve's statistics as runBacktest defines them (docs/metrics.md): daily returns on UTC
// days (Welford), the deepest drawdown and the longest stretch under water, in days and bars.
struct CurveStats {
  double starting_cash;
  double risk_free_daily;
  double day_end = -INFINITY;
  double day_reference;
  double previous;
  double days = 0;
  double mean = 0;
  double m2 = 0;
  double downside = 0;
  double equity_sum = 0;
  double exposed_steps = 0;
  double peak;
  double peak_time = NAN;
  double peak_step = -1;
  bool under = false;
  double max_drawdown = 0;
  double max_seconds = 0;
  double max_bars = 0;

  CurveStats(double cash, double risk_free_daily) : starting_cash(cash), risk_free_daily(risk_free_daily), day_reference(cash), previous(cash), peak(cash) {}

  void DailyReturn(double r) {
    days += 1;
    const double delta = r - mean;
    mean += delta / days;
    m2 += delta * (r - mean);
    const double d = std::min(0.0, r - risk_free_daily);
    downside += d * d;
  }
};

double MaCrossoverRun(const double* time, const double* open, const double* high, const double* low, const double* close, std::size_t n,
                      int fast_period, int slow_period, double starting_cash, int periods_per_year, double risk_free_rate,
                      const RunCurve& curve, TradeList* trades, double* stats, double* traded_value_out) {
  CurveStats c(starting_cash, risk_free_rate / periods_per_year);
  c.peak_time = time[0];
  double cash = starting_cash;
  Sma fast(fast_period);
  Sma slow(slow_period);
  double quantity = 0;
  int pending = 0;  // +1 buy, -1 sell at the next open
  double previous_fast = std::numeric_limits<double>::quiet_NaN();
  double previous_slow = previous_fast;
  // The open trade, and the fills' totals.
  double entry_price = 0, entry_time = 0, mae = 0, mfe = 0;
  std::size_t entry_index = 0;
  double traded_value = 0, wins = 0, gross_profit = 0, gross_loss = 0, pnl_sum = 0;
  trades->Reserve(1024 + n / 16);
  auto close_trade = [&](std::size_t i, double price, std::uint8_t reason) {
    mae = std::min(mae, quantity * (price - entry_price));
    mfe = std::max(mfe, quantity * (price - entry_price));
    const double pnl = quantity * (price - entry_price);
    cash += quantity * price;
    traded_value += quantity * price;
    pnl_sum += pnl;
    if (pnl > 0) {
      wins += 1;
      gross_profit += pnl;
    } else if (pnl < 0) {
      gross_loss -= pnl;
    }
    trades->entry_time.push_back(entry_time);
    trades->entry_price.push_back(entry_price);
    trades->exit_time.push_back(time[i]);
    trades->exit_price.push_back(price);
    trades->quantity.push_back(quantity);
    trades->pnl.push_back(pnl);
    trades->mae.push_back(mae);
    trades->mfe.push_back(mfe);
    trades->bars_held.push_back(static_cast<std::int32_t>(i - entry_index));
    trades->reason.push_back(reason);
    quantity = 0;
  };
  for (std::size_t i = 0; i < n; ++i) {
    // Every bar's open, read as the close is: a column read only at fills would miss the cache.
    const double o = open[i];
    if (pending > 0) {
      // 100% of the equity (all cash, flat) at the fill price, whole shares, never more than the cash.
      double q = std::floor(cash * 100.0 / 100.0 / o);
      if (q * o > cash) q = std::floor(cash / o);
      if (q > 0) {
        cash -= q * o;
        traded_value += q * o;
        quantity = q;
        entry_price = o;
        entry_time = time[i];
        entry_index = i;
        mae = 0;
        mfe = 0;
      }
    } else if (pending < 0) {
      close_trade(i, o, 0);
    }
    pending = 0;
    if (quantity > 0) {
      // Held over the bar: its worst and best prices.
      mae = std::min(mae, quantity * (low[i] - entry_price));
      mfe = std::max(mfe, quantity * (high[i] - entry_price));
    }
    const double f = fast.Update(close[i]);
    const double s = slow.Update(close[i]);
    const bool up = f > s && previous_fast <= previous_slow;
    const bool down = f < s && previous_fast >= previous_slow;
    previous_fast = f;
    previous_slow = s;
    if (i + 1 == n) {
      if (quantity > 0) close_trade(i, close[i], 6);
    } else if (quantity > 0 && down) {
      pending = -1;
    } else if (quantity == 0 && up) {
      pending = 1;
    }
    const double equity = cash + quantity * close[i];
    const bool exposed = quantity > 0;
    curve.equity[i] = equity;
    curve.cash[i] = cash;
    curve.exposed[i] = exposed ? 1 : 0;
    // The statistics of the curve.
    const double t = time[i];
    if (t >= c.day_end) {
      if (i > 0) c.DailyReturn(c.previous / c.day_reference - 1.0);
      c.day_reference = c.previous;
      c.day_end = (std::floor(t / kSecondsPerDay) + 1.0) * kSecondsPerDay;
    }
    c.previous = equity;
    c.equity_sum += equity;
    c.exposed_steps += exposed ? 1.0 : 0.0;
    // A new peak or not is data (a curve near its high flips every few bars): selects, no branch.
    const bool at_peak = equity >= c.peak;
    const bool ends = at_peak & c.under;
    const double seconds = t - c.peak_time;
    const double bars = static_cast<double>(i) - c.peak_step - 1.0;
    c.max_seconds = ends && c.max_seconds < seconds ? seconds : c.max_seconds;
    c.max_bars = ends && c.max_bars < bars ? bars : c.max_bars;
    c.peak_time = at_peak ? t : c.peak_time;
    c.peak_step = at_peak ? static_cast<double>(i) : c.peak_step;
    const double d = at_peak ? 0.0 : 1.0 - equity / c.peak;
    c.peak = equity > c.peak ? equity : c.peak;
    c.max_drawdown = d > c.max_drawdown ? d : c.max_drawdown;
    curve.drawdown[i] = d;
    c.under = !at_peak;
  }
  c.DailyReturn(c.previous / c.day_reference - 1.0);
  if (c.under) {
    c.max_seconds = std::max(c.max_seconds, time[n - 1] - c.peak_time);
    c.max_bars = std::max(c.max_bars, static_cast<double>(n) - c.peak_step - 1.0);
  }
  const double ppy = periods_per_year;
  const double growth = c.previous / starting_cash;
  const double count = static_cast<double>(trades->pnl.size());
  const double sd = c.days >= 2 ? std::sqrt(c.m2 / (c.days - 1.0)) : NAN;
  const double annual = c.days == 0 ? NAN : growth <= 0 ? -1.0 : std::pow(growth, ppy / c.days) - 1.0;
  const double excess = c.mean - c.risk_free_daily;
  const double values[kStatCount] = {
      starting_cash,
      c.previous,
      growth - 1.0,
      annual,
      sd * std::sqrt(ppy),
      c.days >= 2 ? excess / sd * std::sqrt(ppy) : NAN,
      c.days >= 2 ? excess / std::sqrt(c.downside / c.days) * std::sqrt(ppy) : NAN,
      annual / c.max_drawdown,
      c.max_drawdown,
      c.max_seconds / kSecondsPerDay,
      c.max_bars,
      count,
      wins / count,
      gross_profit / gross_loss,
      pnl_sum / count,
      c.exposed_steps / static_cast<double>(n),
      c.days == 0 ? NAN : traded_value / (c.equity_sum / static_cast<double>(n)) / (c.days / ppy),
      0.0,
  };
  std::copy(values, values + kStatCount, stats);
  *traded_value_out = traded_value;
  return cash;
}

// The trades as runBacktest returns them: typed arrays over one fresh ArrayBuffer (the doubles,
// then the 4-byte, then the 1-byte columns).
Napi::Object TradesToJs(Napi::Env env, const TradeList& t) {
  const std::size_t n = t.pnl.size();
  Napi::ArrayBuffer buffer = Napi::ArrayBuffer::New(env, n * (9 * sizeof(double) + 2 * sizeof(std::int32_t) + 2));
  auto* base = static_cast<std::uint8_t*>(buffer.Data());
  std::size_t offset = 0;
  Napi::Object columns = Napi::Object::New(env);
  auto doubles = [&](const char* name, const double* values) {
    if (values != nullptr) std::memcpy(base + offset, values, n * sizeof(double));
    else std::memset(base + offset, 0, n * sizeof(double));
    columns.Set(name, Napi::Float64Array::New(env, n, buffer, offset));
    offset += n * sizeof(double);
  };
  doubles("entryTime", t.entry_time.data());
  doubles("entryPrice", t.entry_price.data());
  doubles("exitTime", t.exit_time.data());
  doubles("exitPrice", t.exit_price.data());
  doubles("quantity", t.quantity.data());
  doubles("pnl", t.pnl.data());
  doubles("commission", nullptr);
  doubles("mae", t.mae.data());
  doubles("mfe", t.mfe.data());
  std::memset(base + offset, 0, n * sizeof(std::int32_t));
  columns.Set("instrument", Napi::Int32Array::New(env, n, buffer, offset));
  offset += n * sizeof(std::int32_t);
  std::memcpy(base + offset, t.bars_held.data(), n * sizeof(std::int32_t));
  columns.Set("barsHeld", Napi::Int32Array::New(env, n, buffer, offset));
  offset += n * sizeof(std::int32_t);
  std::memset(base + offset, 1, n);
  columns.Set("side", Napi::Int8Array::New(env, n, buffer, offset));
  offset += n;
  std::memcpy(base + offset, t.reason.data(), n);
  columns.Set("exitReason", Napi::Uint8Array::New(env, n, buffer, offset));
  return columns;
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

// maCrossoverRun(bars, fast, slow, conventions {startingCash, periodsPerYear, riskFreeRate},
//                curve: {equity, cash, drawdown: Float64Array, exposed: Uint8Array})
//   → {stats: Float64Array (STAT_NAMES order), tradedValue, trades: {column: typed array}}
Napi::Value MaCrossoverRunBinding(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  const Napi::Object bars = info[0].As<Napi::Object>();
  const Napi::Object conventions = info[3].As<Napi::Object>();
  const Napi::Object out = info[4].As<Napi::Object>();
  const RunCurve curve{Column(out, "equity"), Column(out, "cash"), Column(out, "drawdown"), out.Get("exposed").As<Napi::Uint8Array>().Data()};
  const std::size_t n = bars.Get("close").As<Napi::Float64Array>().ElementLength();
  TradeList trades;
  double traded_value = 0;
  Napi::Float64Array stats = Napi::Float64Array::New(env, kStatCount);
  MaCrossoverRun(Column(bars, "time"), Column(bars, "open"), Column(bars, "high"), Column(bars, "low"), Column(bars, "close"), n,
                 info[1].As<Napi::Number>().Int32Value(), info[2].As<Napi::Number>().Int32Value(),
                 conventions.Get("startingCash").As<Napi::Number>().DoubleValue(), conventions.Get("periodsPerYear").As<Napi::Number>().Int32Value(),
                 conventions.Get("riskFreeRate").As<Napi::Number>().DoubleValue(), curve, &trades, stats.Data(), &traded_value);
  Napi::Object result = Napi::Object::New(env);
  result.Set("stats", stats);
  result.Set("tradedValue", traded_value);
  result.Set("trades", TradesToJs(env, trades));
  return result;
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("maCrossover", Napi::Function::New(env, MaCrossoverBinding, "maCrossover"));
  exports.Set("maCrossoverRun", Napi::Function::New(env, MaCrossoverRunBinding, "maCrossoverRun"));
  return exports;
}

}  // namespace

NODE_API_MODULE(backtest_reference, Init)
