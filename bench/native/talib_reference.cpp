// Benchmark reference only (never shipped): calls TA-Lib's C functions, as built from source by
// the `talib` devDependency, directly on the same Float64Arrays Quorum's indicators read, so the
// bench compares the two C implementations without any conversion in the way.
#include <napi.h>

#include <string>
#include <vector>

extern "C" {
#include "ta_abstract.h"
#include "ta_libc.h"
}

namespace {

const double* Column(const Napi::Object& bars, const char* name) {
  return bars.Get(name).As<Napi::Float64Array>().Data();
}

// callTalib(name, params: Float64Array, bars: {open, high, low, close, volume}, outputs: Float64Array[])
// → { begIndex, nbElement }. Single-series inputs get the closes, as in the parity tests.
Napi::Value CallTalib(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const std::string name = info[0].As<Napi::String>().Utf8Value();
  const Napi::Float64Array params = info[1].As<Napi::Float64Array>();
  const Napi::Object bars = info[2].As<Napi::Object>();
  const Napi::Array outputs = info[3].As<Napi::Array>();
  const TA_FuncHandle* handle = nullptr;
  if (TA_GetFuncHandle(name.c_str(), &handle) != TA_SUCCESS) throw Napi::Error::New(env, "TA-Lib has no " + name);
  const TA_FuncInfo* func = nullptr;
  TA_GetFuncInfo(handle, &func);
  TA_ParamHolder* holder = nullptr;
  TA_ParamHolderAlloc(handle, &holder);
  const double* close = Column(bars, "close");
  const int n = static_cast<int>(bars.Get("close").As<Napi::Float64Array>().ElementLength());
  for (unsigned i = 0; i < func->nbInput; ++i) {
    const TA_InputParameterInfo* in = nullptr;
    TA_GetInputParameterInfo(handle, i, &in);
    if (in->type == TA_Input_Real) {
      TA_SetInputParamRealPtr(holder, i, close);
    } else {
      TA_SetInputParamPricePtr(holder, i, Column(bars, "open"), Column(bars, "high"), Column(bars, "low"), close,
                               Column(bars, "volume"), nullptr);
    }
  }
  for (unsigned i = 0; i < func->nbOptInput && i < params.ElementLength(); ++i) {
    const TA_OptInputParameterInfo* opt = nullptr;
    TA_GetOptInputParameterInfo(handle, i, &opt);
    if (opt->type == TA_OptInput_RealRange || opt->type == TA_OptInput_RealList) {
      TA_SetOptInputParamReal(holder, i, params[i]);
    } else {
      TA_SetOptInputParamInteger(holder, i, static_cast<TA_Integer>(params[i]));
    }
  }
  for (unsigned i = 0; i < func->nbOutput; ++i) {
    TA_SetOutputParamRealPtr(holder, i, outputs.Get(i).As<Napi::Float64Array>().Data());
  }
  TA_Integer beg = 0;
  TA_Integer count = 0;
  const TA_RetCode code = TA_CallFunc(holder, 0, n - 1, &beg, &count);
  TA_ParamHolderFree(holder);
  if (code != TA_SUCCESS) throw Napi::Error::New(env, "TA-Lib " + name + " failed with code " + std::to_string(code));
  Napi::Object result = Napi::Object::New(env);
  result.Set("begIndex", beg);
  result.Set("nbElement", count);
  return result;
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  TA_Initialize();
  exports.Set("callTalib", Napi::Function::New(env, CallTalib, "callTalib"));
  return exports;
}

}  // namespace

NODE_API_MODULE(talib_reference, Init)
