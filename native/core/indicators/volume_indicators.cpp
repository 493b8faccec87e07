#include "indicator.h"

namespace quorum::ind {

void RegisterVolumeIndicators(Registry& /*registry*/) {}

}  // namespace quorum::ind
