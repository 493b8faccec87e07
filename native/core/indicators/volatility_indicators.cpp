#include "indicator.h"

namespace quorum::ind {

void RegisterVolatilityIndicators(Registry& /*registry*/) {}

}  // namespace quorum::ind
