#include "indicator_binding.h"

#include <atomic>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "../core/indicators/indicator.h"
#include "bar_columns_binding.h"

namespace quorum::addon {
namespace {

using ind::IndicatorInfo;

const char* ParamKindName(ind::ParamKind kind) {
  switch (kind) {
    case ind::ParamKind::kInteger:
      return "integer";
    case ind::ParamKind::kReal:
      return "real";
    case ind::ParamKind::kMaType:
      return "ma-type";
  }
  return "real";
}

Napi::Array InputNames(Napi::Env env, unsigned mask) {
  const std::pair<unsigned, const char*> fields[] = {{ind::kTime, "time"}, {ind::kOpen, "open"},   {ind::kHigh, "high"},
                                                     {ind::kLow, "low"},   {ind::kClose, "close"}, {ind::kVolume, "volume"}};
  Napi::Array names = Napi::Array::New(env);
  uint32_t n = 0;
  for (const auto& [bit, name] : fields) {
    if ((mask & bit) != 0) names.Set(n++, name);
  }
  return names;
}

Napi::Object InfoToJs(Napi::Env env, const IndicatorInfo& info) {
  Napi::Object result = Napi::Object::New(env);
  result.Set("name", info.name);
  result.Set("title", info.title);
  result.Set("group", info.group);
  result.Set("inputs", InputNames(env, info.inputs));
  Napi::Array params = Napi::Array::New(env, info.params.size());
  for (uint32_t i = 0; i < info.params.size(); ++i) {
    const ind::ParamSpec& p = info.params[i];
    Napi::Object spec = Napi::Object::New(env);
    spec.Set("name", p.name);
    spec.Set("label", p.label);
    spec.Set("kind", ParamKindName(p.kind));
    spec.Set("default", p.default_value);
    spec.Set("min", p.min);
    spec.Set("max", p.max);
    params.Set(i, spec);
  }
  result.Set("params", params);
  Napi::Array outputs = Napi::Array::New(env, info.outputs.size());
  for (uint32_t i = 0; i < info.outputs.size(); ++i) outputs.Set(i, info.outputs[i]);
  result.Set("outputs", outputs);
  result.Set("overlay", info.overlay);
  result.Set("talib", info.talib);
  return result;
}

const IndicatorInfo& IndicatorArgument(const Napi::Value& value) {
  if (!value.IsString()) throw Napi::TypeError::New(value.Env(), "indicator name must be a string");
  const std::string name = value.As<Napi::String>().Utf8Value();
  const IndicatorInfo* info = ind::FindIndicator(name);
  if (info == nullptr) throw Napi::RangeError::New(value.Env(), "no indicator named " + name);
  return *info;
}

// The TypeScript side validates parameters against the specs; this re-checks the count and
// ranges so no out-of-range period reaches an allocation in the core.
ind::Params ParamsArgument(const Napi::Value& value, const IndicatorInfo& info) {
  const Napi::Float64Array array = Float64ArrayArgument(value, "params");
  if (array.ElementLength() != info.params.size()) {
    throw Napi::RangeError::New(value.Env(), info.name + " takes " + std::to_string(info.params.size()) + " parameters");
  }
  ind::Params params(array.Data(), array.Data() + array.ElementLength());
  for (std::size_t i = 0; i < params.size(); ++i) {
    const ind::ParamSpec& spec = info.params[i];
    if (!(params[i] >= spec.min && params[i] <= spec.max)) {
      throw Napi::RangeError::New(value.Env(), info.name + " parameter " + spec.name + " is out of range");
    }
  }
  return params;
}

struct OutputColumns {
  std::vector<double*> pointers;
};

OutputColumns OutputsArgument(const Napi::Value& value, const IndicatorInfo& info, std::size_t length, PinnedArrays* pins) {
  if (!value.IsArray()) throw Napi::TypeError::New(value.Env(), "outputs must be an array of Float64Array");
  const Napi::Array array = value.As<Napi::Array>();
  if (array.Length() != info.outputs.size()) {
    throw Napi::RangeError::New(value.Env(), info.name + " writes " + std::to_string(info.outputs.size()) + " outputs");
  }
  OutputColumns out;
  for (uint32_t k = 0; k < array.Length(); ++k) {
    Napi::Float64Array column = Float64ArrayArgument(array.Get(k), "outputs[k]");
    if (column.ElementLength() != length) throw Napi::RangeError::New(value.Env(), "each output must be as long as the bars");
    if (pins != nullptr) pins->Pin(column);
    out.pointers.push_back(column.Data());
  }
  return out;
}

Napi::Value IndicatorList(const Napi::CallbackInfo& info) {
  const auto& all = ind::AllIndicators();
  Napi::Array result = Napi::Array::New(info.Env(), all.size());
  for (uint32_t i = 0; i < all.size(); ++i) result.Set(i, InfoToJs(info.Env(), all[i]));
  return result;
}

Napi::Value IndicatorLookback(const Napi::CallbackInfo& info) {
  const IndicatorInfo& indicator = IndicatorArgument(info[0]);
  return Napi::Number::New(info.Env(), indicator.lookback(ParamsArgument(info[1], indicator)));
}

Napi::Value IndicatorBatch(const Napi::CallbackInfo& info) {
  const IndicatorInfo& indicator = IndicatorArgument(info[0]);
  const ind::Params params = ParamsArgument(info[1], indicator);
  const BarColumnsView bars = BarColumnsViewArgument(info[2], "bars", nullptr);
  const OutputColumns out = OutputsArgument(info[3], indicator, bars.length, nullptr);
  indicator.batch(params, bars, out.pointers.data(), nullptr, nullptr);
  return info.Env().Undefined();
}

class IndicatorWorker final : public Napi::AsyncWorker {
 public:
  IndicatorWorker(Napi::Env env, const IndicatorInfo& indicator, ind::Params params, ind::Columns bars, OutputColumns out,
                  PinnedArrays pins, std::shared_ptr<std::atomic<bool>> cancel_requested)
      : Napi::AsyncWorker(env, "quorum:indicator"),
        deferred_(Napi::Promise::Deferred::New(env)),
        indicator_(indicator),
        params_(std::move(params)),
        bars_(bars),
        out_(std::move(out)),
        pins_(std::move(pins)),
        cancel_requested_(std::move(cancel_requested)) {}

  Napi::Promise Promise() const { return deferred_.Promise(); }

 protected:
  void Execute() override {
    finished_ = indicator_.batch(params_, bars_, out_.pointers.data(), &ShouldContinue, cancel_requested_.get());
  }
  void OnOK() override { deferred_.Resolve(Napi::Boolean::New(Env(), finished_)); }
  void OnError(const Napi::Error& error) override { deferred_.Reject(error.Value()); }

 private:
  static bool ShouldContinue(void* context, std::size_t) {
    return !static_cast<std::atomic<bool>*>(context)->load(std::memory_order_relaxed);
  }

  Napi::Promise::Deferred deferred_;
  const IndicatorInfo& indicator_;
  ind::Params params_;
  ind::Columns bars_;
  OutputColumns out_;
  PinnedArrays pins_;
  std::shared_ptr<std::atomic<bool>> cancel_requested_;
  bool finished_ = false;
};

// Returns { promise, cancel }; the promise resolves to false when cancelled.
Napi::Value IndicatorBatchAsync(const Napi::CallbackInfo& info) {
  const IndicatorInfo& indicator = IndicatorArgument(info[0]);
  ind::Params params = ParamsArgument(info[1], indicator);
  PinnedArrays pins;
  const BarColumnsView bars = BarColumnsViewArgument(info[2], "bars", &pins);
  OutputColumns out = OutputsArgument(info[3], indicator, bars.length, &pins);
  auto cancel_requested = std::make_shared<std::atomic<bool>>(false);
  auto* worker = new IndicatorWorker(info.Env(), indicator, std::move(params), bars, std::move(out), std::move(pins),
                                     cancel_requested);
  Napi::Object job = Napi::Object::New(info.Env());
  job.Set("promise", worker->Promise());
  job.Set("cancel", Napi::Function::New(
                        info.Env(),
                        [cancel_requested](const Napi::CallbackInfo&) { cancel_requested->store(true, std::memory_order_relaxed); },
                        "cancel"));
  worker->Queue();
  return job;
}

// One live instance of an indicator: update(time, open, high, low, close, volume, out) writes
// that bar's outputs into `out`, exactly as the batch form would at that index.
class IndicatorStream final : public Napi::ObjectWrap<IndicatorStream> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "IndicatorStream", {InstanceMethod<&IndicatorStream::Update>("update")});
  }

  explicit IndicatorStream(const Napi::CallbackInfo& info) : Napi::ObjectWrap<IndicatorStream>(info) {
    const IndicatorInfo& indicator = IndicatorArgument(info[0]);
    outputs_ = indicator.outputs.size();
    stream_ = indicator.make_stream(ParamsArgument(info[1], indicator));
  }

 private:
  Napi::Value Update(const Napi::CallbackInfo& info) {
    ind::Bar bar{};
    double* fields[] = {&bar.time, &bar.open, &bar.high, &bar.low, &bar.close, &bar.volume};
    const char* names[] = {"time", "open", "high", "low", "close", "volume"};
    for (int i = 0; i < 6; ++i) *fields[i] = FiniteNumberArgument(info[i], names[i]);
    Napi::Float64Array out = Float64ArrayArgument(info[6], "out");
    if (out.ElementLength() < outputs_) throw Napi::RangeError::New(info.Env(), "out is shorter than the indicator's outputs");
    stream_->Update(bar, out.Data());
    return info.Env().Undefined();
  }

  std::unique_ptr<ind::Stream> stream_;
  std::size_t outputs_ = 0;
};

}  // namespace

void RegisterIndicatorBindings(Napi::Env env, Napi::Object exports) {
  exports.Set("indicatorList", Napi::Function::New(env, IndicatorList, "indicatorList"));
  exports.Set("indicatorLookback", Napi::Function::New(env, IndicatorLookback, "indicatorLookback"));
  exports.Set("indicatorBatch", Napi::Function::New(env, IndicatorBatch, "indicatorBatch"));
  exports.Set("indicatorBatchAsync", Napi::Function::New(env, IndicatorBatchAsync, "indicatorBatchAsync"));
  exports.Set("IndicatorStream", IndicatorStream::Define(env));
}

}  // namespace quorum::addon
