#include <cstddef>

#include "directional_movement.h"
#include "indicator.h"

namespace quorum::ind {
namespace {

// TRANGE: the first bar has no previous close, so (as in TA-Lib) it gives no value.
class TrueRangeIndicator {
 public:
  static constexpr std::size_t kOutputs = 1;
  static int Lookback(const Params& /*p*/) { return 1; }

  explicit TrueRangeIndicator(const Params& /*p*/) {}

  void Update(const Bar& bar, double* out) {
    out[0] = started_ ? TrueRange(bar.high, bar.low, prev_close_) : kNaN;
    started_ = true;
    prev_close_ = bar.close;
  }

 private:
  bool started_ = false;
  double prev_close_ = 0.0;
};

// Wilder's average true range as TA-Lib computes it: the first value (on bar `period`) is the
// plain mean of the true ranges of bars 1..period, then atr = (atr * (period - 1) + tr) / period.
// With period 1 this is the true range itself, bit for bit.
class WilderAtr {
 public:
  explicit WilderAtr(double period)
      : period_(period), period_minus_one_(period - 1.0), seed_bars_(static_cast<std::size_t>(period)) {}

  // Feeds one bar; returns true when *atr holds today's value (from bar `period` on).
  bool Next(const Bar& bar, double* atr) {
    const double tr = TrueRange(bar.high, bar.low, prev_close_);
    prev_close_ = bar.close;
    const std::size_t t = bars_++;
    if (t > seed_bars_) {
      atr_ = (atr_ * period_minus_one_ + tr) / period_;
    } else {
      if (t == 0) return false;
      atr_ += tr;
      if (t < seed_bars_) return false;
      atr_ /= period_;
    }
    *atr = atr_;
    return true;
  }

 private:
  double period_;
  double period_minus_one_;
  std::size_t seed_bars_;
  std::size_t bars_ = 0;
  double prev_close_ = 0.0;
  double atr_ = 0.0;
};

class AverageTrueRange {
 public:
  static constexpr std::size_t kOutputs = 1;
  static int Lookback(const Params& p) { return static_cast<int>(p[0]); }

  explicit AverageTrueRange(const Params& p) : atr_(p[0]) {}

  void Update(const Bar& bar, double* out) {
    double atr;
    out[0] = atr_.Next(bar, &atr) ? atr : kNaN;
  }

 private:
  WilderAtr atr_;
};

// NATR = ATR / close * 100 (0 when the close is ~0). As in TA-Lib, period 1 gives the plain,
// un-normalised true range.
class NormalizedAverageTrueRange {
 public:
  static constexpr std::size_t kOutputs = 1;
  static int Lookback(const Params& p) { return static_cast<int>(p[0]); }

  explicit NormalizedAverageTrueRange(const Params& p) : atr_(p[0]), normalize_(p[0] > 1.0) {}

  void Update(const Bar& bar, double* out) {
    double atr;
    if (!atr_.Next(bar, &atr)) {
      out[0] = kNaN;
    } else if (!normalize_) {
      out[0] = atr;
    } else {
      out[0] = NearZero(bar.close) ? 0.0 : (atr / bar.close) * 100.0;
    }
  }

 private:
  WilderAtr atr_;
  bool normalize_;
};

ParamSpec PeriodParam(double default_value, double min) {
  return {"period", "Time Period", ParamKind::kInteger, default_value, min, 100000};
}

}  // namespace

void RegisterVolatilityIndicators(Registry& registry) {
  const unsigned hlc = kHigh | kLow | kClose;
  Register<AverageTrueRange>(registry, {"ATR", "Average True Range", "Volatility Indicators", hlc, {PeriodParam(14, 1)},
                                        {"real"}, false, true, nullptr, nullptr, nullptr});
  Register<NormalizedAverageTrueRange>(registry, {"NATR", "Normalized Average True Range", "Volatility Indicators", hlc,
                                                  {PeriodParam(14, 1)}, {"real"}, false, true, nullptr, nullptr, nullptr});
  Register<TrueRangeIndicator>(registry, {"TRANGE", "True Range", "Volatility Indicators", hlc, {}, {"real"}, false, true,
                                          nullptr, nullptr, nullptr});
}

}  // namespace quorum::ind
