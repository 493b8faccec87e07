#include "build_info.h"

#define QUORUM_STRINGIFY_INNER(x) #x
#define QUORUM_STRINGIFY(x) QUORUM_STRINGIFY_INNER(x)

namespace quorum {

const char* CompilerDescription() {
  // clang also defines __GNUC__, so it is tested first.
#if defined(__clang__)
  return "clang " __clang_version__;
#elif defined(__GNUC__)
  return "gcc " QUORUM_STRINGIFY(__GNUC__) "." QUORUM_STRINGIFY(__GNUC_MINOR__) "." QUORUM_STRINGIFY(__GNUC_PATCHLEVEL__);
#elif defined(_MSC_VER)
  return "msvc " QUORUM_STRINGIFY(_MSC_FULL_VER);
#else
  return "unknown compiler";
#endif
}

}  // namespace quorum
