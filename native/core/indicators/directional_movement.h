#pragma once

#include <cmath>

#include "indicator.h"

// Private to the momentum and volatility families: Wilder's true range and one-bar directional
// movement, and his smoothing as TA-Lib applies it (ATR, NATR, ±DM, ±DI, DX, ADX, ADXR).
namespace quorum::ind {

// The greatest of high - low, |high - previous close| and |low - previous close|.
inline double TrueRange(double high, double low, double prev_close) {
  double range = high - low;
  const double to_high = std::fabs(high - prev_close);
  if (to_high > range) range = to_high;
  const double to_low = std::fabs(low - prev_close);
  if (to_low > range) range = to_low;
  return range;
}

// TA-Lib's "is zero" test (|v| < 1e-14), used before every division in these families.
inline bool NearZero(double v) { return -1e-14 < v && v < 1e-14; }

struct DirectionalMove {
  double plus;   // +DM1: today's high above yesterday's, when that beats the low's move down
  double minus;  // -DM1: today's low below yesterday's, when that beats the high's move up
  double range;  // TR1
};

// One-bar +DM/-DM/TR from consecutive bars. The first bar only seeds the previous values.
class DirectionalMoveTracker {
 public:
  // Returns false (and leaves *move alone) on the very first bar.
  bool Next(const Bar& bar, DirectionalMove* move) {
    const bool has_previous = started_;
    if (has_previous) {
      const double up = bar.high - prev_high_;
      const double down = prev_low_ - bar.low;
      // Non-short-circuit tests, so the compiler can select without (unpredictable) branches.
      const bool minus = (down > 0) & (up < down);
      const bool plus = (up > 0) & (up > down);
      move->minus = minus ? down : 0.0;
      move->plus = plus ? up : 0.0;
      move->range = TrueRange(bar.high, bar.low, prev_close_);
    }
    started_ = true;
    prev_high_ = bar.high;
    prev_low_ = bar.low;
    prev_close_ = bar.close;
    return has_previous;
  }

 private:
  bool started_ = false;
  double prev_high_ = 0.0;
  double prev_low_ = 0.0;
  double prev_close_ = 0.0;
};

// Wilder's running sum as TA-Lib keeps it for ±DM and TR: the first period - 1 one-bar values
// summed, then sum - sum / period + today (adding 0.0 for a bar without movement is exact, so
// this matches TA-Lib's branches bit for bit).
class WilderSum {
 public:
  explicit WilderSum(double period) : period_(period) {}
  void Prime(double value) { sum_ += value; }
  void Smooth(double value) { sum_ = sum_ - sum_ / period_ + value; }
  double Value() const { return sum_; }

 private:
  double period_;
  double sum_ = 0.0;
};

// +DI, -DI and DX from smoothed sums, with TA-Lib's guards (both zero when TR is ~0).
struct DirectionalIndex {
  double plus_di;
  double minus_di;
  bool has_dx;  // false when TR or +DI + -DI is ~0: TA-Lib then holds (DX, ADX) or skips (ADX seed)
  double dx;
};

inline DirectionalIndex ComputeDirectionalIndex(double plus_dm, double minus_dm, double tr) {
  DirectionalIndex r{0.0, 0.0, false, 0.0};
  if (NearZero(tr)) return r;
  r.minus_di = 100.0 * (minus_dm / tr);
  r.plus_di = 100.0 * (plus_dm / tr);
  const double sum = r.minus_di + r.plus_di;
  if (NearZero(sum)) return r;
  r.has_dx = true;
  r.dx = 100.0 * (std::fabs(r.minus_di - r.plus_di) / sum);
  return r;
}

}  // namespace quorum::ind
