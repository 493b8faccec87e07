#pragma once

#include <napi.h>

namespace quorum::addon {

// runBacktest, runSweep, evaluateProgram and computeStats (src/main/native/backtest.ts is their TypeScript side).
void RegisterBacktestBindings(Napi::Env env, Napi::Object exports);

}  // namespace quorum::addon
