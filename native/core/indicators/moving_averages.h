#pragma once

// Streaming building blocks shared by the indicators: the moving averages TA-Lib offers (with
// TA-Lib's seeding, so a stream started at the first bar gives TA-Lib's numbers bit for bit),
// Wilder smoothing, RSI and a generic MovingAverage dispatching on TA-Lib's MAType. Sliding-window
// extremes are RollingMax / RollingMin from rolling_extremes.h.
//
// Conventions of every averaging block:
//   - construct once (all buffers are sized in the constructor; Update never allocates);
//   - `double Update(double x)` consumes the next value and returns the average, or NaN while the
//     block is still warming up;
//   - `bool Ready() const` is true once Update returns values (after Lookback() + 1 updates);
//   - `static int Lookback(...)` is TA-Lib's lookback: the number of inputs before the first value.
// Floating-point operations are done in the order TA-Lib does them, which is what makes the
// results identical rather than merely close.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

#include "indicator.h"
#include "rolling_extremes.h"

namespace quorum::ind {

// TA-Lib's MAType numbering (the value of every "MA type" parameter).
enum class MaType : int { kSma = 0, kEma = 1, kWma = 2, kDema = 3, kTema = 4, kTrima = 5, kKama = 6, kMama = 7, kT3 = 8 };
constexpr int kMaTypeCount = 9;

// TA-Lib's test for "zero" in divisions (TA_IS_ZERO).
inline bool TalibIsZero(double v) { return -1e-14 < v && v < 1e-14; }

// The last `size` values pushed, with no count of its own: the caller counts pushes. It starts
// zero-filled, so before `size` pushes Oldest() is 0 and At() reads zeros before the values.
class FixedWindow {
 public:
  explicit FixedWindow(std::size_t size) : values_(size > 0 ? size : 1) {}
  QUORUM_INLINE void Push(double x) {
    values_[head_] = x;
    head_ = head_ + 1 == values_.size() ? 0 : head_ + 1;
  }
  // The value pushed size-1 pushes ago (the one the next Push overwrites).
  QUORUM_INLINE double Oldest() const { return values_[head_]; }
  // i = 0 is the oldest, size-1 the newest.
  QUORUM_INLINE double At(std::size_t i) const {
    const std::size_t j = head_ + i;
    return values_[j >= values_.size() ? j - values_.size() : j];
  }
  std::size_t Size() const { return values_.size(); }

 private:
  std::vector<double> values_;
  std::size_t head_ = 0;
};


// SMA: a running sum; the new value is added, the average taken, then the value leaving the
// window is subtracted (TA_SMA's order).
class SimpleAverage {
 public:
  explicit SimpleAverage(int period)
      : period_(period > 0 ? period : 1), divisor_(static_cast<double>(period_)), window_(static_cast<std::size_t>(period_)) {}
  static int Lookback(int period) { return period - 1; }

  QUORUM_INLINE double Update(double x) {
    sum_ += x;
    window_.Push(x);
    if (seen_ < period_ - 1) {
      ++seen_;
      return kNaN;
    }
    seen_ = period_;
    const double value = sum_ / divisor_;
    sum_ -= window_.Oldest();
    return value;
  }
  bool Ready() const { return seen_ >= period_; }

 private:
  int period_;
  double divisor_;
  FixedWindow window_;
  double sum_ = 0.0;
  int seen_ = 0;
};

// EMA seeded with the SMA of its first `period` inputs, then value += (x - value) * k with
// k = 2 / (period + 1) unless given (MACDFIX uses fixed k's).
class ExponentialAverage {
 public:
  explicit ExponentialAverage(int period) : ExponentialAverage(period, 2.0 / static_cast<double>(period + 1)) {}
  ExponentialAverage(int period, double k) : period_(period > 0 ? period : 1), k_(k) {}
  static int Lookback(int period) { return period - 1; }

  QUORUM_INLINE double Update(double x) {
    if (seen_ >= period_) {
      value_ = ((x - value_) * k_) + value_;
      return value_;
    }
    sum_ += x;
    if (++seen_ < period_) return kNaN;
    value_ = sum_ / static_cast<double>(period_);
    return value_;
  }
  bool Ready() const { return seen_ >= period_; }

 private:
  int period_;
  double k_;
  double sum_ = 0.0;
  double value_ = 0.0;
  int seen_ = 0;
};

// Wilder's smoothing (RSI, ATR…): seeded with the simple average of the first `period` inputs,
// then value = (value * (period - 1) + x) / period, computed as TA-Lib does (multiply, add,
// divide, in place).
class WilderAverage {
 public:
  explicit WilderAverage(int period)
      : period_(period > 0 ? period : 1), divisor_(static_cast<double>(period_)), factor_(static_cast<double>(period_ - 1)) {}
  static int Lookback(int period) { return period - 1; }

  QUORUM_INLINE double Update(double x) {
    if (seen_ >= period_) {
      value_ *= factor_;
      value_ += x;
      value_ /= divisor_;
      return value_;
    }
    sum_ += x;
    if (++seen_ < period_) return kNaN;
    value_ = sum_ / divisor_;
    return value_;
  }
  bool Ready() const { return seen_ >= period_; }
  double Value() const { return value_; }

 private:
  int period_;
  double divisor_;
  double factor_;
  double sum_ = 0.0;
  double value_ = 0.0;
  int seen_ = 0;
};

// WMA with weights 1..period (newest heaviest), kept as two running sums like TA_WMA.
class WeightedAverage {
 public:
  explicit WeightedAverage(int period)
      : period_(period > 0 ? period : 1),
        weight_(static_cast<double>(period_)),
        // In 64 bits: TA-Lib's int overflows for periods above 46340 (its WMA is wrong there).
        divider_(static_cast<double>((static_cast<std::int64_t>(period_) * (period_ + 1)) >> 1)),
        window_(static_cast<std::size_t>(period_)) {}
  static int Lookback(int period) { return period - 1; }

  QUORUM_INLINE double Update(double x) {
    // The value leaving the sums: pushed `period` values ago; 0 on the first value (the window
    // starts zero-filled), as in TA-Lib.
    const double leaving = window_.Oldest();
    window_.Push(x);
    if (seen_ < period_ - 1) {
      ++seen_;
      sub_ += x;
      sum_ += x * static_cast<double>(seen_);
      return kNaN;
    }
    seen_ = period_;
    sub_ += x;
    sub_ -= leaving;
    sum_ += x * weight_;
    const double value = sum_ / divider_;
    sum_ -= sub_;
    return value;
  }
  bool Ready() const { return seen_ >= period_; }

 private:
  int period_;
  double weight_;
  double divider_;
  FixedWindow window_;  // zero-filled: the first `leaving` is 0
  double sub_ = 0.0;
  double sum_ = 0.0;
  int seen_ = 0;
};

// DEMA = 2·EMA − EMA(EMA); the second EMA is seeded from the first one's first values.
class DoubleExponentialAverage {
 public:
  explicit DoubleExponentialAverage(int period) : first_(period), second_(period) {}
  static int Lookback(int period) { return 2 * (period - 1); }

  QUORUM_INLINE double Update(double x) {
    const double e1 = first_.Update(x);
    if (!first_.Ready()) return kNaN;
    const double e2 = second_.Update(e1);
    if (!second_.Ready()) return kNaN;
    return (2.0 * e1) - e2;
  }
  bool Ready() const { return second_.Ready(); }

 private:
  ExponentialAverage first_;
  ExponentialAverage second_;
};

// TEMA = 3·EMA − 3·EMA(EMA) + EMA(EMA(EMA)).
class TripleExponentialAverage {
 public:
  explicit TripleExponentialAverage(int period) : first_(period), second_(period), third_(period) {}
  static int Lookback(int period) { return 3 * (period - 1); }

  QUORUM_INLINE double Update(double x) {
    const double e1 = first_.Update(x);
    if (!first_.Ready()) return kNaN;
    const double e2 = second_.Update(e1);
    if (!second_.Ready()) return kNaN;
    const double e3 = third_.Update(e2);
    if (!third_.Ready()) return kNaN;
    return e3 + ((3.0 * e1) - (3.0 * e2));
  }
  bool Ready() const { return third_.Ready(); }

 private:
  ExponentialAverage first_;
  ExponentialAverage second_;
  ExponentialAverage third_;
};

// TRIMA: the SMA of an SMA, kept as TA_TRIMA keeps it: a numerator with the weights rising then
// falling, updated with the sums of the window's older and newer halves. The first value is
// computed from the whole window once it is full, in TA-Lib's order.
class TriangularAverage {
 public:
  explicit TriangularAverage(int period)
      : period_(period > 0 ? period : 1),
        middle_(static_cast<std::size_t>((period_ - 1) >> 1)),
        odd_((period_ % 2) == 1),
        window_(static_cast<std::size_t>(period_)) {
    // In 64 bits: TA-Lib's int overflows for periods above 92680.
    const std::int64_t half = period_ >> 1;
    const double weight = odd_ ? static_cast<double>((half + 1) * (half + 1)) : static_cast<double>(half * (half + 1));
    factor_ = 1.0 / weight;
  }
  static int Lookback(int period) { return period - 1; }

  QUORUM_INLINE double Update(double x) {
    if (seen_ >= period_) {
      const double leaving = trailing_;
      window_.Push(x);
      const double middle = window_.At(middle_);
      numerator_ -= sub_;
      sub_ -= leaving;
      sub_ += middle;
      if (odd_) {
        numerator_ += add_;
        add_ -= middle;
      } else {
        add_ -= middle;
        numerator_ += add_;
      }
      add_ += x;
      numerator_ += x;
      trailing_ = window_.Oldest();
      return numerator_ * factor_;
    }
    window_.Push(x);
    if (++seen_ < period_) return kNaN;
    // The window is full: the older half (up to the middle) is summed from the middle back,
    // the newer half from the middle forward, each partial sum adding into the numerator.
    for (std::size_t i = middle_ + 1; i-- > 0;) {
      sub_ += window_.At(i);
      numerator_ += sub_;
    }
    for (std::size_t i = middle_ + 1; i < window_.Size(); ++i) {
      add_ += window_.At(i);
      numerator_ += add_;
    }
    trailing_ = window_.Oldest();
    return numerator_ * factor_;
  }
  bool Ready() const { return seen_ >= period_; }

 private:
  int period_;
  std::size_t middle_;
  bool odd_;
  double factor_;
  FixedWindow window_;
  double numerator_ = 0.0;
  double sub_ = 0.0;
  double add_ = 0.0;
  double trailing_ = 0.0;
  int seen_ = 0;
};

// KAMA: an EMA whose smoothing follows the efficiency ratio |x − x[−period]| / Σ|Δx| between
// 2/(30+1) and 2/(2+1) (squared), seeded with the previous value.
class KaufmanAverage {
 public:
  explicit KaufmanAverage(int period) : period_(period > 0 ? period : 1), window_(static_cast<std::size_t>(period_) + 1) {}
  static int Lookback(int period) { return period; }

  QUORUM_INLINE double Update(double x) {
    window_.Push(x);
    if (seen_ > period_) {
      const double leaving = window_.Oldest();  // x[t - period]
      const double change = x - leaving;
      sum_ -= std::fabs(trailing_ - leaving);
      sum_ += std::fabs(x - previous_);
      trailing_ = leaving;
      previous_ = x;
      value_ = ((x - value_) * Smoothing(change)) + value_;
      return value_;
    }
    if (seen_ == 0) {
      previous_ = x;
      seen_ = 1;
      return kNaN;
    }
    sum_ += std::fabs(previous_ - x);
    if (seen_ < period_) {
      previous_ = x;
      ++seen_;
      return kNaN;
    }
    // First value: seeded with the previous input.
    value_ = previous_;
    trailing_ = window_.Oldest();  // x[0]
    const double change = x - trailing_;
    previous_ = x;
    seen_ = period_ + 1;
    value_ = ((x - value_) * Smoothing(change)) + value_;
    return value_;
  }
  bool Ready() const { return seen_ > period_; }

 private:
  double Smoothing(double change) const {
    constexpr double kSlowest = 2.0 / (30.0 + 1.0);
    constexpr double kRange = 2.0 / (2.0 + 1.0) - kSlowest;
    double ratio = (sum_ <= change || TalibIsZero(sum_)) ? 1.0 : std::fabs(change / sum_);
    ratio = (ratio * kRange) + kSlowest;
    return ratio * ratio;
  }

  int period_;
  FixedWindow window_;
  double sum_ = 0.0;
  double previous_ = 0.0;
  double trailing_ = 0.0;
  double value_ = 0.0;
  int seen_ = 0;
};

// Tillson's T3: six chained EMAs (each seeded with the average of the previous one's first
// `period` values, using k·x + (1−k)·e) combined with the volume factor's coefficients.
class T3Average {
 public:
  explicit T3Average(int period, double volume_factor = 0.7)
      : period_(period > 0 ? period : 1), k_(2.0 / (static_cast<double>(period_) + 1.0)), one_minus_k_(1.0 - k_) {
    const double v = volume_factor;
    const double v2 = v * v;
    c1_ = -(v2 * v);
    c2_ = 3.0 * (v2 - c1_);
    c3_ = -6.0 * v2 - 3.0 * (v - c1_);
    c4_ = 1.0 + 3.0 * v - c1_ + 3.0 * v2;
  }
  static int Lookback(int period) { return 6 * (period - 1); }

  QUORUM_INLINE double Update(double x) {
    if (ready_) {
      e_[0] = (k_ * x) + (one_minus_k_ * e_[0]);
      e_[1] = (k_ * e_[0]) + (one_minus_k_ * e_[1]);
      e_[2] = (k_ * e_[1]) + (one_minus_k_ * e_[2]);
      e_[3] = (k_ * e_[2]) + (one_minus_k_ * e_[3]);
      e_[4] = (k_ * e_[3]) + (one_minus_k_ * e_[4]);
      e_[5] = (k_ * e_[4]) + (one_minus_k_ * e_[5]);
      return Combine();
    }
    // Warm-up: stage s sums its first `period` inputs for its seed; once seeded, it updates and
    // feeds the next stage.
    double v = x;
    for (int s = 0; s < 6; ++s) {
      if (seen_[s] < period_) {
        sums_[s] += v;
        if (++seen_[s] < period_) return kNaN;
        e_[s] = sums_[s] / static_cast<double>(period_);
      } else {
        e_[s] = (k_ * v) + (one_minus_k_ * e_[s]);
      }
      v = e_[s];
    }
    ready_ = true;
    return Combine();
  }
  bool Ready() const { return ready_; }

 private:
  double Combine() const { return c1_ * e_[5] + c2_ * e_[4] + c3_ * e_[3] + c4_ * e_[2]; }

  int period_;
  double k_;
  double one_minus_k_;
  double c1_ = 0.0, c2_ = 0.0, c3_ = 0.0, c4_ = 0.0;
  double e_[6] = {0, 0, 0, 0, 0, 0};
  double sums_[6] = {0, 0, 0, 0, 0, 0};
  int seen_[6] = {0, 0, 0, 0, 0, 0};
  bool ready_ = false;
};

// MESA Adaptive Moving Average (Ehlers): a 4-bar WMA price smoother, a Hilbert transform run on
// alternate bars (TA-Lib keeps separate even/odd delay lines, chosen by the parity of the bar's
// index in the series it was given, hence `first_index`: the index of the first input in that
// series), the phase rate of change setting alpha between the limits. Update returns MAMA;
// Fama() the FAMA of the same bar.
class MesaAdaptiveAverage {
 public:
  explicit MesaAdaptiveAverage(double fast_limit = 0.5, double slow_limit = 0.05, std::int64_t first_index = 0)
      : fast_limit_(fast_limit), slow_limit_(slow_limit), odd_first_((first_index & 1) != 0) {}
  static int Lookback() { return 32; }

  double Update(double x) {
    const std::int64_t i = seen_++;
    recent_[i & 3] = x;
    if (i < 3) {
      // The smoother's sums start like a WMA's, over the first three values.
      sub_ += x;
      sum_ += x * static_cast<double>(i + 1);
      fama_ = kNaN;
      return kNaN;
    }
    // 4-bar WMA of the price.
    sub_ += x;
    sub_ -= trailing_;
    sum_ += x * 4.0;
    trailing_ = recent_[(i + 1) & 3];  // x[i - 3]
    const double smoothed = sum_ * 0.1;
    sum_ -= sub_;
    if (i < 12) {
      fama_ = kNaN;
      return kNaN;
    }
    Step(x, smoothed, ((i & 1) != 0) == odd_first_);
    if (i < 32) {
      fama_ = kNaN;
      return kNaN;
    }
    fama_ = fama_value_;
    return mama_;
  }
  double Fama() const { return fama_; }
  bool Ready() const { return seen_ > 32; }

 private:
  // One Hilbert-transform FIR with its even and odd delay lines.
  struct Hilbert {
    double line[2][3] = {{0, 0, 0}, {0, 0, 0}};
    double prev[2] = {0, 0};
    double prev_input[2] = {0, 0};
  };

  double Transform(Hilbert& h, double input, int side, double adjusted_period) const {
    constexpr double kA = 0.0962;
    constexpr double kB = 0.5769;
    const double scaled = kA * input;
    double v = -h.line[side][hilbert_index_];
    h.line[side][hilbert_index_] = scaled;
    v += scaled;
    v -= h.prev[side];
    h.prev[side] = kB * h.prev_input[side];
    v += h.prev[side];
    h.prev_input[side] = input;
    v *= adjusted_period;
    return v;
  }

  void Step(double x, double smoothed, bool even) {
    const double rad_to_deg = 180.0 / (4.0 * std::atan(1.0));
    const double adjusted = (0.075 * period_) + 0.54;
    double q2, i2, phase;
    if (even) {
      const double detrender = Transform(detrender_, smoothed, 0, adjusted);
      const double q1 = Transform(q1_, detrender, 0, adjusted);
      const double ji = Transform(ji_, i1_even_prev3_, 0, adjusted);
      const double jq = Transform(jq_, q1, 0, adjusted);
      if (++hilbert_index_ == 3) hilbert_index_ = 0;
      q2 = (0.2 * (q1 + ji)) + (0.8 * prev_q2_);
      i2 = (0.2 * (i1_even_prev3_ - jq)) + (0.8 * prev_i2_);
      i1_odd_prev3_ = i1_odd_prev2_;
      i1_odd_prev2_ = detrender;
      phase = i1_even_prev3_ != 0.0 ? std::atan(q1 / i1_even_prev3_) * rad_to_deg : 0.0;
    } else {
      const double detrender = Transform(detrender_, smoothed, 1, adjusted);
      const double q1 = Transform(q1_, detrender, 1, adjusted);
      const double ji = Transform(ji_, i1_odd_prev3_, 1, adjusted);
      const double jq = Transform(jq_, q1, 1, adjusted);
      q2 = (0.2 * (q1 + ji)) + (0.8 * prev_q2_);
      i2 = (0.2 * (i1_odd_prev3_ - jq)) + (0.8 * prev_i2_);
      i1_even_prev3_ = i1_even_prev2_;
      i1_even_prev2_ = detrender;
      phase = i1_odd_prev3_ != 0.0 ? std::atan(q1 / i1_odd_prev3_) * rad_to_deg : 0.0;
    }
    double alpha = prev_phase_ - phase;
    prev_phase_ = phase;
    if (alpha < 1.0) alpha = 1.0;
    if (alpha > 1.0) {
      alpha = fast_limit_ / alpha;
      if (alpha < slow_limit_) alpha = slow_limit_;
    } else {
      alpha = fast_limit_;
    }
    mama_ = (alpha * x) + ((1 - alpha) * mama_);
    alpha *= 0.5;
    fama_value_ = (alpha * mama_) + ((1 - alpha) * fama_value_);

    re_ = (0.2 * ((i2 * prev_i2_) + (q2 * prev_q2_))) + (0.8 * re_);
    im_ = (0.2 * ((i2 * prev_q2_) - (q2 * prev_i2_))) + (0.8 * im_);
    prev_q2_ = q2;
    prev_i2_ = i2;
    const double previous_period = period_;
    if (im_ != 0.0 && re_ != 0.0) period_ = 360.0 / (std::atan(im_ / re_) * rad_to_deg);
    double bound = 1.5 * previous_period;
    if (period_ > bound) period_ = bound;
    bound = 0.67 * previous_period;
    if (period_ < bound) period_ = bound;
    if (period_ < 6) {
      period_ = 6;
    } else if (period_ > 50) {
      period_ = 50;
    }
    period_ = (0.2 * period_) + (0.8 * previous_period);
  }

  double fast_limit_;
  double slow_limit_;
  bool odd_first_;
  std::int64_t seen_ = 0;
  double recent_[4] = {0, 0, 0, 0};
  double sub_ = 0.0;
  double sum_ = 0.0;
  double trailing_ = 0.0;
  Hilbert detrender_, q1_, ji_, jq_;
  int hilbert_index_ = 0;
  double period_ = 0.0;
  double prev_i2_ = 0.0, prev_q2_ = 0.0;
  double re_ = 0.0, im_ = 0.0;
  double mama_ = 0.0, fama_value_ = 0.0;
  double i1_odd_prev2_ = 0.0, i1_odd_prev3_ = 0.0;
  double i1_even_prev2_ = 0.0, i1_even_prev3_ = 0.0;
  double prev_phase_ = 0.0;
  double fama_ = kNaN;
};

// Which average TA_MA uses for (period, type): the type, or -1 (pass-through) for a period of 1.
inline int MaKind(int period, int type) { return period <= 1 || type < 0 || type >= kMaTypeCount ? -1 : type; }

// TA-Lib's MA: any MAType by number. A period of 1 (or less) passes values through with no
// lookback, as TA_MA does for every type; MAMA ignores the period and uses limits 0.5/0.05; T3
// uses a volume factor of 0.7. `first_index` is the index, in the series TA-Lib would index, of
// the first value this average is given (only MAMA depends on it).
class MovingAverage {
 public:
  MovingAverage(int period, int type, std::int64_t first_index = 0)
      : kind_(MaKind(period, type)),
        lookback_(Lookback(period, type)),
        // Every average is a member (no union), so the compiler can keep the one in use in
        // registers; the others are built with period 1 and never updated.
        sma_(kind_ == static_cast<int>(MaType::kSma) ? period : 1),
        ema_(kind_ == static_cast<int>(MaType::kEma) ? period : 1),
        wma_(kind_ == static_cast<int>(MaType::kWma) ? period : 1),
        dema_(kind_ == static_cast<int>(MaType::kDema) ? period : 1),
        tema_(kind_ == static_cast<int>(MaType::kTema) ? period : 1),
        trima_(kind_ == static_cast<int>(MaType::kTrima) ? period : 1),
        kama_(kind_ == static_cast<int>(MaType::kKama) ? period : 1),
        mama_(0.5, 0.05, first_index),
        t3_(kind_ == static_cast<int>(MaType::kT3) ? period : 1, 0.7) {}

  static int Lookback(int period, int type) {
    if (period <= 1) return 0;
    switch (static_cast<MaType>(type)) {
      case MaType::kSma: return SimpleAverage::Lookback(period);
      case MaType::kEma: return ExponentialAverage::Lookback(period);
      case MaType::kWma: return WeightedAverage::Lookback(period);
      case MaType::kDema: return DoubleExponentialAverage::Lookback(period);
      case MaType::kTema: return TripleExponentialAverage::Lookback(period);
      case MaType::kTrima: return TriangularAverage::Lookback(period);
      case MaType::kKama: return KaufmanAverage::Lookback(period);
      case MaType::kMama: return MesaAdaptiveAverage::Lookback();
      case MaType::kT3: return T3Average::Lookback(period);
    }
    return 0;
  }

  double Update(double x) {
    if (seen_ <= lookback_) ++seen_;
    switch (kind_) {
      case static_cast<int>(MaType::kSma): return sma_.Update(x);
      case static_cast<int>(MaType::kEma): return ema_.Update(x);
      case static_cast<int>(MaType::kWma): return wma_.Update(x);
      case static_cast<int>(MaType::kDema): return dema_.Update(x);
      case static_cast<int>(MaType::kTema): return tema_.Update(x);
      case static_cast<int>(MaType::kTrima): return trima_.Update(x);
      case static_cast<int>(MaType::kKama): return kama_.Update(x);
      case static_cast<int>(MaType::kMama): return mama_.Update(x);
      case static_cast<int>(MaType::kT3): return t3_.Update(x);
      default: return x;
    }
  }
  bool Ready() const { return seen_ > lookback_; }
  int lookback() const { return lookback_; }

 private:
  int kind_;
  int lookback_;
  int seen_ = 0;
  SimpleAverage sma_;
  ExponentialAverage ema_;
  WeightedAverage wma_;
  DoubleExponentialAverage dema_;
  TripleExponentialAverage tema_;
  TriangularAverage trima_;
  KaufmanAverage kama_;
  MesaAdaptiveAverage mama_;
  T3Average t3_;
};

// The identity, as TA_MA is for a period of 1.
class PassThroughAverage {
 public:
  explicit PassThroughAverage(int /*period*/) {}
  static int Lookback(int /*period*/) { return 0; }
  double Update(double x) { return x; }
  bool Ready() const { return true; }
};

// The average TA_MA uses for one MAType, with MovingAverage's constructor (period, type,
// first_index) and Lookback(period), so an indicator can be written once as a template over its
// averages and instantiated either with a concrete MaBlock (the compiler sees through it) or with
// MovingAverage (any type at run time). See VisitMaType.
template <class Average>
class MaBlock : public Average {
 public:
  MaBlock(int period, int /*type*/, std::int64_t /*first_index*/) : Average(period) {}
};
template <>
class MaBlock<MesaAdaptiveAverage> : public MesaAdaptiveAverage {
 public:
  MaBlock(int /*period*/, int /*type*/, std::int64_t first_index) : MesaAdaptiveAverage(0.5, 0.05, first_index) {}
  static int Lookback(int /*period*/) { return MesaAdaptiveAverage::Lookback(); }
};
template <>
class MaBlock<T3Average> : public T3Average {
 public:
  MaBlock(int period, int /*type*/, std::int64_t /*first_index*/) : T3Average(period, 0.7) {}
};

template <class Block>
struct MaTag {
  using type = Block;
};

// Calls visit(MaTag<MaBlock<Average>>{}) with the average TA_MA uses for (period, type) and
// returns what it returns.
template <class Visitor>
decltype(auto) VisitMaType(int period, int type, Visitor&& visit) {
  switch (MaKind(period, type)) {
    case static_cast<int>(MaType::kSma): return visit(MaTag<MaBlock<SimpleAverage>>{});
    case static_cast<int>(MaType::kEma): return visit(MaTag<MaBlock<ExponentialAverage>>{});
    case static_cast<int>(MaType::kWma): return visit(MaTag<MaBlock<WeightedAverage>>{});
    case static_cast<int>(MaType::kDema): return visit(MaTag<MaBlock<DoubleExponentialAverage>>{});
    case static_cast<int>(MaType::kTema): return visit(MaTag<MaBlock<TripleExponentialAverage>>{});
    case static_cast<int>(MaType::kTrima): return visit(MaTag<MaBlock<TriangularAverage>>{});
    case static_cast<int>(MaType::kKama): return visit(MaTag<MaBlock<KaufmanAverage>>{});
    case static_cast<int>(MaType::kMama): return visit(MaTag<MaBlock<MesaAdaptiveAverage>>{});
    case static_cast<int>(MaType::kT3): return visit(MaTag<MaBlock<T3Average>>{});
    default: return visit(MaTag<MaBlock<PassThroughAverage>>{});
  }
}

// RSI (Wilder): average gain over average gain + loss, × 100; 0 when both are zero.
class RelativeStrength {
 public:
  explicit RelativeStrength(int period) : gains_(period), losses_(period) {}
  static int Lookback(int period) { return period; }

  double Update(double x) {
    if (!started_) {
      started_ = true;
      previous_ = x;
      return kNaN;
    }
    const double change = x - previous_;
    previous_ = x;
    const bool down = change < 0;
    const double gain = gains_.Update(down ? 0.0 : change);
    const double loss = losses_.Update(down ? -change : 0.0);
    if (!gains_.Ready()) return kNaN;
    const double total = gain + loss;
    return TalibIsZero(total) ? 0.0 : 100.0 * (gain / total);
  }
  bool Ready() const { return gains_.Ready(); }

 private:
  WilderAverage gains_;
  WilderAverage losses_;
  double previous_ = 0.0;
  bool started_ = false;
};

// Registering an indicator written as a class template over its averages: `Select` names the
// class for given parameters (Select::Generic, the one with MovingAverage, fits any; Visit calls
// visit(MaTag<Class>{}) with the class to use) and both the batch and the stream are made from
// that class, chosen once when they start, so the per-bar code has no dispatch on the MA type.
template <class Select>
void RegisterByMaType(Registry& registry, IndicatorInfo info) {
  using Generic = typename Select::Generic;
  info.lookback = [](const Params& p) { return Generic::Lookback(p); };
  info.make_stream = [](const Params& p) -> std::unique_ptr<Stream> {
    return Select::Visit(p, [&p](auto tag) -> std::unique_ptr<Stream> {
      return std::make_unique<StreamOf<typename decltype(tag)::type>>(p);
    });
  };
  info.batch = [](const Params& p, const Columns& in, double* const* out, Checkpoint checkpoint, void* context) -> bool {
    return Select::Visit(p, [&](auto tag) -> bool {
      return RunBatch<typename decltype(tag)::type>(p, in, out, checkpoint, context);
    });
  };
  registry.Add(std::move(info), Generic::kOutputs);
}

// A Select for RegisterByMaType: `kPairs` are parameter indices, (period, MA type) pairs. When all
// pairs use the same average, the class is Uniform<that MaBlock>; otherwise it is Generic.
template <class GenericClass, template <class> class Uniform, std::size_t... kPairs>
struct SelectByMaType {
  static_assert(sizeof...(kPairs) >= 2 && sizeof...(kPairs) % 2 == 0, "(period, type) index pairs");
  using Generic = GenericClass;

  template <class Visitor>
  static decltype(auto) Visit(const Params& p, Visitor&& visit) {
    constexpr std::size_t kIndex[] = {kPairs...};
    const int period = static_cast<int>(p[kIndex[0]]);
    const int type = static_cast<int>(p[kIndex[1]]);
    bool uniform = true;
    for (std::size_t i = 2; i < sizeof...(kPairs); i += 2) {
      uniform = uniform && MaKind(static_cast<int>(p[kIndex[i]]), static_cast<int>(p[kIndex[i + 1]])) == MaKind(period, type);
    }
    if (!uniform) return visit(MaTag<Generic>{});
    return VisitMaType(period, type, [&visit](auto tag) { return visit(MaTag<Uniform<typename decltype(tag)::type>>{}); });
  }
};

}  // namespace quorum::ind
