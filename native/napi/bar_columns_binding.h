#pragma once

#include <napi.h>

#include <vector>

#include "../core/bar_columns.h"

namespace quorum::addon {

// Holds strong references to typed arrays so a worker thread can keep using their memory after
// the call that received them has returned. Must be destroyed on the JS thread.
class PinnedArrays {
 public:
  void Pin(const Napi::TypedArray& array);

 private:
  std::vector<Napi::Reference<Napi::TypedArray>> references_;
};

// Each throws a Napi::TypeError naming `name` when the argument has the wrong shape, so no pointer
// reaches the core unchecked even if the TypeScript validation is bypassed.
Napi::Float64Array Float64ArrayArgument(const Napi::Value& value, const char* name);
double FiniteNumberArgument(const Napi::Value& value, const char* name);
BarColumnsView BarColumnsViewArgument(const Napi::Value& value, const char* name, PinnedArrays* pins);
BarColumnsSpan BarColumnsSpanArgument(const Napi::Value& value, const char* name, PinnedArrays* pins);

}  // namespace quorum::addon
