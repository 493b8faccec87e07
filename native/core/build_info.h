#pragma once

namespace quorum {

// Bumped with any change to an exported function's behaviour, so a stale build is recognisable.
constexpr const char* kNativeVersion = "0.1.0";

// The compiler and version this addon was built with, e.g. "gcc 12.2.0".
const char* CompilerDescription();

}  // namespace quorum
