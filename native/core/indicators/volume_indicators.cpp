#include <cmath>
#include <cstddef>
#include <vector>

#include "indicator.h"

namespace quorum::ind {
namespace {

// OBV: running total of volume, added on an up close, subtracted on a down close; TA-Lib starts
// it at the first bar's volume.
class OnBalanceVolume {
 public:
  static constexpr std::size_t kOutputs = 1;
  static int Lookback(const Params& /*p*/) { return 0; }

  explicit OnBalanceVolume(const Params& /*p*/) {}

  void Update(const Bar& bar, double* out) {
    if (!started_) {
      started_ = true;
      obv_ = bar.volume;
      prev_close_ = bar.close;
    } else {
      // Arithmetic rather than branches (up or down is a coin flip, and compilers turn selects
      // back into branches here): for a finite volume, v * ±1 and x + (-v) are exact and adding
      // ±0.0 changes nothing, so this is TA-Lib's arithmetic.
      const int direction = static_cast<int>(bar.close > prev_close_) - static_cast<int>(bar.close < prev_close_);
      obv_ += bar.volume * static_cast<double>(direction);
      prev_close_ = bar.close;
    }
    out[0] = obv_;
  }

 private:
  bool started_ = false;
  double obv_ = 0.0;
  double prev_close_ = 0.0;
};

// Chaikin's accumulation/distribution line: the running sum of the close location value
// ((close - low) - (high - close)) / (high - low) times volume; bars without range add nothing.
class AdLine {
 public:
  double Next(const Bar& bar) {
    const double range = bar.high - bar.low;
    if (range > 0.0) ad_ += (((bar.close - bar.low) - (bar.high - bar.close)) / range) * bar.volume;
    return ad_;
  }

 private:
  double ad_ = 0.0;
};

class ChaikinAdLine {
 public:
  static constexpr std::size_t kOutputs = 1;
  static int Lookback(const Params& /*p*/) { return 0; }

  explicit ChaikinAdLine(const Params& /*p*/) {}

  void Update(const Bar& bar, double* out) { out[0] = ad_.Next(bar); }

 private:
  AdLine ad_;
};

// ADOSC: EMA(fast) - EMA(slow) of the A/D line. As in TA-Lib both EMAs start at the first A/D
// value (not at an SMA) with k = 2 / (period + 1), and values show from bar max(fast, slow) - 1.
class ChaikinAdOscillator {
 public:
  static constexpr std::size_t kOutputs = 1;
  static int Lookback(const Params& p) { return static_cast<int>(p[0] > p[1] ? p[0] : p[1]) - 1; }

  explicit ChaikinAdOscillator(const Params& p)
      : lookback_(static_cast<std::size_t>(Lookback(p))),
        fast_k_(2.0 / (p[0] + 1.0)),
        fast_rest_(1.0 - fast_k_),
        slow_k_(2.0 / (p[1] + 1.0)),
        slow_rest_(1.0 - slow_k_) {}

  void Update(const Bar& bar, double* out) {
    const double ad = ad_.Next(bar);
    if (bars_ == 0) {
      fast_ = ad;
      slow_ = ad;
    } else {
      fast_ = (fast_k_ * ad) + (fast_rest_ * fast_);
      slow_ = (slow_k_ * ad) + (slow_rest_ * slow_);
    }
    out[0] = bars_++ >= lookback_ ? fast_ - slow_ : kNaN;
  }

 private:
  std::size_t lookback_;
  double fast_k_;
  double fast_rest_;
  double slow_k_;
  double slow_rest_;
  AdLine ad_;
  double fast_ = 0.0;
  double slow_ = 0.0;
  std::size_t bars_ = 0;
};

// The sum of the last `window` values without a running total's drift (VWAP streams forever):
// as in van Herk / Gil-Werman, the window is the tail of the previous block of `window` values
// (suffix sums, computed once when that block completes) plus the head of the current one, so
// every sum comes from at most 2 * window fresh additions, and a window of zeros sums to 0.
class BlockSum {
 public:
  explicit BlockSum(std::size_t window)
      : window_(window > 0 ? window : 1), block_(window_, 0.0), suffix_(window_ + 1, 0.0) {}

  // Adds a value and returns the sum of the last `window` values (fewer before that many).
  double Push(double value) {
    block_[pos_] = value;
    prefix_ += value;
    const double sum = suffix_[pos_ + 1] + prefix_;
    if (++pos_ == window_) {
      double tail = 0.0;
      for (std::size_t i = window_; i-- > 0;) {
        tail += block_[i];
        suffix_[i] = tail;
      }
      pos_ = 0;
      prefix_ = 0.0;
    }
    return sum;
  }

 private:
  std::size_t window_;
  std::vector<double> block_;
  std::vector<double> suffix_;  // [i]: sum of the previous block from i on; [window] = 0
  std::size_t pos_ = 0;
  double prefix_ = 0.0;
};

// VWAP (not in TA-Lib), volume-weighted typical price (H+L+C)/3, sum(tp * v) / sum(v).
// Convention: anchor 0 = session VWAP, reset when the UTC day (floor(time / 86400)) changes; N = last N bars, rolling.
// While the volume summed is 0 the value is the bar's own typical price.
class Vwap {
 public:
  static constexpr std::size_t kOutputs = 1;
  static int Lookback(const Params& p) { return p[0] >= 1 ? static_cast<int>(p[0]) - 1 : 0; }

  explicit Vwap(const Params& p)
      : window_(static_cast<std::size_t>(p[0])), rolling_price_volume_(window_), rolling_volume_(window_) {}

  void Update(const Bar& bar, double* out) {
    const double typical = (bar.high + bar.low + bar.close) / 3.0;
    const double pv = typical * bar.volume;
    double pv_sum;
    double volume_sum;
    if (window_ == 0) {
      const double day = std::floor(bar.time / 86400.0);
      if (bars_ == 0 || day != day_) {
        day_ = day;
        session_price_volume_ = 0.0;
        session_volume_ = 0.0;
      }
      pv_sum = session_price_volume_ += pv;
      volume_sum = session_volume_ += bar.volume;
    } else {
      pv_sum = rolling_price_volume_.Push(pv);
      volume_sum = rolling_volume_.Push(bar.volume);
    }
    if (bars_++ + 1 < window_) {
      out[0] = kNaN;
      return;
    }
    out[0] = volume_sum != 0.0 ? pv_sum / volume_sum : typical;
  }

 private:
  std::size_t window_;  // 0 = session
  BlockSum rolling_price_volume_;
  BlockSum rolling_volume_;
  std::size_t bars_ = 0;
  double day_ = 0.0;
  double session_price_volume_ = 0.0;
  double session_volume_ = 0.0;
};

}  // namespace

void RegisterVolumeIndicators(Registry& registry) {
  const unsigned hlcv = kHigh | kLow | kClose | kVolume;
  Register<OnBalanceVolume>(registry, {"OBV", "On Balance Volume", "Volume Indicators", kClose | kVolume, {}, {"real"},
                                       false, true, nullptr, nullptr, nullptr});
  Register<ChaikinAdLine>(registry, {"AD", "Chaikin A/D Line", "Volume Indicators", hlcv, {}, {"real"}, false, true,
                                     nullptr, nullptr, nullptr});
  Register<ChaikinAdOscillator>(registry, {"ADOSC", "Chaikin A/D Oscillator", "Volume Indicators", hlcv,
                                           {{"fastPeriod", "Fast Period", ParamKind::kInteger, 3, 2, 100000},
                                            {"slowPeriod", "Slow Period", ParamKind::kInteger, 10, 2, 100000}},
                                           {"real"}, false, true, nullptr, nullptr, nullptr});
  Register<Vwap>(registry, {"VWAP", "Volume Weighted Average Price", "Volume Indicators", kTime | hlcv,
                            {{"anchor", "Anchor (0 = session, N = rolling bars)", ParamKind::kInteger, 0, 0, 100000}},
                            {"real"}, true, false, nullptr, nullptr, nullptr});
}

}  // namespace quorum::ind
