#include "costs.h"

#include <algorithm>
#include <cmath>

namespace quorum::exchange {

double IbTieredRate(double month_shares) {
  if (month_shares < 300e3) return 0.0035;
  if (month_shares < 3e6) return 0.002;
  if (month_shares < 20e6) return 0.0015;
  if (month_shares < 100e6) return 0.001;
  return 0.0005;
}

double Commission(const CommissionSpec& spec, double quantity, double price, double month_shares) {
  const double value = quantity * price;
  switch (spec.kind) {
    case CommissionKind::kNone:
      return 0;
    case CommissionKind::kPerShare:
      return std::max(quantity * spec.per_share, spec.minimum);
    case CommissionKind::kPerOrder:
      return spec.amount;
    case CommissionKind::kPercent:
      return value * spec.percent / 100.0;
    case CommissionKind::kIbFixed:
      // The 1% cap wins over the minimum, as at IB, so a tiny order never pays more than 1%.
      return std::min(std::max(quantity * kIbFixedPerShare, kIbFixedMinimum), value * kIbMaximumShareOfValue);
    case CommissionKind::kIbTiered:
      return std::min(std::max(quantity * IbTieredRate(month_shares), kIbTieredMinimum), value * kIbMaximumShareOfValue);
  }
  return 0;
}

std::int64_t UtcMonth(double epoch_seconds) {
  // Howard Hinnant's civil_from_days.
  const std::int64_t days = static_cast<std::int64_t>(std::floor(epoch_seconds / 86400.0));
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;  // 1..12
  const std::int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return year * 12 + month - 1;
}

}  // namespace quorum::exchange
