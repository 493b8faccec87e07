#include <algorithm>
#include <cmath>

#include "indicator.h"
#include "moving_averages.h"

namespace quorum::ind {
namespace {

constexpr double kTalibRealMax = 3e37;  // TA_REAL_MAX, the bound of TA-Lib's unbounded real params

int ToInt(double v) { return static_cast<int>(v); }

ParamSpec PeriodParam(double default_value, double min) {
  return {"period", "Time Period", ParamKind::kInteger, default_value, min, 100000};
}
ParamSpec MaTypeParam(const char* name, const char* label) {
  return {name, label, ParamKind::kMaType, 0, 0, kMaTypeCount - 1};
}

// An average of the close with one `period` parameter (SMA, EMA, WMA, DEMA, TEMA, TRIMA, KAMA):
// the building block of moving_averages.h, fed with closes.
template <class Average>
class CloseAverage {
 public:
  static constexpr std::size_t kOutputs = 1;
  static int Lookback(const Params& p) { return Average::Lookback(ToInt(p[0])); }

  explicit CloseAverage(const Params& p) : average_(ToInt(p[0])) {}
  void Update(const Bar& bar, double* out) { out[0] = average_.Update(bar.close); }

 private:
  Average average_;
};

class T3 {
 public:
  static constexpr std::size_t kOutputs = 1;
  static int Lookback(const Params& p) { return T3Average::Lookback(ToInt(p[0])); }

  explicit T3(const Params& p) : average_(ToInt(p[0]), p[1]) {}
  void Update(const Bar& bar, double* out) { out[0] = average_.Update(bar.close); }

 private:
  T3Average average_;
};

// MA: the average of the type chosen by number (instantiated per type; see RegisterByMaType).
template <class Average>
class Ma {
 public:
  static constexpr std::size_t kOutputs = 1;
  static int Lookback(const Params& p) { return MovingAverage::Lookback(ToInt(p[0]), ToInt(p[1])); }

  explicit Ma(const Params& p) : average_(ToInt(p[0]), ToInt(p[1]), 0) {}
  void Update(const Bar& bar, double* out) { out[0] = average_.Update(bar.close); }

 private:
  Average average_;
};

class Mama {
 public:
  static constexpr std::size_t kOutputs = 2;
  static int Lookback(const Params&) { return MesaAdaptiveAverage::Lookback(); }

  explicit Mama(const Params& p) : average_(p[0], p[1]) {}
  void Update(const Bar& bar, double* out) {
    out[0] = average_.Update(bar.close);
    out[1] = average_.Fama();
  }

 private:
  MesaAdaptiveAverage average_;
};

// Bollinger Bands: the MA of the chosen type ± population standard deviations over `period`.
// As TA-Lib: with an SMA the variance is mean(x²) − SMA², with the SMA itself; with any other
// type it is VAR's mean(x²) − mean(x)², its running sums starting with the window that ends where
// the MA's first value is. (TA-Lib misaligns the bands with MAMA and period > 33, where MAMA's
// 32-bar lookback is shorter than the window; here the bands start at the window's end instead.)
template <class Average>
class Bbands {
 public:
  static constexpr std::size_t kOutputs = 3;
  static int Lookback(const Params& p) {
    const int period = ToInt(p[0]);
    return std::max(MovingAverage::Lookback(period, ToInt(p[3])), period - 1);
  }

  explicit Bbands(const Params& p)
      : period_(static_cast<double>(ToInt(p[0]))),
        dev_up_(p[1]),
        dev_down_(p[2]),
        simple_(ToInt(p[3]) == static_cast<int>(MaType::kSma)),
        lookback_(Lookback(p)),
        start_(lookback_ - (ToInt(p[0]) - 1)),
        middle_(ToInt(p[0]), ToInt(p[3]), 0),
        window_(static_cast<std::size_t>(ToInt(p[0]))) {}

  void Update(const Bar& bar, double* out) {
    const double x = bar.close;
    const double middle = middle_.Update(x);
    if (bar_ < lookback_) {
      if (bar_++ >= start_) {
        window_.Push(x);
        sum_ += x;
        sum_squares_ += x * x;
      }
      out[0] = out[1] = out[2] = kNaN;
      return;
    }
    window_.Push(x);
    const double leaving = window_.Oldest();
    double variance;
    if (simple_) {
      sum_squares_ += x * x;
      variance = sum_squares_ / period_;
      sum_squares_ -= leaving * leaving;
      variance -= middle * middle;
    } else {
      sum_ += x;
      sum_squares_ += x * x;
      const double mean = sum_ / period_;
      const double mean_squares = sum_squares_ / period_;
      sum_ -= leaving;
      sum_squares_ -= leaving * leaving;
      variance = mean_squares - mean * mean;
    }
    const double deviation = variance < 1e-14 ? 0.0 : std::sqrt(variance);
    out[0] = middle + deviation * dev_up_;
    out[1] = middle;
    out[2] = middle - deviation * dev_down_;
  }

 private:
  double period_;
  double dev_up_;
  double dev_down_;
  bool simple_;
  int lookback_;
  int start_;
  Average middle_;
  FixedWindow window_;
  double sum_ = 0.0;
  double sum_squares_ = 0.0;
  int bar_ = 0;
};

// (highest + lowest) / 2 over `period`: of the close for MIDPOINT, of the high and the low for
// MIDPRICE.
template <double Bar::*kHigh, double Bar::*kLow>
class MidRange {
 public:
  static constexpr std::size_t kOutputs = 1;
  static int Lookback(const Params& p) { return ToInt(p[0]) - 1; }

  explicit MidRange(const Params& p)
      : lookback_(Lookback(p)), highest_(static_cast<std::size_t>(ToInt(p[0]))), lowest_(static_cast<std::size_t>(ToInt(p[0]))) {}
  void Update(const Bar& bar, double* out) {
    highest_.Push(bar.*kHigh);
    lowest_.Push(bar.*kLow);
    if (bar_ < lookback_) {
      ++bar_;
      out[0] = kNaN;
      return;
    }
    out[0] = (highest_.Value() + lowest_.Value()) / 2.0;
  }

 private:
  int lookback_;
  RollingMax highest_;
  RollingMin lowest_;
  int bar_ = 0;
};
using Midpoint = MidRange<&Bar::close, &Bar::close>;
using Midprice = MidRange<&Bar::high, &Bar::low>;

// Parabolic SAR as TA-Lib runs it: the first bar only sets the starting direction (short when
// the second bar's -DM is positive) and the starting SAR (the first bar's extreme); the value
// written for a bar is the SAR before that bar's own update, and a reversal writes the old EP
// clamped to the two bars' range.
class Sar {
 public:
  static constexpr std::size_t kOutputs = 1;
  static int Lookback(const Params&) { return 1; }

  explicit Sar(const Params& p) : acceleration_(std::min(p[0], p[1])), maximum_(p[1]), factor_(acceleration_) {}

  void Update(const Bar& bar, double* out) {
    const double high = bar.high;
    const double low = bar.low;
    double prev_high = prev_high_;
    double prev_low = prev_low_;
    prev_high_ = high;
    prev_low_ = low;
    if (!started_) {
      if (!seen_first_) {
        seen_first_ = true;
        out[0] = kNaN;
        return;
      }
      started_ = true;
      const double plus_move = high - prev_high;
      const double minus_move = prev_low - low;
      const double minus_dm = (minus_move > 0 && plus_move < minus_move) ? minus_move : 0;
      long_ = !(minus_dm > 0);
      if (long_) {
        extreme_ = high;
        sar_ = prev_low;
      } else {
        extreme_ = low;
        sar_ = prev_high;
      }
      // The first step compares with the bar itself.
      prev_high = high;
      prev_low = low;
    }
    if (long_) {
      if (low <= sar_) {
        long_ = false;
        sar_ = extreme_;
        if (sar_ < prev_high) sar_ = prev_high;
        if (sar_ < high) sar_ = high;
        out[0] = sar_;
        factor_ = acceleration_;
        extreme_ = low;
        sar_ = sar_ + factor_ * (extreme_ - sar_);
        if (sar_ < prev_high) sar_ = prev_high;
        if (sar_ < high) sar_ = high;
      } else {
        out[0] = sar_;
        if (high > extreme_) {
          extreme_ = high;
          factor_ += acceleration_;
          if (factor_ > maximum_) factor_ = maximum_;
        }
        sar_ = sar_ + factor_ * (extreme_ - sar_);
        if (sar_ > prev_low) sar_ = prev_low;
        if (sar_ > low) sar_ = low;
      }
    } else {
      if (high >= sar_) {
        long_ = true;
        sar_ = extreme_;
        if (sar_ > prev_low) sar_ = prev_low;
        if (sar_ > low) sar_ = low;
        out[0] = sar_;
        factor_ = acceleration_;
        extreme_ = high;
        sar_ = sar_ + factor_ * (extreme_ - sar_);
        if (sar_ > prev_low) sar_ = prev_low;
        if (sar_ > low) sar_ = low;
      } else {
        out[0] = sar_;
        if (low < extreme_) {
          extreme_ = low;
          factor_ += acceleration_;
          if (factor_ > maximum_) factor_ = maximum_;
        }
        sar_ = sar_ + factor_ * (extreme_ - sar_);
        if (sar_ < prev_high) sar_ = prev_high;
        if (sar_ < high) sar_ = high;
      }
    }
  }

 private:
  double acceleration_;
  double maximum_;
  double factor_;
  double extreme_ = 0.0;
  double sar_ = 0.0;
  double prev_high_ = 0.0;
  double prev_low_ = 0.0;
  bool long_ = true;
  bool seen_first_ = false;
  bool started_ = false;
};

constexpr const char* kGroup = "Overlap Studies";

}  // namespace

void RegisterOverlapStudies(Registry& registry) {
  const ParamSpec period30 = PeriodParam(30, 2);
  Register<CloseAverage<SimpleAverage>>(registry, {"SMA", "Simple Moving Average", kGroup, kClose, {period30}, {"real"}, true,
                                                   true, nullptr, nullptr, nullptr});
  Register<CloseAverage<ExponentialAverage>>(registry, {"EMA", "Exponential Moving Average", kGroup, kClose, {period30}, {"real"},
                                                        true, true, nullptr, nullptr, nullptr});
  Register<CloseAverage<WeightedAverage>>(registry, {"WMA", "Weighted Moving Average", kGroup, kClose, {period30}, {"real"}, true,
                                                     true, nullptr, nullptr, nullptr});
  Register<CloseAverage<DoubleExponentialAverage>>(registry, {"DEMA", "Double Exponential Moving Average", kGroup, kClose,
                                                              {period30}, {"real"}, true, true, nullptr, nullptr, nullptr});
  Register<CloseAverage<TripleExponentialAverage>>(registry, {"TEMA", "Triple Exponential Moving Average", kGroup, kClose,
                                                              {period30}, {"real"}, true, true, nullptr, nullptr, nullptr});
  Register<CloseAverage<TriangularAverage>>(registry, {"TRIMA", "Triangular Moving Average", kGroup, kClose, {period30}, {"real"},
                                                       true, true, nullptr, nullptr, nullptr});
  Register<CloseAverage<KaufmanAverage>>(registry, {"KAMA", "Kaufman Adaptive Moving Average", kGroup, kClose, {period30},
                                                    {"real"}, true, true, nullptr, nullptr, nullptr});
  Register<T3>(registry, {"T3", "Triple Exponential Moving Average (T3)", kGroup, kClose,
                          {PeriodParam(5, 2), {"vFactor", "Volume Factor", ParamKind::kReal, 0.7, 0, 1}}, {"real"}, true, true,
                          nullptr, nullptr, nullptr});
  // MA and BBANDS: one class per MA type (params 0 and 1, 0 and 3 are the period and the type).
  using MaByType = SelectByMaType<Ma<MovingAverage>, Ma, 0, 1>;
  using BbandsByType = SelectByMaType<Bbands<MovingAverage>, Bbands, 0, 3>;
  RegisterByMaType<MaByType>(registry, {"MA", "Moving Average", kGroup, kClose,
                                        {PeriodParam(30, 1), MaTypeParam("maType", "MA Type")}, {"real"}, true, true, nullptr,
                                        nullptr, nullptr});
  Register<Mama>(registry, {"MAMA", "MESA Adaptive Moving Average", kGroup, kClose,
                            {{"fastLimit", "Fast Limit", ParamKind::kReal, 0.5, 0.01, 0.99},
                             {"slowLimit", "Slow Limit", ParamKind::kReal, 0.05, 0.01, 0.99}},
                            {"mama", "fama"}, true, true, nullptr, nullptr, nullptr});
  RegisterByMaType<BbandsByType>(registry, {"BBANDS", "Bollinger Bands", kGroup, kClose,
                                            {PeriodParam(5, 2),
                                             {"nbDevUp", "Deviations up", ParamKind::kReal, 2, -kTalibRealMax, kTalibRealMax},
                                             {"nbDevDn", "Deviations down", ParamKind::kReal, 2, -kTalibRealMax, kTalibRealMax},
                                             MaTypeParam("maType", "MA Type")},
                                            {"upperBand", "middleBand", "lowerBand"}, true, true, nullptr, nullptr, nullptr});
  Register<Midpoint>(registry, {"MIDPOINT", "MidPoint over period", kGroup, kClose, {PeriodParam(14, 2)}, {"real"}, true, true,
                                nullptr, nullptr, nullptr});
  Register<Midprice>(registry, {"MIDPRICE", "Midpoint Price over period", kGroup, kHigh | kLow, {PeriodParam(14, 2)}, {"real"},
                                true, true, nullptr, nullptr, nullptr});
  Register<Sar>(registry, {"SAR", "Parabolic SAR", kGroup, kHigh | kLow,
                           {{"acceleration", "Acceleration Factor", ParamKind::kReal, 0.02, 0, kTalibRealMax},
                            {"maximum", "AF Maximum", ParamKind::kReal, 0.2, 0, kTalibRealMax}},
                           {"real"}, true, true, nullptr, nullptr, nullptr});
}

}  // namespace quorum::ind
