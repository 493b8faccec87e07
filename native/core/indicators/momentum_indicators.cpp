#include <cmath>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "directional_movement.h"
#include "indicator.h"
#include "rolling_extremes.h"

// Momentum indicators (TA-Lib's group), each yielding TA-Lib's numbers bar by bar: the same
// warm-up (lookback), the same seeding and the same order of floating-point operations.
// RSI, MACD*, APO, PPO, TRIX and STOCH* live in ma_based_momentum.cpp.
namespace quorum::ind {
namespace {

std::size_t Period(const Params& p, std::size_t i = 0) { return static_cast<std::size_t>(p[i]); }

// ---------------------------------------------------------------------------------------------
// MOM, ROC, ROCP, ROCR, ROCR100: today's close against the close `period` bars ago.

enum class Change { kMomentum, kRoc, kRocPercentage, kRocRatio, kRocRatio100 };

template <Change kKind>
class RateOfChange {
 public:
  static constexpr std::size_t kOutputs = 1;
  static int Lookback(const Params& p) { return static_cast<int>(p[0]); }

  explicit RateOfChange(const Params& p) : period_(Period(p)), past_(period_) {}

  void Update(const Bar& bar, double* out) {
    const double now = bar.close;
    const double then = past_.Shift(now);
    double value;
    if constexpr (kKind == Change::kMomentum) {
      value = now - then;
    } else if constexpr (kKind == Change::kRoc) {
      value = then != 0.0 ? ((now / then) - 1.0) * 100.0 : 0.0;
    } else if constexpr (kKind == Change::kRocPercentage) {
      value = then != 0.0 ? (now - then) / then : 0.0;
    } else if constexpr (kKind == Change::kRocRatio) {
      value = then != 0.0 ? now / then : 0.0;
    } else {
      value = then != 0.0 ? (now / then) * 100.0 : 0.0;
    }
    out[0] = bars_++ >= period_ ? value : kNaN;
  }

 private:
  std::size_t period_;
  DelayLine past_;
  std::size_t bars_ = 0;
};

// ---------------------------------------------------------------------------------------------
// WILLR: where the close sits in the period's high-low range, 0 (top) to -100 (bottom).

class WilliamsR {
 public:
  static constexpr std::size_t kOutputs = 1;
  static int Lookback(const Params& p) { return static_cast<int>(p[0]) - 1; }

  explicit WilliamsR(const Params& p) : lookback_(Period(p) - 1), highest_(Period(p)), lowest_(Period(p)) {}

  void Update(const Bar& bar, double* out) {
    highest_.Push(bar.high);
    lowest_.Push(bar.low);
    const double high = highest_.Value();
    const double diff = (high - lowest_.Value()) / (-100.0);
    const double value = diff != 0.0 ? (high - bar.close) / diff : 0.0;
    out[0] = bars_++ >= lookback_ ? value : kNaN;
  }

 private:
  std::size_t lookback_;
  RollingMax highest_;
  RollingMin lowest_;
  std::size_t bars_ = 0;
};

// ---------------------------------------------------------------------------------------------
// CCI: (typical price - its mean) / (0.015 * mean absolute deviation), over `period` bars.
// The mean deviation needs the whole window each bar (as in TA-Lib); both sums run over the
// circular buffer in slot order, as TA-Lib's do, so the values agree to the last bit.

class CommodityChannelIndex {
 public:
  static constexpr std::size_t kOutputs = 1;
  static int Lookback(const Params& p) { return static_cast<int>(p[0]) - 1; }

  explicit CommodityChannelIndex(const Params& p) : period_(Period(p)), period_real_(p[0]), slots_(period_, 0.0) {}

  void Update(const Bar& bar, double* out) {
    const double typical = (bar.high + bar.low + bar.close) / 3;
    slots_[slot_] = typical;
    slot_ = slot_ + 1 == period_ ? 0 : slot_ + 1;
    if (bars_ + 1 < period_) {
      ++bars_;
      out[0] = kNaN;
      return;
    }
    // Scalar loads on purpose (volatile): vectorised, the deviation loop reads the slot just
    // written with a 16-byte load that cannot be forwarded from the pending 8-byte store, which
    // stalls the overlap of consecutive bars (about 40% slower than TA-Lib's scalar loop).
    const volatile double* values = slots_.data();
    double mean = 0;
    for (std::size_t j = 0; j < period_; ++j) mean += values[j];
    mean /= period_real_;
    double deviation = 0;
    for (std::size_t j = 0; j < period_; ++j) deviation += std::fabs(values[j] - mean);
    const double distance = typical - mean;
    out[0] = (distance != 0.0 && deviation != 0.0) ? distance / (0.015 * (deviation / period_real_)) : 0.0;
  }

 private:
  std::size_t period_;
  double period_real_;
  std::vector<double> slots_;
  std::size_t slot_ = 0;
  std::size_t bars_ = 0;
};

// ---------------------------------------------------------------------------------------------
// MFI: 100 * positive money flow / total money flow over `period` bars, money flow being typical
// price * volume, positive when the typical price rose from the bar before, negative when it
// fell, neither when it is unchanged. 0 while the total flow is below 1 (TA-Lib's rule).

class MoneyFlowIndex {
 public:
  static constexpr std::size_t kOutputs = 1;
  static int Lookback(const Params& p) { return static_cast<int>(p[0]); }

  explicit MoneyFlowIndex(const Params& p) : period_(Period(p)), positive_(period_, 0.0), negative_(period_, 0.0) {}

  void Update(const Bar& bar, double* out) {
    const double typical = (bar.high + bar.low + bar.close) / 3.0;
    if (bars_ == 0) {
      bars_ = 1;
      prev_typical_ = typical;
      out[0] = kNaN;
      return;
    }
    // Once the window is full, the slot about to be reused holds the flow leaving it.
    if (bars_ > period_) {
      positive_sum_ -= positive_[slot_];
      negative_sum_ -= negative_[slot_];
    }
    const double change = typical - prev_typical_;
    prev_typical_ = typical;
    const double flow = typical * bar.volume;
    // Selects rather than branches (the direction is a coin flip); adding 0.0 is exact.
    const double up = change > 0 ? flow : 0.0;
    const double down = change < 0 ? flow : 0.0;
    positive_sum_ += up;
    negative_sum_ += down;
    positive_[slot_] = up;
    negative_[slot_] = down;
    slot_ = slot_ + 1 == period_ ? 0 : slot_ + 1;
    if (bars_++ < period_) {
      out[0] = kNaN;
      return;
    }
    const double total = positive_sum_ + negative_sum_;
    out[0] = total < 1.0 ? 0.0 : 100.0 * (positive_sum_ / total);
  }

 private:
  std::size_t period_;
  std::vector<double> positive_;
  std::vector<double> negative_;
  std::size_t slot_ = 0;
  std::size_t bars_ = 0;
  double prev_typical_ = 0.0;
  double positive_sum_ = 0.0;
  double negative_sum_ = 0.0;
};

// ---------------------------------------------------------------------------------------------
// BOP: (close - open) / (high - low), 0 for a bar without range.

class BalanceOfPower {
 public:
  static constexpr std::size_t kOutputs = 1;
  static int Lookback(const Params& /*p*/) { return 0; }

  explicit BalanceOfPower(const Params& /*p*/) {}

  void Update(const Bar& bar, double* out) {
    const double range = bar.high - bar.low;
    out[0] = range < 1e-14 ? 0.0 : (bar.close - bar.open) / range;
  }
};

// ---------------------------------------------------------------------------------------------
// AROON and AROONOSC: how many bars since the highest high / lowest low of the last period + 1
// bars, on a 0-100 scale. On ties the most recent bar counts (TA-Lib's rule).

class AroonTracker {
 public:
  explicit AroonTracker(std::size_t period) : period_(period), highest_(period + 1), lowest_(period + 1) {}

  // Returns false during warm-up; otherwise the bars since the extremes (0..period).
  bool Next(const Bar& bar, long* since_high, long* since_low) {
    highest_.Push(bar.high);
    lowest_.Push(bar.low);
    const std::size_t today = bars_++;
    *since_high = static_cast<long>(today - highest_.Index());
    *since_low = static_cast<long>(today - lowest_.Index());
    return today >= period_;
  }

 private:
  std::size_t period_;
  RollingMaxWithIndex highest_;
  RollingMinWithIndex lowest_;
  std::size_t bars_ = 0;
};

class Aroon {
 public:
  static constexpr std::size_t kOutputs = 2;
  static int Lookback(const Params& p) { return static_cast<int>(p[0]); }

  explicit Aroon(const Params& p) : period_(static_cast<long>(p[0])), factor_(100.0 / p[0]), tracker_(Period(p)) {}

  void Update(const Bar& bar, double* out) {
    long since_high;
    long since_low;
    if (tracker_.Next(bar, &since_high, &since_low)) {
      out[0] = factor_ * static_cast<double>(period_ - since_low);
      out[1] = factor_ * static_cast<double>(period_ - since_high);
    } else {
      out[0] = kNaN;
      out[1] = kNaN;
    }
  }

 private:
  long period_;
  double factor_;
  AroonTracker tracker_;
};

class AroonOscillator {
 public:
  static constexpr std::size_t kOutputs = 1;
  static int Lookback(const Params& p) { return static_cast<int>(p[0]); }

  explicit AroonOscillator(const Params& p) : factor_(100.0 / p[0]), tracker_(Period(p)) {}

  void Update(const Bar& bar, double* out) {
    long since_high;
    long since_low;
    // AroonUp - AroonDown = factor * (highest index - lowest index).
    out[0] = tracker_.Next(bar, &since_high, &since_low) ? factor_ * static_cast<double>(since_low - since_high) : kNaN;
  }

 private:
  double factor_;
  AroonTracker tracker_;
};

// ---------------------------------------------------------------------------------------------
// Wilder's directional movement system. The smoothed sums start as the plain sum of the one-bar
// values of bars 1..period-1, then follow sum - sum / period + today.

// PLUS_DM / MINUS_DM: the smoothed directional movement itself (period 1: the one-bar value).
template <bool kPlus>
class DirectionalMovement {
 public:
  static constexpr std::size_t kOutputs = 1;
  static int Lookback(const Params& p) { return p[0] > 1 ? static_cast<int>(p[0]) - 1 : 1; }

  explicit DirectionalMovement(const Params& p) : period_(Period(p)), sum_(p[0]) {}

  void Update(const Bar& bar, double* out) {
    DirectionalMove move;
    if (!tracker_.Next(bar, &move)) {
      out[0] = kNaN;
      return;
    }
    const double dm = kPlus ? move.plus : move.minus;
    const std::size_t t = ++moves_;  // this bar's index
    if (period_ <= 1) {
      out[0] = dm;
      return;
    }
    if (t < period_) {
      sum_.Prime(dm);
    } else {
      sum_.Smooth(dm);
    }
    out[0] = t + 1 >= period_ ? sum_.Value() : kNaN;
  }

 private:
  std::size_t period_;
  DirectionalMoveTracker tracker_;
  WilderSum sum_;
  std::size_t moves_ = 0;
};

// PLUS_DI / MINUS_DI: 100 * smoothed DM / smoothed TR (0 when TR is ~0). For period 1 TA-Lib
// gives the one-bar DM / TR without the factor 100; kept for parity.
template <bool kPlus>
class DirectionalIndicator {
 public:
  static constexpr std::size_t kOutputs = 1;
  static int Lookback(const Params& p) { return p[0] > 1 ? static_cast<int>(p[0]) : 1; }

  explicit DirectionalIndicator(const Params& p) : period_(Period(p)), dm_(p[0]), tr_(p[0]) {}

  void Update(const Bar& bar, double* out) {
    DirectionalMove move;
    if (!tracker_.Next(bar, &move)) {
      out[0] = kNaN;
      return;
    }
    const double dm = kPlus ? move.plus : move.minus;
    if (period_ <= 1) {
      out[0] = NearZero(move.range) ? 0.0 : dm / move.range;
      return;
    }
    const std::size_t t = ++moves_;
    if (t < period_) {
      dm_.Prime(dm);
      tr_.Prime(move.range);
      out[0] = kNaN;
      return;
    }
    dm_.Smooth(dm);
    tr_.Smooth(move.range);
    out[0] = NearZero(tr_.Value()) ? 0.0 : 100.0 * (dm_.Value() / tr_.Value());
  }

 private:
  std::size_t period_;
  DirectionalMoveTracker tracker_;
  WilderSum dm_;
  WilderSum tr_;
  std::size_t moves_ = 0;
};

// The smoothed +DM, -DM and TR that DX and ADX share; Next returns false on bars 0..period-1.
class DirectionalSums {
 public:
  explicit DirectionalSums(const Params& p) : period_(Period(p)), plus_(p[0]), minus_(p[0]), tr_(p[0]) {}

  bool Next(const Bar& bar, DirectionalIndex* index) {
    DirectionalMove move;
    if (!tracker_.Next(bar, &move)) return false;
    if (++moves_ < period_) {
      plus_.Prime(move.plus);
      minus_.Prime(move.minus);
      tr_.Prime(move.range);
      return false;
    }
    minus_.Smooth(move.minus);
    plus_.Smooth(move.plus);
    tr_.Smooth(move.range);
    *index = ComputeDirectionalIndex(plus_.Value(), minus_.Value(), tr_.Value());
    return true;
  }

  std::size_t Moves() const { return moves_; }

 private:
  std::size_t period_;
  DirectionalMoveTracker tracker_;
  WilderSum plus_;
  WilderSum minus_;
  WilderSum tr_;
  std::size_t moves_ = 0;
};

// DX: 100 * |+DI - -DI| / (+DI + -DI); when that is undefined TA-Lib repeats the previous DX
// (0 for the first).
class DirectionalMovementIndex {
 public:
  static constexpr std::size_t kOutputs = 1;
  static int Lookback(const Params& p) { return p[0] > 1 ? static_cast<int>(p[0]) : 2; }

  explicit DirectionalMovementIndex(const Params& p) : sums_(p) {}

  void Update(const Bar& bar, double* out) {
    DirectionalIndex index;
    if (!sums_.Next(bar, &index)) {
      out[0] = kNaN;
      return;
    }
    if (index.has_dx) dx_ = index.dx;
    out[0] = dx_;
  }

 private:
  DirectionalSums sums_;
  double dx_ = 0.0;
};

// ADX: the first value (bar 2 * period - 1) is the mean of the DX of bars period..2*period-1
// (undefined DX count as 0), then adx = (adx * (period - 1) + dx) / period, skipping bars whose
// DX is undefined (TA-Lib's rule).
class AdxCore {
 public:
  explicit AdxCore(const Params& p)
      : period_(Period(p)), period_real_(p[0]), period_minus_one_(p[0] - 1.0), sums_(p) {}

  static int Lookback(const Params& p) { return 2 * static_cast<int>(p[0]) - 1; }

  bool Next(const Bar& bar, double* adx) {
    DirectionalIndex index;
    if (!sums_.Next(bar, &index)) return false;
    const std::size_t t = sums_.Moves();
    if (t >= 2 * period_) {
      if (index.has_dx) adx_ = (adx_ * period_minus_one_ + index.dx) / period_real_;
    } else {
      if (index.has_dx) adx_ += index.dx;
      if (t + 1 < 2 * period_) return false;
      adx_ /= period_real_;
    }
    *adx = adx_;
    return true;
  }

 private:
  std::size_t period_;
  double period_real_;
  double period_minus_one_;
  DirectionalSums sums_;
  double adx_ = 0.0;  // the sum of the first DX while seeding
};

class AverageDirectionalIndex {
 public:
  static constexpr std::size_t kOutputs = 1;
  static int Lookback(const Params& p) { return AdxCore::Lookback(p); }

  explicit AverageDirectionalIndex(const Params& p) : adx_(p) {}

  void Update(const Bar& bar, double* out) {
    double adx;
    out[0] = adx_.Next(bar, &adx) ? adx : kNaN;
  }

 private:
  AdxCore adx_;
};

// ADXR: (today's ADX + the ADX of period - 1 bars ago) / 2.
class AverageDirectionalIndexRating {
 public:
  static constexpr std::size_t kOutputs = 1;
  static int Lookback(const Params& p) { return AdxCore::Lookback(p) + static_cast<int>(p[0]) - 1; }

  explicit AverageDirectionalIndexRating(const Params& p) : delay_(Period(p) - 1), adx_(p), past_(delay_) {}

  void Update(const Bar& bar, double* out) {
    double adx;
    if (!adx_.Next(bar, &adx)) {
      out[0] = kNaN;
      return;
    }
    const double then = past_.Shift(adx);
    out[0] = adx_values_++ >= delay_ ? (adx + then) / 2.0 : kNaN;
  }

 private:
  std::size_t delay_;
  AdxCore adx_;
  DelayLine past_;
  std::size_t adx_values_ = 0;
};

// ---------------------------------------------------------------------------------------------
// ULTOSC: weighted average of buying pressure / true range over three periods; whatever order
// the periods are given in, the shortest weighs 4, the middle one 2 and the longest 1 (as in
// TA-Lib). Each period keeps a running sum, added to and subtracted from in TA-Lib's order.

class UltimateOscillator {
 public:
  static constexpr std::size_t kOutputs = 1;
  static int Lookback(const Params& p) {
    double longest = p[0];
    if (p[1] > longest) longest = p[1];
    if (p[2] > longest) longest = p[2];
    return static_cast<int>(longest);
  }

  explicit UltimateOscillator(const Params& p) : lookback_(static_cast<std::size_t>(Lookback(p))) {
    std::size_t periods[3] = {Period(p, 0), Period(p, 1), Period(p, 2)};
    // Sort ascending: periods[0] is the shortest.
    for (int i = 0; i < 2; ++i) {
      for (int j = 0; j < 2 - i; ++j) {
        if (periods[j] > periods[j + 1]) {
          const std::size_t t = periods[j];
          periods[j] = periods[j + 1];
          periods[j + 1] = t;
        }
      }
    }
    for (int k = 0; k < 3; ++k) {
      legs_[k].period = periods[k];
      legs_[k].first_bar = lookback_ - periods[k] + 1;
      legs_[k].pressure_past = DelayLine(periods[k]);
      legs_[k].range_past = DelayLine(periods[k]);
    }
  }

  void Update(const Bar& bar, double* out) {
    if (bars_ == 0) {
      bars_ = 1;
      prev_close_ = bar.close;
      out[0] = kNaN;
      return;
    }
    const double true_low = bar.low < prev_close_ ? bar.low : prev_close_;
    const double pressure = bar.close - true_low;
    const double range = TrueRange(bar.high, bar.low, prev_close_);
    prev_close_ = bar.close;
    const std::size_t t = bars_++;
    for (Leg& leg : legs_) {
      const double old_pressure = leg.pressure_past.Shift(pressure);
      const double old_range = leg.range_past.Shift(range);
      if (t > lookback_) {
        leg.pressure -= old_pressure;
        leg.range -= old_range;
      }
      if (t >= leg.first_bar) {
        leg.pressure += pressure;
        leg.range += range;
      }
    }
    if (t < lookback_) {
      out[0] = kNaN;
      return;
    }
    double output = 0.0;
    if (!NearZero(legs_[0].range)) output += 4.0 * (legs_[0].pressure / legs_[0].range);
    if (!NearZero(legs_[1].range)) output += 2.0 * (legs_[1].pressure / legs_[1].range);
    if (!NearZero(legs_[2].range)) output += legs_[2].pressure / legs_[2].range;
    out[0] = 100.0 * (output / 7.0);
  }

 private:
  struct Leg {
    std::size_t period = 1;
    std::size_t first_bar = 1;  // the first bar whose terms this period's sums include
    double pressure = 0.0;
    double range = 0.0;
    DelayLine pressure_past{1};
    DelayLine range_past{1};
  };

  std::size_t lookback_;
  Leg legs_[3];
  std::size_t bars_ = 0;
  double prev_close_ = 0.0;
};

// ---------------------------------------------------------------------------------------------
// CMO: 100 * (gains - losses) / (gains + losses), both smoothed Wilder-style: the mean of the
// first `period` changes, then avg = (avg * (period - 1) + today) / period.

class ChandeMomentumOscillator {
 public:
  static constexpr std::size_t kOutputs = 1;
  static int Lookback(const Params& p) { return static_cast<int>(p[0]); }

  explicit ChandeMomentumOscillator(const Params& p)
      : period_(Period(p)), period_real_(p[0]), period_minus_one_(p[0] - 1.0) {}

  void Update(const Bar& bar, double* out) {
    const double value = bar.close;
    const double change = value - prev_;
    prev_ = value;
    const std::size_t t = bars_++;
    // Selects rather than branches (the direction is a coin flip); adding or subtracting 0.0 is
    // exact, so this is TA-Lib's arithmetic.
    const double loss = change < 0 ? change : 0.0;
    const double gain = change < 0 ? 0.0 : change;
    if (t > period_) {
      loss_ *= period_minus_one_;
      gain_ *= period_minus_one_;
      loss_ -= loss;
      gain_ += gain;
      loss_ /= period_real_;
      gain_ /= period_real_;
    } else {
      if (t == 0) {
        out[0] = kNaN;
        return;
      }
      loss_ -= loss;
      gain_ += gain;
      if (t < period_) {
        out[0] = kNaN;
        return;
      }
      loss_ /= period_real_;
      gain_ /= period_real_;
    }
    const double total = gain_ + loss_;
    out[0] = NearZero(total) ? 0.0 : 100.0 * ((gain_ - loss_) / total);
  }

 private:
  std::size_t period_;
  double period_real_;
  double period_minus_one_;
  std::size_t bars_ = 0;
  double prev_ = 0.0;
  double gain_ = 0.0;
  double loss_ = 0.0;
};

// ---------------------------------------------------------------------------------------------

ParamSpec PeriodParam(double default_value, double min) {
  return {"period", "Time Period", ParamKind::kInteger, default_value, min, 100000};
}

IndicatorInfo Momentum(std::string name, std::string title, unsigned inputs, std::vector<ParamSpec> params,
                       std::vector<std::string> outputs = {"real"}) {
  return {std::move(name), std::move(title), "Momentum Indicators", inputs, std::move(params), std::move(outputs),
          false, true, nullptr, nullptr, nullptr};
}

}  // namespace

void RegisterMomentumIndicators(Registry& registry) {
  const unsigned hl = kHigh | kLow;
  const unsigned hlc = kHigh | kLow | kClose;

  Register<RateOfChange<Change::kMomentum>>(registry, Momentum("MOM", "Momentum", kClose, {PeriodParam(10, 1)}));
  Register<RateOfChange<Change::kRoc>>(registry, Momentum("ROC", "Rate of Change", kClose, {PeriodParam(10, 1)}));
  Register<RateOfChange<Change::kRocPercentage>>(
      registry, Momentum("ROCP", "Rate of Change Percentage", kClose, {PeriodParam(10, 1)}));
  Register<RateOfChange<Change::kRocRatio>>(registry,
                                            Momentum("ROCR", "Rate of Change Ratio", kClose, {PeriodParam(10, 1)}));
  Register<RateOfChange<Change::kRocRatio100>>(
      registry, Momentum("ROCR100", "Rate of Change Ratio (100 scale)", kClose, {PeriodParam(10, 1)}));
  Register<WilliamsR>(registry, Momentum("WILLR", "Williams' %R", hlc, {PeriodParam(14, 2)}));
  Register<CommodityChannelIndex>(registry, Momentum("CCI", "Commodity Channel Index", hlc, {PeriodParam(14, 2)}));
  Register<MoneyFlowIndex>(registry, Momentum("MFI", "Money Flow Index", hlc | kVolume, {PeriodParam(14, 2)}));
  Register<BalanceOfPower>(registry, Momentum("BOP", "Balance Of Power", kOpen | hlc, {}));
  Register<Aroon>(registry, Momentum("AROON", "Aroon", hl, {PeriodParam(14, 2)}, {"aroonDown", "aroonUp"}));
  Register<AroonOscillator>(registry, Momentum("AROONOSC", "Aroon Oscillator", hl, {PeriodParam(14, 2)}));
  Register<DirectionalMovement<true>>(registry, Momentum("PLUS_DM", "Plus Directional Movement", hl, {PeriodParam(14, 1)}));
  Register<DirectionalMovement<false>>(registry,
                                       Momentum("MINUS_DM", "Minus Directional Movement", hl, {PeriodParam(14, 1)}));
  Register<DirectionalIndicator<true>>(registry, Momentum("PLUS_DI", "Plus Directional Indicator", hlc, {PeriodParam(14, 1)}));
  Register<DirectionalIndicator<false>>(registry,
                                        Momentum("MINUS_DI", "Minus Directional Indicator", hlc, {PeriodParam(14, 1)}));
  Register<DirectionalMovementIndex>(registry, Momentum("DX", "Directional Movement Index", hlc, {PeriodParam(14, 2)}));
  Register<AverageDirectionalIndex>(registry,
                                    Momentum("ADX", "Average Directional Movement Index", hlc, {PeriodParam(14, 2)}));
  Register<AverageDirectionalIndexRating>(
      registry, Momentum("ADXR", "Average Directional Movement Index Rating", hlc, {PeriodParam(14, 2)}));
  Register<UltimateOscillator>(registry, Momentum("ULTOSC", "Ultimate Oscillator", hlc,
                                                  {{"period1", "First Period", ParamKind::kInteger, 7, 1, 100000},
                                                   {"period2", "Second Period", ParamKind::kInteger, 14, 1, 100000},
                                                   {"period3", "Third Period", ParamKind::kInteger, 28, 1, 100000}}));
  Register<ChandeMomentumOscillator>(registry, Momentum("CMO", "Chande Momentum Oscillator", kClose, {PeriodParam(14, 2)}));
}

}  // namespace quorum::ind
