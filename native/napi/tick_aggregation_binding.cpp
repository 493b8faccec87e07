#include "tick_aggregation_binding.h"

#include <atomic>
#include <cmath>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "../core/tick_aggregation.h"
#include "bar_columns_binding.h"

namespace quorum::addon {
namespace {

// Layout of the builder's state array: [has partial (0/1), time, open, high, low, close, volume].
constexpr std::size_t kStateLength = 7;

const char* StatusName(TickStatus status) {
  switch (status) {
    case TickStatus::kOk:
      return "ok";
    case TickStatus::kInvalidTime:
      return "invalid-time";
    case TickStatus::kNotAscending:
      return "not-ascending";
    case TickStatus::kInvalidPrice:
      return "invalid-price";
    case TickStatus::kInvalidSize:
      return "invalid-size";
    case TickStatus::kTooManyBars:
      return "too-many-bars";
    case TickStatus::kFlushed:
      return "flushed";
    case TickStatus::kCancelled:
      return "cancelled";
  }
  return "unknown";
}

// Strong references that keep input arrays alive while a worker thread reads them.
using Pins = std::vector<Napi::ObjectReference>;

Napi::Float64Array PinnedFloat64Array(const Napi::Object& columns, const char* field, const std::string& prefix, Pins* pins) {
  const std::string name = prefix + field;
  Napi::Float64Array array = Float64ArrayArgument(columns.Get(field), name.c_str());
  if (pins != nullptr) pins->push_back(Napi::Persistent(static_cast<Napi::Object>(array)));
  return array;
}

// Each check throws a TypeError or RangeError naming the field, so no pointer reaches the core
// unchecked even if the TypeScript validation is bypassed.
TickColumnsView TickColumnsArgument(const Napi::Value& value, Pins* pins) {
  Napi::Env env = value.Env();
  if (!value.IsObject()) throw Napi::TypeError::New(env, "ticks must be an object of columns");
  const Napi::Object columns = value.As<Napi::Object>();
  const Napi::Float64Array time = PinnedFloat64Array(columns, "time", "ticks.", pins);
  const Napi::Float64Array price = PinnedFloat64Array(columns, "price", "ticks.", pins);
  const Napi::Float64Array size = PinnedFloat64Array(columns, "size", "ticks.", pins);
  const std::size_t length = time.ElementLength();
  if (price.ElementLength() != length) throw Napi::RangeError::New(env, "ticks.price has a different length than ticks.time");
  if (size.ElementLength() != length) throw Napi::RangeError::New(env, "ticks.size has a different length than ticks.time");
  const std::uint32_t* conditions = nullptr;
  const Napi::Value flags = columns.Get("conditions");
  if (!flags.IsUndefined()) {
    if (!flags.IsTypedArray() || flags.As<Napi::TypedArray>().TypedArrayType() != napi_uint32_array) {
      throw Napi::TypeError::New(env, "ticks.conditions must be a Uint32Array or undefined");
    }
    Napi::Uint32Array array = flags.As<Napi::Uint32Array>();
    if (array.ElementLength() != length) throw Napi::RangeError::New(env, "ticks.conditions has a different length than ticks.time");
    if (pins != nullptr) pins->push_back(Napi::Persistent(static_cast<Napi::Object>(array)));
    conditions = array.Data();
  }
  return {time.Data(), price.Data(), size.Data(), conditions, length};
}

double OptionalFiniteNumber(const Napi::Object& object, const char* field, double fallback) {
  const Napi::Value value = object.Get(field);
  if (value.IsUndefined()) return fallback;
  return FiniteNumberArgument(value, (std::string("spec.") + field).c_str());
}

std::vector<SessionDay> CalendarArgument(const Napi::Value& value) {
  Napi::Env env = value.Env();
  if (!value.IsObject()) throw Napi::TypeError::New(env, "spec.calendar must be an object of columns");
  const Napi::Object columns = value.As<Napi::Object>();
  const char* fields[] = {"barTime", "sessionStart", "sessionEnd", "regularOpen", "regularClose"};
  const double* data[5];
  std::size_t length = 0;
  for (std::size_t f = 0; f < 5; ++f) {
    const Napi::Float64Array array = PinnedFloat64Array(columns, fields[f], "spec.calendar.", nullptr);
    if (f == 0) {
      length = array.ElementLength();
    } else if (array.ElementLength() != length) {
      throw Napi::RangeError::New(env, std::string("spec.calendar.") + fields[f] + " has a different length than spec.calendar.barTime");
    }
    data[f] = array.Data();
  }
  std::vector<SessionDay> days(length);
  for (std::size_t i = 0; i < length; ++i) days[i] = {data[0][i], data[1][i], data[2][i], data[3][i], data[4][i]};
  return days;
}

// The calendar is copied, so the builder owns everything it reads after construction.
TickAggregationSpec SpecArgument(const Napi::Value& value) {
  Napi::Env env = value.Env();
  if (!value.IsObject()) throw Napi::TypeError::New(env, "spec must be an AggregationSpec object");
  const Napi::Object object = value.As<Napi::Object>();
  const Napi::Value type = object.Get("type");
  const std::string kind = type.IsString() ? type.As<Napi::String>().Utf8Value() : "";
  TickAggregationSpec spec;
  if (kind == "time") {
    spec.kind = BarKind::kTime;
    spec.period_seconds = FiniteNumberArgument(object.Get("periodSeconds"), "spec.periodSeconds");
    spec.anchor_seconds = OptionalFiniteNumber(object, "anchorSeconds", 0);
  } else if (kind == "volume") {
    spec.kind = BarKind::kVolume;
    spec.volume_per_bar = FiniteNumberArgument(object.Get("volumePerBar"), "spec.volumePerBar");
  } else if (kind == "range") {
    spec.kind = BarKind::kRange;
    spec.range = FiniteNumberArgument(object.Get("range"), "spec.range");
  } else if (kind == "session") {
    spec.kind = BarKind::kSession;
    spec.sessions = CalendarArgument(object.Get("calendar"));
    const Napi::Value regular = object.Get("regularHoursOnly");
    spec.regular_hours_only = regular.IsBoolean() && regular.As<Napi::Boolean>().Value();
  } else {
    throw Napi::TypeError::New(env, "spec.type must be 'time', 'volume', 'range' or 'session'");
  }
  const double excluded = OptionalFiniteNumber(object, "excludedConditions", 0);
  if (!(excluded >= 0 && excluded <= 4294967295.0 && std::floor(excluded) == excluded)) {
    throw Napi::RangeError::New(env, "spec.excludedConditions must be a whole number from 0 to 2^32 - 1");
  }
  spec.excluded_conditions = static_cast<std::uint32_t>(excluded);
  if (const char* error = TickAggregationSpecError(spec)) throw Napi::RangeError::New(env, std::string("spec: ") + error);
  return spec;
}

Napi::Object OutcomeToJs(Napi::Env env, const PushTicksOutcome& outcome, std::size_t pending) {
  Napi::Object result = Napi::Object::New(env);
  result.Set("status", StatusName(outcome.status));
  result.Set("index", static_cast<double>(outcome.index));
  result.Set("pending", static_cast<double>(pending));
  return result;
}

class PushTicksWorker;

// A TickAggregator owned by JS. Completed bars wait in `closed_` until JS, having allocated
// columns of the right size, drains them; the open bar is mirrored into a JS-owned state array
// after every call, so reading it costs no extra call.
class TickBarBuilder final : public Napi::ObjectWrap<TickBarBuilder> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "TickBarBuilder",
                       {
                           InstanceMethod<&TickBarBuilder::Push>("push"),
                           InstanceMethod<&TickBarBuilder::PushMany>("pushMany"),
                           InstanceMethod<&TickBarBuilder::PushManyAsync>("pushManyAsync"),
                           InstanceMethod<&TickBarBuilder::Drain>("drain"),
                           InstanceMethod<&TickBarBuilder::Flush>("flush"),
                           InstanceMethod<&TickBarBuilder::Counts>("counts"),
                       });
  }

  explicit TickBarBuilder(const Napi::CallbackInfo& info) : Napi::ObjectWrap<TickBarBuilder>(info) {
    aggregator_ = std::make_unique<TickAggregator>(SpecArgument(info[0]));
    const Napi::Float64Array state = Float64ArrayArgument(info[1], "state");
    if (state.ElementLength() < kStateLength) throw Napi::RangeError::New(info.Env(), "state must hold 7 values");
    state_ = Napi::Persistent(state);
    WriteState();
  }

 private:
  friend class PushTicksWorker;

  void ThrowIfBusy(Napi::Env env) const {
    if (busy_) throw Napi::Error::New(env, "This bar builder is still running an asynchronous pass");
  }

  void WriteState() {
    // Looked up on every call rather than cached, so a detached buffer can never be written.
    Napi::Float64Array state = state_.Value();
    if (state.ElementLength() < kStateLength) return;
    double* out = state.Data();
    const Bar& bar = aggregator_->partial();
    out[0] = aggregator_->has_partial() ? 1 : 0;
    out[1] = bar.time;
    out[2] = bar.open;
    out[3] = bar.high;
    out[4] = bar.low;
    out[5] = bar.close;
    out[6] = bar.volume;
  }

  // push(time, price, size, conditions) -> bars waiting to be drained. Throws for a rejected tick.
  Napi::Value Push(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    ThrowIfBusy(env);
    const Tick tick{info[0].As<Napi::Number>().DoubleValue(), info[1].As<Napi::Number>().DoubleValue(),
                    info[2].As<Napi::Number>().DoubleValue(),
                    info[3].IsNumber() ? info[3].As<Napi::Number>().Uint32Value() : 0u};
    const TickStatus status = aggregator_->Push(tick, &closed_);
    if (status != TickStatus::kOk) {
      throw Napi::RangeError::New(env, std::string("tick rejected: ") + StatusName(status));
    }
    WriteState();
    return Napi::Number::New(env, static_cast<double>(closed_.size()));
  }

  // pushMany(ticks) -> { status, index, pending }: failures come back as values to be quoted.
  Napi::Value PushMany(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    ThrowIfBusy(env);
    const TickColumnsView ticks = TickColumnsArgument(info[0], nullptr);
    const PushTicksOutcome outcome = PushTicks(aggregator_.get(), ticks, &closed_);
    WriteState();
    return OutcomeToJs(env, outcome, closed_.size());
  }

  Napi::Value PushManyAsync(const Napi::CallbackInfo& info);

  // drain(output) copies the oldest output.time.length waiting bars into output and forgets them.
  Napi::Value Drain(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    ThrowIfBusy(env);
    const BarColumnsSpan out = BarColumnsSpanArgument(info[0], "output", nullptr);
    if (out.length > closed_.size()) throw Napi::RangeError::New(env, "output holds more bars than are waiting");
    for (std::size_t i = 0; i < out.length; ++i) WriteBar(out, i, closed_[i]);
    closed_.erase(closed_.begin(), closed_.begin() + static_cast<std::ptrdiff_t>(out.length));
    return Napi::Number::New(env, static_cast<double>(out.length));
  }

  // flush() closes the open bar and returns the bars waiting to be drained.
  Napi::Value Flush(const Napi::CallbackInfo& info) {
    ThrowIfBusy(info.Env());
    aggregator_->Flush(&closed_);
    WriteState();
    return Napi::Number::New(info.Env(), static_cast<double>(closed_.size()));
  }

  Napi::Value Counts(const Napi::CallbackInfo& info) {
    ThrowIfBusy(info.Env());
    Napi::Object result = Napi::Object::New(info.Env());
    result.Set("excluded", static_cast<double>(aggregator_->ticks_excluded()));
    result.Set("outsideSessions", static_cast<double>(aggregator_->ticks_outside_sessions()));
    return result;
  }

  std::unique_ptr<TickAggregator> aggregator_;
  std::vector<Bar> closed_;
  Napi::Reference<Napi::Float64Array> state_;
  bool busy_ = false;
};

// Runs PushTicks on the worker pool. The builder is marked busy until OnOK/OnError, so the JS
// thread never touches its aggregator or queue while Execute does.
class PushTicksWorker final : public Napi::AsyncProgressWorker<std::size_t> {
 public:
  PushTicksWorker(Napi::Env env,
                  TickBarBuilder* builder,
                  const TickColumnsView& ticks,
                  Pins pins,
                  const Napi::Value& on_progress,
                  std::shared_ptr<const std::atomic<bool>> cancel_requested)
      : Napi::AsyncProgressWorker<std::size_t>(env, "quorum:aggregate-ticks"),
        deferred_(Napi::Promise::Deferred::New(env)),
        builder_(builder),
        builder_ref_(Napi::Persistent(builder->Value())),
        ticks_(ticks),
        pins_(std::move(pins)),
        cancel_requested_(std::move(cancel_requested)),
        reports_progress_(on_progress.IsFunction()) {
    if (reports_progress_) on_progress_ = Napi::Persistent(on_progress.As<Napi::Function>());
    builder_->busy_ = true;
  }

  Napi::Promise Promise() const { return deferred_.Promise(); }

 protected:
  void Execute(const ExecutionProgress& progress) override {
    outcome_ = PushTicks(builder_->aggregator_.get(), ticks_, &builder_->closed_, [&](std::size_t ticks_done) {
      if (cancel_requested_->load(std::memory_order_relaxed)) return false;
      if (reports_progress_) progress.Send(&ticks_done, 1);
      return true;
    });
  }

  void OnProgress(const std::size_t* ticks_done, std::size_t count) override {
    if (count == 0 || !reports_progress_) return;
    try {
      on_progress_.Call({Napi::Number::New(Env(), static_cast<double>(*ticks_done))});
    } catch (const Napi::Error&) {
      // The TypeScript side wraps onProgress so it never throws; this only stops a stray throw
      // from unwinding through libuv. Catching it also clears the pending JS exception.
    }
  }

  void OnOK() override {
    builder_->busy_ = false;
    builder_->WriteState();
    deferred_.Resolve(OutcomeToJs(Env(), outcome_, builder_->closed_.size()));
  }

  void OnError(const Napi::Error& error) override {
    builder_->busy_ = false;
    deferred_.Reject(error.Value());
  }

 private:
  Napi::Promise::Deferred deferred_;
  TickBarBuilder* builder_;
  Napi::ObjectReference builder_ref_;
  TickColumnsView ticks_;
  Pins pins_;
  std::shared_ptr<const std::atomic<bool>> cancel_requested_;
  bool reports_progress_;
  Napi::FunctionReference on_progress_;
  PushTicksOutcome outcome_{TickStatus::kCancelled, 0};
};

// pushManyAsync(ticks, onProgress) -> { promise, cancel }: cancel() only raises a flag the worker
// reads between chunks of 64k ticks.
Napi::Value TickBarBuilder::PushManyAsync(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  ThrowIfBusy(env);
  Pins pins;
  const TickColumnsView ticks = TickColumnsArgument(info[0], &pins);
  auto cancel_requested = std::make_shared<std::atomic<bool>>(false);
  auto* worker = new PushTicksWorker(env, this, ticks, std::move(pins), info[1], cancel_requested);
  Napi::Object job = Napi::Object::New(env);
  job.Set("promise", worker->Promise());
  job.Set("cancel", Napi::Function::New(
                        env,
                        [cancel_requested](const Napi::CallbackInfo&) {
                          cancel_requested->store(true, std::memory_order_relaxed);
                        },
                        "cancel"));
  worker->Queue();
  return job;
}

Napi::Value ReadBandwidthProbe(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), SumTickColumns(TickColumnsArgument(info[0], nullptr)));
}

}  // namespace

void RegisterTickAggregationBindings(Napi::Env env, Napi::Object exports) {
  exports.Set("TickBarBuilder", TickBarBuilder::Define(env));
  exports.Set("readBandwidthProbe", Napi::Function::New(env, ReadBandwidthProbe, "readBandwidthProbe"));
}

}  // namespace quorum::addon
