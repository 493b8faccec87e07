#pragma once

#include <napi.h>

namespace quorum::addon {

// Adds resampleCount, resampleFill, resampleCountAsync and resampleFillAsync to `exports`.
void RegisterResampleBindings(Napi::Env env, Napi::Object exports);

}  // namespace quorum::addon
