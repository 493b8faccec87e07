#include "bar_columns_binding.h"

#include <cmath>
#include <string>

namespace quorum::addon {

void PinnedArrays::Pin(const Napi::TypedArray& array) { references_.push_back(Napi::Persistent(array)); }

Napi::Float64Array Float64ArrayArgument(const Napi::Value& value, const char* name) {
  if (!value.IsTypedArray() || value.As<Napi::TypedArray>().TypedArrayType() != napi_float64_array) {
    throw Napi::TypeError::New(value.Env(), std::string(name) + " must be a Float64Array");
  }
  return value.As<Napi::Float64Array>();
}

double FiniteNumberArgument(const Napi::Value& value, const char* name) {
  if (!value.IsNumber() || !std::isfinite(value.As<Napi::Number>().DoubleValue())) {
    throw Napi::TypeError::New(value.Env(), std::string(name) + " must be a finite number");
  }
  return value.As<Napi::Number>().DoubleValue();
}

BarColumnsSpan BarColumnsSpanArgument(const Napi::Value& value, const char* name, PinnedArrays* pins) {
  if (!value.IsObject()) throw Napi::TypeError::New(value.Env(), std::string(name) + " must be an object of columns");
  const Napi::Object columns = value.As<Napi::Object>();
  const std::string prefix = std::string(name) + ".";
  const char* fields[] = {"time", "open", "high", "low", "close", "volume"};
  double* data[6];
  std::size_t length = 0;
  for (std::size_t i = 0; i < 6; ++i) {
    const std::string field = prefix + fields[i];
    Napi::Float64Array array = Float64ArrayArgument(columns.Get(fields[i]), field.c_str());
    if (i == 0) {
      length = array.ElementLength();
    } else if (array.ElementLength() != length) {
      throw Napi::RangeError::New(value.Env(), field + " has a different length than " + prefix + "time");
    }
    data[i] = array.Data();
    if (pins != nullptr) pins->Pin(array);
  }
  return {data[0], data[1], data[2], data[3], data[4], data[5], length};
}

BarColumnsView BarColumnsViewArgument(const Napi::Value& value, const char* name, PinnedArrays* pins) {
  const BarColumnsSpan span = BarColumnsSpanArgument(value, name, pins);
  return {span.time, span.open, span.high, span.low, span.close, span.volume, span.length};
}

}  // namespace quorum::addon
