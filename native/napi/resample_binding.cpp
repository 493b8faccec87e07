#include "resample_binding.h"

#include <atomic>
#include <functional>
#include <memory>
#include <utility>

#include "../core/resample.h"
#include "bar_columns_binding.h"

namespace quorum::addon {
namespace {

const char* StatusName(ResampleStatus status) {
  switch (status) {
    case ResampleStatus::kOk:
      return "ok";
    case ResampleStatus::kInvalidTime:
      return "invalid-time";
    case ResampleStatus::kNotAscending:
      return "not-ascending";
    case ResampleStatus::kOutputTooSmall:
      return "output-too-small";
    case ResampleStatus::kCancelled:
      return "cancelled";
  }
  return "unknown";
}

// Failures come back as values; the TypeScript side turns them into errors that quote the data.
Napi::Object OutcomeToJs(Napi::Env env, const ResampleOutcome& outcome) {
  Napi::Object result = Napi::Object::New(env);
  result.Set("status", StatusName(outcome.status));
  result.Set("buckets", static_cast<double>(outcome.buckets));
  result.Set("index", static_cast<double>(outcome.index));
  return result;
}

ResampleSpec SpecArguments(const Napi::Value& period, const Napi::Value& anchor) {
  const ResampleSpec spec{FiniteNumberArgument(period, "periodSeconds"), FiniteNumberArgument(anchor, "anchorSeconds")};
  if (!(spec.period_seconds > 0)) throw Napi::RangeError::New(period.Env(), "periodSeconds must be positive");
  return spec;
}

class ResampleWorker final : public Napi::AsyncProgressWorker<std::size_t> {
 public:
  using Pass = std::function<ResampleOutcome(const ResampleCheckpoint&)>;

  ResampleWorker(Napi::Env env,
                 Pass pass,
                 PinnedArrays pins,
                 const Napi::Value& on_progress,
                 std::shared_ptr<const std::atomic<bool>> cancel_requested)
      : Napi::AsyncProgressWorker<std::size_t>(env, "quorum:resample"),
        deferred_(Napi::Promise::Deferred::New(env)),
        pass_(std::move(pass)),
        pins_(std::move(pins)),
        cancel_requested_(std::move(cancel_requested)),
        reports_progress_(on_progress.IsFunction()) {
    if (reports_progress_) on_progress_ = Napi::Persistent(on_progress.As<Napi::Function>());
  }

  Napi::Promise Promise() const { return deferred_.Promise(); }

 protected:
  void Execute(const ExecutionProgress& progress) override {
    outcome_ = pass_([&](std::size_t bars_done) {
      if (cancel_requested_->load(std::memory_order_relaxed)) return false;
      if (reports_progress_) progress.Send(&bars_done, 1);
      return true;
    });
  }

  void OnProgress(const std::size_t* bars_done, std::size_t count) override {
    if (count == 0 || !reports_progress_) return;
    try {
      on_progress_.Call({Napi::Number::New(Env(), static_cast<double>(*bars_done))});
    } catch (const Napi::Error&) {
      // The TypeScript side wraps onProgress so it never throws; this only stops a stray throw
      // from unwinding through libuv. Catching it also clears the pending JS exception.
    }
  }

  void OnOK() override { deferred_.Resolve(OutcomeToJs(Env(), outcome_)); }

  void OnError(const Napi::Error& error) override { deferred_.Reject(error.Value()); }

 private:
  Napi::Promise::Deferred deferred_;
  Pass pass_;
  PinnedArrays pins_;
  std::shared_ptr<const std::atomic<bool>> cancel_requested_;
  bool reports_progress_;
  Napi::FunctionReference on_progress_;
  ResampleOutcome outcome_{ResampleStatus::kCancelled, 0, 0};
};

// Returns { promise, cancel }: cancel() only raises a flag the worker reads between chunks.
Napi::Object StartWorker(Napi::Env env, ResampleWorker::Pass pass, PinnedArrays pins, const Napi::Value& on_progress) {
  auto cancel_requested = std::make_shared<std::atomic<bool>>(false);
  auto* worker = new ResampleWorker(env, std::move(pass), std::move(pins), on_progress, cancel_requested);
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

Napi::Value ResampleCount(const Napi::CallbackInfo& info) {
  const Napi::Float64Array time = Float64ArrayArgument(info[0], "time");
  const ResampleSpec spec = SpecArguments(info[1], info[2]);
  return OutcomeToJs(info.Env(), CountResampleBuckets(time.Data(), time.ElementLength(), spec));
}

Napi::Value ResampleFill(const Napi::CallbackInfo& info) {
  const BarColumnsView in = BarColumnsViewArgument(info[0], "input", nullptr);
  const BarColumnsSpan out = BarColumnsSpanArgument(info[1], "output", nullptr);
  const ResampleSpec spec = SpecArguments(info[2], info[3]);
  return OutcomeToJs(info.Env(), FillResampleBuckets(in, spec, out));
}

Napi::Value ResampleCountAsync(const Napi::CallbackInfo& info) {
  PinnedArrays pins;
  const Napi::Float64Array time = Float64ArrayArgument(info[0], "time");
  pins.Pin(time);
  const ResampleSpec spec = SpecArguments(info[1], info[2]);
  const double* data = time.Data();
  const std::size_t length = time.ElementLength();
  return StartWorker(
      info.Env(),
      [data, length, spec](const ResampleCheckpoint& checkpoint) {
        return CountResampleBuckets(data, length, spec, checkpoint);
      },
      std::move(pins), info[3]);
}

Napi::Value ResampleFillAsync(const Napi::CallbackInfo& info) {
  PinnedArrays pins;
  const BarColumnsView in = BarColumnsViewArgument(info[0], "input", &pins);
  const BarColumnsSpan out = BarColumnsSpanArgument(info[1], "output", &pins);
  const ResampleSpec spec = SpecArguments(info[2], info[3]);
  return StartWorker(
      info.Env(),
      [in, out, spec](const ResampleCheckpoint& checkpoint) { return FillResampleBuckets(in, spec, out, checkpoint); },
      std::move(pins), info[4]);
}

}  // namespace

void RegisterResampleBindings(Napi::Env env, Napi::Object exports) {
  exports.Set("resampleCount", Napi::Function::New(env, ResampleCount, "resampleCount"));
  exports.Set("resampleFill", Napi::Function::New(env, ResampleFill, "resampleFill"));
  exports.Set("resampleCountAsync", Napi::Function::New(env, ResampleCountAsync, "resampleCountAsync"));
  exports.Set("resampleFillAsync", Napi::Function::New(env, ResampleFillAsync, "resampleFillAsync"));
}

}  // namespace quorum::addon
