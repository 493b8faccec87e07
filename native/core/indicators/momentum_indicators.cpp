#include "indicator.h"

namespace quorum::ind {

void RegisterMomentumIndicators(Registry& /*registry*/) {}

}  // namespace quorum::ind
