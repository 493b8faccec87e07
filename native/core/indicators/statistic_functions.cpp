#include "indicator.h"

namespace quorum::ind {

void RegisterStatisticFunctions(Registry& /*registry*/) {}

}  // namespace quorum::ind
