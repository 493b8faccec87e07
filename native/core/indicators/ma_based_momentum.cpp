// The momentum indicators built on moving averages (MACD family, price oscillators, TRIX, the
// stochastics, RSI), as TA-Lib computes them. Shares moving_averages.h with overlap_studies.cpp.
#include <algorithm>

#include "indicator.h"
#include "moving_averages.h"

namespace quorum::ind {
namespace {

int ToInt(double v) { return static_cast<int>(v); }

ParamSpec IntParam(const char* name, const char* label, double default_value, double min) {
  return {name, label, ParamKind::kInteger, default_value, min, 100000};
}
ParamSpec MaTypeParam(const char* name, const char* label) {
  return {name, label, ParamKind::kMaType, 0, 0, kMaTypeCount - 1};
}

void FillNaN(double* out, std::size_t n) {
  for (std::size_t k = 0; k < n; ++k) out[k] = kNaN;
}

// Fast %K over `period` bars: where the close sits between the lowest low and the highest high,
// in percent (0 when the range is empty), computed as TA-Lib does: (close − low) / ((high − low) / 100).
class FastK {
 public:
  explicit FastK(int period)
      : lookback_(period - 1), highest_(static_cast<std::size_t>(period)), lowest_(static_cast<std::size_t>(period)) {}

  double Update(double high, double low, double close) {
    highest_.Push(high);
    lowest_.Push(low);
    const double highest = highest_.Value();
    const double lowest = lowest_.Value();
    if (seen_ < lookback_) {
      ++seen_;
      return kNaN;
    }
    ready_ = true;
    const double range = (highest - lowest) / 100.0;
    return range != 0.0 ? (close - lowest) / range : 0.0;
  }
  bool Ready() const { return ready_; }

 private:
  int lookback_;
  RollingMax highest_;
  RollingMin lowest_;
  int seen_ = 0;
  bool ready_ = false;
};

class Rsi {
 public:
  static constexpr std::size_t kOutputs = 1;
  static int Lookback(const Params& p) { return RelativeStrength::Lookback(ToInt(p[0])); }

  explicit Rsi(const Params& p) : rsi_(ToInt(p[0])) {}
  void Update(const Bar& bar, double* out) { out[0] = rsi_.Update(bar.close); }

 private:
  RelativeStrength rsi_;
};

// MACD with EMAs, as TA_INT_MACD: the fast EMA is seeded late so that its first value falls on
// the slow one's (bar slow − 1); the signal EMA is seeded with the first `signal` MACD values.
class MacdLines {
 public:
  MacdLines(int fast, double fast_k, int slow, double slow_k, int signal)
      : fast_start_(slow - fast), fast_(fast, fast_k), slow_(slow, slow_k), signal_(signal) {}
  static int Lookback(int slow, int signal) { return ExponentialAverage::Lookback(slow) + ExponentialAverage::Lookback(signal); }

  void Update(double x, double* out) {
    const double slow = slow_.Update(x);
    double fast = kNaN;
    if (bar_ >= fast_start_) {
      fast = fast_.Update(x);
    } else {
      ++bar_;
    }
    if (!slow_.Ready()) return FillNaN(out, 3);
    const double macd = fast - slow;
    const double signal = signal_.Update(macd);
    if (!signal_.Ready()) return FillNaN(out, 3);
    out[0] = macd;
    out[1] = signal;
    out[2] = macd - signal;
  }

 private:
  int fast_start_;
  int bar_ = 0;
  ExponentialAverage fast_;
  ExponentialAverage slow_;
  ExponentialAverage signal_;
};

class Macd {
 public:
  static constexpr std::size_t kOutputs = 3;
  static int Lookback(const Params& p) {
    return MacdLines::Lookback(std::max(ToInt(p[0]), ToInt(p[1])), ToInt(p[2]));
  }

  explicit Macd(const Params& p) : lines_(Make(ToInt(p[0]), ToInt(p[1]), ToInt(p[2]))) {}
  void Update(const Bar& bar, double* out) { lines_.Update(bar.close, out); }

 private:
  static MacdLines Make(int fast, int slow, int signal) {
    if (slow < fast) std::swap(fast, slow);
    return MacdLines(fast, 2.0 / static_cast<double>(fast + 1), slow, 2.0 / static_cast<double>(slow + 1), signal);
  }
  MacdLines lines_;
};

// MACD 12/26 with TA-Lib's fixed smoothing constants 0.15 and 0.075.
class MacdFix {
 public:
  static constexpr std::size_t kOutputs = 3;
  static int Lookback(const Params& p) { return MacdLines::Lookback(26, ToInt(p[0])); }

  explicit MacdFix(const Params& p) : lines_(12, 0.15, 26, 0.075, ToInt(p[0])) {}
  void Update(const Bar& bar, double* out) { lines_.Update(bar.close, out); }

 private:
  MacdLines lines_;
};

// MACD with any MA types. As TA_MACDEXT: the MA with the shorter lookback starts later so both
// give their first value on the same bar; the signal MA runs over the MACD values. `Average` is
// MovingAverage, or one MaBlock when the three types are the same (see RegisterByMaType).
template <class Average>
class MacdExt {
 public:
  static constexpr std::size_t kOutputs = 3;
  static int Lookback(const Params& p) {
    const int fast = MovingAverage::Lookback(ToInt(p[0]), ToInt(p[1]));
    const int slow = MovingAverage::Lookback(ToInt(p[2]), ToInt(p[3]));
    return std::max(fast, slow) + MovingAverage::Lookback(ToInt(p[4]), ToInt(p[5]));
  }

  explicit MacdExt(const Params& p) : MacdExt(Ordered(p)) {}

  void Update(const Bar& bar, double* out) {
    const double x = bar.close;
    double fast = kNaN;
    double slow = kNaN;
    if (bar_ >= fast_start_) fast = fast_.Update(x);
    if (bar_ >= slow_start_) slow = slow_.Update(x);
    if (bar_ < start_) {
      ++bar_;
      return FillNaN(out, 3);
    }
    const double macd = fast - slow;
    const double signal = signal_.Update(macd);
    if (!signal_.Ready()) return FillNaN(out, 3);
    out[0] = macd;
    out[1] = signal;
    out[2] = macd - signal;
  }

 private:
  // Fast/slow periods and types, swapped (together) when the slow period is the shorter.
  struct Setup {
    int fast_period, fast_type, slow_period, slow_type, signal_period, signal_type;
  };
  static Setup Ordered(const Params& p) {
    Setup s{ToInt(p[0]), ToInt(p[1]), ToInt(p[2]), ToInt(p[3]), ToInt(p[4]), ToInt(p[5])};
    if (s.slow_period < s.fast_period) {
      std::swap(s.fast_period, s.slow_period);
      std::swap(s.fast_type, s.slow_type);
    }
    return s;
  }
  explicit MacdExt(const Setup& s)
      : start_(std::max(MovingAverage::Lookback(s.fast_period, s.fast_type),
                        MovingAverage::Lookback(s.slow_period, s.slow_type))),
        fast_start_(start_ - MovingAverage::Lookback(s.fast_period, s.fast_type)),
        slow_start_(start_ - MovingAverage::Lookback(s.slow_period, s.slow_type)),
        fast_(s.fast_period, s.fast_type, fast_start_),
        slow_(s.slow_period, s.slow_type, slow_start_),
        signal_(s.signal_period, s.signal_type, 0) {}

  int start_;  // the first bar with a MACD value
  int fast_start_;
  int slow_start_;
  int bar_ = 0;
  Average fast_;
  Average slow_;
  Average signal_;
};

// APO (fast MA − slow MA) and PPO (the same in percent of the slow MA), as TA_INT_PO: both MAs
// start on the first bar.
template <bool kPercent, class Average>
class PriceOscillator {
 public:
  static constexpr std::size_t kOutputs = 1;
  static int Lookback(const Params& p) { return MovingAverage::Lookback(std::max(ToInt(p[0]), ToInt(p[1])), ToInt(p[2])); }

  explicit PriceOscillator(const Params& p)
      : fast_(std::min(ToInt(p[0]), ToInt(p[1])), ToInt(p[2]), 0), slow_(std::max(ToInt(p[0]), ToInt(p[1])), ToInt(p[2]), 0) {}

  void Update(const Bar& bar, double* out) {
    const double fast = fast_.Update(bar.close);
    const double slow = slow_.Update(bar.close);
    if (!slow_.Ready()) {
      out[0] = kNaN;
    } else if (kPercent) {
      out[0] = TalibIsZero(slow) ? 0.0 : ((fast - slow) / slow) * 100.0;
    } else {
      out[0] = fast - slow;
    }
  }

 private:
  Average fast_;
  Average slow_;
};
template <class Average>
using Apo = PriceOscillator<false, Average>;
template <class Average>
using Ppo = PriceOscillator<true, Average>;

// TRIX: the 1-bar rate of change, in percent, of a triple EMA.
class Trix {
 public:
  static constexpr std::size_t kOutputs = 1;
  static int Lookback(const Params& p) { return 3 * ExponentialAverage::Lookback(ToInt(p[0])) + 1; }

  explicit Trix(const Params& p) : first_(ToInt(p[0])), second_(ToInt(p[0])), third_(ToInt(p[0])) {}

  void Update(const Bar& bar, double* out) {
    out[0] = kNaN;
    const double e1 = first_.Update(bar.close);
    if (!first_.Ready()) return;
    const double e2 = second_.Update(e1);
    if (!second_.Ready()) return;
    const double e3 = third_.Update(e2);
    if (!third_.Ready()) return;
    if (has_previous_) out[0] = previous_ != 0.0 ? ((e3 / previous_) - 1.0) * 100.0 : 0.0;
    has_previous_ = true;
    previous_ = e3;
  }

 private:
  ExponentialAverage first_;
  ExponentialAverage second_;
  ExponentialAverage third_;
  double previous_ = 0.0;
  bool has_previous_ = false;
};

// Slow stochastic: %K smoothed by one MA, %D smoothing that.
template <class Average>
class Stoch {
 public:
  static constexpr std::size_t kOutputs = 2;
  static int Lookback(const Params& p) {
    return (ToInt(p[0]) - 1) + MovingAverage::Lookback(ToInt(p[1]), ToInt(p[2])) +
           MovingAverage::Lookback(ToInt(p[3]), ToInt(p[4]));
  }

  explicit Stoch(const Params& p)
      : fast_k_(ToInt(p[0])), slow_k_(ToInt(p[1]), ToInt(p[2]), 0), slow_d_(ToInt(p[3]), ToInt(p[4]), 0) {}

  void Update(const Bar& bar, double* out) {
    const double k = fast_k_.Update(bar.high, bar.low, bar.close);
    if (!fast_k_.Ready()) return FillNaN(out, 2);
    const double slow_k = slow_k_.Update(k);
    if (!slow_k_.Ready()) return FillNaN(out, 2);
    const double slow_d = slow_d_.Update(slow_k);
    if (!slow_d_.Ready()) return FillNaN(out, 2);
    out[0] = slow_k;
    out[1] = slow_d;
  }

 private:
  FastK fast_k_;
  Average slow_k_;
  Average slow_d_;
};

// Fast stochastic: %K and its MA %D.
template <class Average>
class StochF {
 public:
  static constexpr std::size_t kOutputs = 2;
  static int Lookback(const Params& p) { return (ToInt(p[0]) - 1) + MovingAverage::Lookback(ToInt(p[1]), ToInt(p[2])); }

  explicit StochF(const Params& p) : fast_k_(ToInt(p[0])), fast_d_(ToInt(p[1]), ToInt(p[2]), 0) {}

  void Update(const Bar& bar, double* out) {
    const double k = fast_k_.Update(bar.high, bar.low, bar.close);
    if (!fast_k_.Ready()) return FillNaN(out, 2);
    const double d = fast_d_.Update(k);
    if (!fast_d_.Ready()) return FillNaN(out, 2);
    out[0] = k;
    out[1] = d;
  }

 private:
  FastK fast_k_;
  Average fast_d_;
};

// Stochastic RSI: the fast stochastic of the RSI (the RSI serving as high, low and close).
template <class Average>
class StochRsi {
 public:
  static constexpr std::size_t kOutputs = 2;
  static int Lookback(const Params& p) {
    return RelativeStrength::Lookback(ToInt(p[0])) + (ToInt(p[1]) - 1) + MovingAverage::Lookback(ToInt(p[2]), ToInt(p[3]));
  }

  explicit StochRsi(const Params& p) : rsi_(ToInt(p[0])), fast_k_(ToInt(p[1])), fast_d_(ToInt(p[2]), ToInt(p[3]), 0) {}

  void Update(const Bar& bar, double* out) {
    const double rsi = rsi_.Update(bar.close);
    if (!rsi_.Ready()) return FillNaN(out, 2);
    const double k = fast_k_.Update(rsi, rsi, rsi);
    if (!fast_k_.Ready()) return FillNaN(out, 2);
    const double d = fast_d_.Update(k);
    if (!fast_d_.Ready()) return FillNaN(out, 2);
    out[0] = k;
    out[1] = d;
  }

 private:
  RelativeStrength rsi_;
  FastK fast_k_;
  Average fast_d_;
};

constexpr const char* kGroup = "Momentum Indicators";

}  // namespace

void RegisterMaBasedMomentum(Registry& registry) {
  const ParamSpec fast = IntParam("fastPeriod", "Fast Period", 12, 2);
  const ParamSpec slow = IntParam("slowPeriod", "Slow Period", 26, 2);
  const ParamSpec signal = IntParam("signalPeriod", "Signal Period", 9, 1);
  const std::vector<std::string> macd_outputs = {"macd", "macdSignal", "macdHist"};

  // The indicators with MA-type parameters: one class per type when all their averages are of the
  // same type (the (period, type) parameter pairs listed), the run-time MovingAverage otherwise.
  using MacdExtByType = SelectByMaType<MacdExt<MovingAverage>, MacdExt, 0, 1, 2, 3, 4, 5>;
  using ApoByType = SelectByMaType<Apo<MovingAverage>, Apo, 1, 2>;
  using PpoByType = SelectByMaType<Ppo<MovingAverage>, Ppo, 1, 2>;
  using StochByType = SelectByMaType<Stoch<MovingAverage>, Stoch, 1, 2, 3, 4>;
  using StochFByType = SelectByMaType<StochF<MovingAverage>, StochF, 1, 2>;
  using StochRsiByType = SelectByMaType<StochRsi<MovingAverage>, StochRsi, 2, 3>;

  Register<Rsi>(registry, {"RSI", "Relative Strength Index", kGroup, kClose, {IntParam("period", "Time Period", 14, 2)}, {"real"},
                           false, true, nullptr, nullptr, nullptr});
  Register<Macd>(registry, {"MACD", "Moving Average Convergence/Divergence", kGroup, kClose, {fast, slow, signal}, macd_outputs,
                            false, true, nullptr, nullptr, nullptr});
  RegisterByMaType<MacdExtByType>(registry, {"MACDEXT", "MACD with controllable MA type", kGroup, kClose,
                                             {fast, MaTypeParam("fastMaType", "Fast MA"), slow, MaTypeParam("slowMaType", "Slow MA"),
                                              signal, MaTypeParam("signalMaType", "Signal MA")},
                                             macd_outputs, false, true, nullptr, nullptr, nullptr});
  Register<MacdFix>(registry, {"MACDFIX", "Moving Average Convergence/Divergence Fix 12/26", kGroup, kClose, {signal},
                               macd_outputs, false, true, nullptr, nullptr, nullptr});
  RegisterByMaType<ApoByType>(registry, {"APO", "Absolute Price Oscillator", kGroup, kClose,
                                         {fast, slow, MaTypeParam("maType", "MA Type")}, {"real"}, false, true, nullptr, nullptr,
                                         nullptr});
  RegisterByMaType<PpoByType>(registry, {"PPO", "Percentage Price Oscillator", kGroup, kClose,
                                         {fast, slow, MaTypeParam("maType", "MA Type")}, {"real"}, false, true, nullptr, nullptr,
                                         nullptr});
  Register<Trix>(registry, {"TRIX", "1-day Rate-Of-Change (ROC) of a Triple Smooth EMA", kGroup, kClose,
                            {IntParam("period", "Time Period", 30, 1)}, {"real"}, false, true, nullptr, nullptr, nullptr});
  RegisterByMaType<StochByType>(registry, {"STOCH", "Stochastic", kGroup, kHigh | kLow | kClose,
                                           {IntParam("fastKPeriod", "Fast-K Period", 5, 1),
                                            IntParam("slowKPeriod", "Slow-K Period", 3, 1), MaTypeParam("slowKMaType", "Slow-K MA"),
                                            IntParam("slowDPeriod", "Slow-D Period", 3, 1), MaTypeParam("slowDMaType", "Slow-D MA")},
                                           {"slowK", "slowD"}, false, true, nullptr, nullptr, nullptr});
  RegisterByMaType<StochFByType>(registry, {"STOCHF", "Stochastic Fast", kGroup, kHigh | kLow | kClose,
                                            {IntParam("fastKPeriod", "Fast-K Period", 5, 1),
                                             IntParam("fastDPeriod", "Fast-D Period", 3, 1), MaTypeParam("fastDMaType", "Fast-D MA")},
                                            {"fastK", "fastD"}, false, true, nullptr, nullptr, nullptr});
  RegisterByMaType<StochRsiByType>(registry, {"STOCHRSI", "Stochastic Relative Strength Index", kGroup, kClose,
                                              {IntParam("period", "Time Period", 14, 2), IntParam("fastKPeriod", "Fast-K Period", 5, 1),
                                               IntParam("fastDPeriod", "Fast-D Period", 3, 1),
                                               MaTypeParam("fastDMaType", "Fast-D MA")},
                                              {"fastK", "fastD"}, false, true, nullptr, nullptr, nullptr});
}

}  // namespace quorum::ind
