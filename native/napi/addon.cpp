#include <napi.h>

#include "../core/build_info.h"
#include "backtest_binding.h"
#include "indicator_binding.h"
#include "resample_binding.h"
#include "tick_aggregation_binding.h"

namespace {

// napiVersion is the Node-API version the addon was built against, not the runtime's.
Napi::Value NativeInfo(const Napi::CallbackInfo& info) {
  Napi::Object result = Napi::Object::New(info.Env());
  result.Set("version", quorum::kNativeVersion);
  result.Set("napiVersion", NAPI_VERSION);
  result.Set("compiler", quorum::CompilerDescription());
  return result;
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("nativeInfo", Napi::Function::New(env, NativeInfo, "nativeInfo"));
  quorum::addon::RegisterResampleBindings(env, exports);
  quorum::addon::RegisterTickAggregationBindings(env, exports);
  quorum::addon::RegisterIndicatorBindings(env, exports);
  quorum::addon::RegisterBacktestBindings(env, exports);
  return exports;
}

}  // namespace

NODE_API_MODULE(quorum_native, Init)
