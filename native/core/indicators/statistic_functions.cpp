#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "indicator.h"
#include "rolling_extremes.h"

// Statistic Functions and the Math Operators MAX, MIN and SUM, yielding TA-Lib's numbers bar by
// bar (same lookback, same running sums in the same order).
namespace quorum::ind {
namespace {

std::size_t Period(const Params& p) { return static_cast<std::size_t>(p[0]); }

// Population variance over `period` values as TA-Lib computes it: running sums of x and x²,
// mean(x²) - mean(x)². The value leaving the window is subtracted before today's is added (the
// same sequence of operations as TA-Lib, which subtracts it at the end of the previous bar).
class RunningVariance {
 public:
  explicit RunningVariance(const Params& p) : lookback_(Period(p) - 1), period_(p[0]), past_(Period(p)) {}

  // Returns false during warm-up.
  bool Next(double x, double* variance) {
    const double old = past_.Shift(x);  // 0.0 until the window is full: an exact no-op
    sum_ -= old;
    sum_squares_ -= old * old;
    sum_ += x;
    sum_squares_ += x * x;
    const double mean = sum_ / period_;
    const double mean_squares = sum_squares_ / period_;
    *variance = mean_squares - mean * mean;
    return bars_++ >= lookback_;
  }

 private:
  std::size_t lookback_;
  double period_;
  DelayLine past_;
  double sum_ = 0.0;
  double sum_squares_ = 0.0;
  std::size_t bars_ = 0;
};

// VAR: TA-Lib takes a deviations parameter and ignores it; kept so parameters map by position.
class Variance {
 public:
  static constexpr std::size_t kOutputs = 1;
  static int Lookback(const Params& p) { return static_cast<int>(p[0]) - 1; }

  explicit Variance(const Params& p) : variance_(p) {}

  void Update(const Bar& bar, double* out) {
    double variance;
    out[0] = variance_.Next(bar.close, &variance) ? variance : kNaN;
  }

 private:
  RunningVariance variance_;
};

// STDDEV: sqrt(variance) * deviations; 0 when the variance is below 1e-14 (TA-Lib's rule).
class StandardDeviation {
 public:
  static constexpr std::size_t kOutputs = 1;
  static int Lookback(const Params& p) { return static_cast<int>(p[0]) - 1; }

  explicit StandardDeviation(const Params& p) : variance_(p), deviations_(p[1]) {}

  void Update(const Bar& bar, double* out) {
    double variance;
    if (!variance_.Next(bar.close, &variance)) {
      out[0] = kNaN;
      return;
    }
    out[0] = variance < 1e-14 ? 0.0 : std::sqrt(variance) * deviations_;
  }

 private:
  RunningVariance variance_;
  double deviations_;
};

// The least-squares line through the last `period` closes, recomputed from the window each bar in
// TA-Lib's closed form (x counts bars back from today, so the sums run oldest to newest exactly as
// TA-Lib's do). The window sits in a mirrored buffer: every value is written twice, `period`
// apart, so the window is always one contiguous run.
enum class Regression { kValue, kSlope, kAngle, kIntercept, kForecast };

template <Regression kKind>
class LinearRegression {
 public:
  static constexpr std::size_t kOutputs = 1;
  static int Lookback(const Params& p) { return static_cast<int>(p[0]) - 1; }

  explicit LinearRegression(const Params& p) : period_(Period(p)), n_(p[0]), window_(2 * period_, 0.0) {
    const auto n = static_cast<std::uint64_t>(period_);
    sum_x_ = n_ * (n_ - 1.0) * 0.5;
    const double sum_x_squared = static_cast<double>(n * (n - 1) * (2 * n - 1) / 6);
    divisor_ = sum_x_ * sum_x_ - n_ * sum_x_squared;
  }

  void Update(const Bar& bar, double* out) {
    window_[pos_] = bar.close;
    window_[pos_ + period_] = bar.close;
    pos_ = pos_ + 1 == period_ ? 0 : pos_ + 1;
    if (bars_ + 1 < period_) {
      ++bars_;
      out[0] = kNaN;
      return;
    }
    // After the write, the window (oldest first) starts at the slot just written + 1, i.e. pos_.
    const double* values = window_.data() + pos_;
    double sum_xy = 0;
    double sum_y = 0;
    double x = n_ - 1.0;  // bars back from today, oldest first: whole numbers, so exact
    for (std::size_t k = 0; k < period_; ++k) {
      const double y = values[k];
      sum_y += y;
      sum_xy += x * y;
      x -= 1.0;
    }
    const double m = (n_ * sum_xy - sum_x_ * sum_y) / divisor_;
    if constexpr (kKind == Regression::kSlope) {
      out[0] = m;
    } else if constexpr (kKind == Regression::kAngle) {
      out[0] = std::atan(m) * (180.0 / 3.14159265358979323846);
    } else {
      const double b = (sum_y - m * sum_x_) / n_;
      if constexpr (kKind == Regression::kIntercept) {
        out[0] = b;
      } else if constexpr (kKind == Regression::kValue) {
        out[0] = b + m * (n_ - 1.0);
      } else {
        out[0] = b + m * n_;
      }
    }
  }

 private:
  std::size_t period_;
  double n_;
  double sum_x_ = 0.0;
  double divisor_ = 0.0;
  std::vector<double> window_;
  std::size_t pos_ = 0;
  std::size_t bars_ = 0;
};

// MAX / MIN: the highest / lowest close of the last `period` bars.
template <bool kMax>
class RollingExtremeIndicator {
 public:
  static constexpr std::size_t kOutputs = 1;
  static int Lookback(const Params& p) { return static_cast<int>(p[0]) - 1; }

  explicit RollingExtremeIndicator(const Params& p) : lookback_(Period(p) - 1), extreme_(Period(p)) {}

  void Update(const Bar& bar, double* out) {
    extreme_.Push(bar.close);
    out[0] = bars_++ >= lookback_ ? extreme_.Value() : kNaN;
  }

 private:
  std::size_t lookback_;
  RollingExtreme<kMax, false> extreme_;
  std::size_t bars_ = 0;
};

// SUM: a running sum over `period` bars (the leaving value subtracted, then today's added).
class Summation {
 public:
  static constexpr std::size_t kOutputs = 1;
  static int Lookback(const Params& p) { return static_cast<int>(p[0]) - 1; }

  explicit Summation(const Params& p) : lookback_(Period(p) - 1), past_(Period(p)) {}

  void Update(const Bar& bar, double* out) {
    sum_ -= past_.Shift(bar.close);
    sum_ += bar.close;
    out[0] = bars_++ >= lookback_ ? sum_ : kNaN;
  }

 private:
  std::size_t lookback_;
  DelayLine past_;
  double sum_ = 0.0;
  std::size_t bars_ = 0;
};

ParamSpec PeriodParam(double default_value, double min) {
  return {"period", "Time Period", ParamKind::kInteger, default_value, min, 100000};
}

// TA-Lib bounds its real parameters by TA_REAL_MAX (3e37).
ParamSpec DeviationsParam() { return {"nbDev", "Deviations", ParamKind::kReal, 1, -3e37, 3e37}; }

IndicatorInfo Info(std::string name, std::string title, std::string group, std::vector<ParamSpec> params, bool overlay) {
  return {std::move(name), std::move(title), std::move(group), kClose, std::move(params), {"real"}, overlay, true,
          nullptr, nullptr, nullptr};
}

}  // namespace

void RegisterStatisticFunctions(Registry& registry) {
  const std::string stats = "Statistic Functions";
  const std::string math = "Math Operators";
  Register<StandardDeviation>(registry,
                              Info("STDDEV", "Standard Deviation", stats, {PeriodParam(5, 2), DeviationsParam()}, false));
  Register<Variance>(registry, Info("VAR", "Variance", stats, {PeriodParam(5, 1), DeviationsParam()}, false));
  Register<LinearRegression<Regression::kValue>>(
      registry, Info("LINEARREG", "Linear Regression", stats, {PeriodParam(14, 2)}, true));
  Register<LinearRegression<Regression::kSlope>>(
      registry, Info("LINEARREG_SLOPE", "Linear Regression Slope", stats, {PeriodParam(14, 2)}, false));
  Register<LinearRegression<Regression::kAngle>>(
      registry, Info("LINEARREG_ANGLE", "Linear Regression Angle", stats, {PeriodParam(14, 2)}, false));
  Register<LinearRegression<Regression::kIntercept>>(
      registry, Info("LINEARREG_INTERCEPT", "Linear Regression Intercept", stats, {PeriodParam(14, 2)}, true));
  Register<LinearRegression<Regression::kForecast>>(
      registry, Info("TSF", "Time Series Forecast", stats, {PeriodParam(14, 2)}, true));
  Register<RollingExtremeIndicator<true>>(
      registry, Info("MAX", "Highest Value Over a Period", math, {PeriodParam(30, 2)}, true));
  Register<RollingExtremeIndicator<false>>(
      registry, Info("MIN", "Lowest Value Over a Period", math, {PeriodParam(30, 2)}, true));
  Register<Summation>(registry, Info("SUM", "Summation", math, {PeriodParam(30, 2)}, false));
}

}  // namespace quorum::ind
