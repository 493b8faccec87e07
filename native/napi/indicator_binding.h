#pragma once

#include <napi.h>

namespace quorum::addon {

// indicatorList, indicatorLookback, indicatorBatch, indicatorBatchAsync and the IndicatorStream class.
void RegisterIndicatorBindings(Napi::Env env, Napi::Object exports);

}  // namespace quorum::addon
