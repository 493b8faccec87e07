#include "indicator.h"

namespace quorum::ind {

void RegisterPriceTransforms(Registry& /*registry*/) {}

}  // namespace quorum::ind
