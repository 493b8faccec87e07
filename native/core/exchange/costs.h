#pragma once

#include <cstdint>

#include "conventions.h"

namespace quorum::exchange {

// Interactive Brokers' US-stock rates (https://www.interactivebrokers.com/en/pricing/commissions-stocks.php).
constexpr double kIbFixedPerShare = 0.005;
constexpr double kIbFixedMinimum = 1.00;
constexpr double kIbTieredMinimum = 0.35;
constexpr double kIbMaximumShareOfValue = 0.01;

// The tiered rate a share for an order placed when `month_shares` shares have already traded
// this month: 0.0035 up to 300k, 0.002 to 3M, 0.0015 to 20M, 0.001 to 100M, 0.0005 above.
double IbTieredRate(double month_shares);

// The commission of one fill of `quantity` (> 0) shares at `price`; `month_shares` is the
// account's share volume this UTC month before the fill (read by ib-tiered only).
double Commission(const CommissionSpec& spec, double quantity, double price, double month_shares);

// How far a market or stop fill moves against the trader (≥ 0, in price); `high` and `low` are
// the fill bar's.
inline double Slippage(const SlippageSpec& spec, double price, double high, double low) {
  switch (spec.kind) {
    case SlippageKind::kNone:
      return 0;
    case SlippageKind::kTicks:
      return spec.ticks * spec.tick_size;
    case SlippageKind::kBps:
      return price * spec.bps / 10000.0;
    case SlippageKind::kRangeFraction:
      return spec.fraction * (high - low);
  }
  return 0;
}

// The UTC calendar month of an epoch-seconds time, as year × 12 + month − 1.
std::int64_t UtcMonth(double epoch_seconds);

}  // namespace quorum::exchange
