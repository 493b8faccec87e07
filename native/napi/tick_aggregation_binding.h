#pragma once

#include <napi.h>

namespace quorum::addon {

// Adds the TickBarBuilder class and readBandwidthProbe to `exports`.
void RegisterTickAggregationBindings(Napi::Env env, Napi::Object exports);

}  // namespace quorum::addon
