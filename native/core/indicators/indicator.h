#pragma once

#include <cstddef>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "../bar_columns.h"

// The indicator library's contract. Each indicator is one class with a constructor taking its
// parameters, a static Lookback(params), and a non-virtual Update(bar, out) that consumes one bar
// and writes its outputs (NaN during warm-up). Batch runs the class over arrays with Update
// inlined; streaming wraps the same class behind a virtual call: one implementation, two forms.
namespace quorum::ind {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The largest number of outputs any indicator has (MACD, BBANDS, STOCH… have at most 3).
constexpr std::size_t kMaxOutputs = 4;

using quorum::Bar;

// Which bar fields an indicator reads (for the UI and for checking inputs).
enum Input : unsigned { kTime = 1u, kOpen = 2u, kHigh = 4u, kLow = 8u, kClose = 16u, kVolume = 32u };

enum class ParamKind { kInteger, kReal, kMaType };

struct ParamSpec {
  std::string name;   // identifier, e.g. "period"
  std::string label;  // for the UI, e.g. "Period"
  ParamKind kind;
  double default_value;
  double min;
  double max;
};

// Parameter values in ParamSpec order, already validated against the specs.
using Params = std::vector<double>;

// Columns of bars, all `length` long (every field is present; unused ones are not read).
using Columns = quorum::BarColumnsView;

class Stream {
 public:
  virtual ~Stream() = default;
  // Consumes one bar and writes the indicator's outputs for it into out[0..outputs).
  virtual void Update(const Bar& bar, double* out) = 0;
  // Consumes bars [begin, end) of `in` and writes out[k][i] for each: one virtual call for the
  // span, the class's Update inlined in the loop (RunChunk). The strategy VM feeds it a chunk at
  // a time, with any field of `in` pointing at one of its registers instead of the bars.
  virtual void UpdateChunk(const Columns& in, std::size_t begin, std::size_t end, double* const* out) = 0;
  // UpdateChunk for this stream and `other` over the same bars in one loop, their two updates of
  // a bar side by side: the latency of one's running state (a running sum's add, then subtract)
  // overlaps the other's, as in a loop written by hand for both. Each gives what UpdateChunk
  // gives, bit for bit. Does nothing and returns false when `other` is not the same class.
  virtual bool UpdateChunkPaired(Stream& other, const Columns& in, std::size_t begin, std::size_t end, double* const* out,
                                 double* const* other_out) = 0;
  // Identifies the class behind the stream (the same for two streams of one class).
  virtual const void* Tag() const = 0;
};

// Returns false to stop a long batch (cancel); called between chunks with the bars done.
using Checkpoint = bool (*)(void* context, std::size_t bars_done);

struct IndicatorInfo {
  std::string name;   // TA-Lib's function name where TA-Lib has it, e.g. "SMA"
  std::string title;  // "Simple Moving Average"
  std::string group;  // TA-Lib's group, e.g. "Overlap Studies"
  unsigned inputs;    // Input mask
  std::vector<ParamSpec> params;        // in TA-Lib's optInput order where TA-Lib has it
  std::vector<std::string> outputs;     // in TA-Lib's output order where TA-Lib has it
  bool overlay;                         // drawn over prices (true) or in its own pane
  bool talib;                           // TA-Lib has it: the parity tests compare against it
  int (*lookback)(const Params&);
  std::unique_ptr<Stream> (*make_stream)(const Params&);
  // Writes out[k][0..length) for every output k; returns false if the checkpoint stopped it.
  bool (*batch)(const Params&, const Columns&, double* const* out, Checkpoint, void* context);
};

constexpr std::size_t kCheckpointInterval = 1u << 16;

#if defined(_MSC_VER)
#define QUORUM_NOINLINE __declspec(noinline)
#define QUORUM_INLINE __forceinline
#else
#define QUORUM_NOINLINE __attribute__((noinline))
// For the per-bar methods of building blocks: with -fPIC GCC otherwise may leave a block's
// Update as an out-of-line call (through the PLT) inside RunChunk's loop.
#define QUORUM_INLINE inline __attribute__((always_inline))
#endif

// One checkpoint interval of a batch. The state is moved into a local for the loop: the
// checkpoint call between chunks clobbers every floating-point register, and with the state in
// the caller's frame GCC would keep it on the stack for the whole loop (2-3x slower).
template <class T>
QUORUM_NOINLINE void RunChunk(T& state, const Columns& in, std::size_t begin, std::size_t end, double* const* out) {
  T impl(std::move(state));
  constexpr std::size_t n_out = T::kOutputs;
  const double* const time = in.time;
  const double* const open = in.open;
  const double* const high = in.high;
  const double* const low = in.low;
  const double* const close = in.close;
  const double* const volume = in.volume;
  double* columns[n_out];
  for (std::size_t k = 0; k < n_out; ++k) columns[k] = out[k];
  double values[n_out];
  for (std::size_t i = begin; i < end; ++i) {
    impl.Update(Bar{time[i], open[i], high[i], low[i], close[i], volume[i]}, values);
    for (std::size_t k = 0; k < n_out; ++k) columns[k][i] = values[k];
  }
  state = std::move(impl);
}

// RunChunk for two instances of one class over the same bars, interleaved bar by bar.
template <class T>
QUORUM_NOINLINE void RunChunkPair(T& state_a, T& state_b, const Columns& in, std::size_t begin, std::size_t end, double* const* out_a,
                                  double* const* out_b) {
  T a(std::move(state_a));
  T b(std::move(state_b));
  constexpr std::size_t n_out = T::kOutputs;
  double* columns_a[n_out];
  double* columns_b[n_out];
  for (std::size_t k = 0; k < n_out; ++k) {
    columns_a[k] = out_a[k];
    columns_b[k] = out_b[k];
  }
  double values_a[n_out];
  double values_b[n_out];
  for (std::size_t i = begin; i < end; ++i) {
    const Bar bar{in.time[i], in.open[i], in.high[i], in.low[i], in.close[i], in.volume[i]};
    a.Update(bar, values_a);
    b.Update(bar, values_b);
    for (std::size_t k = 0; k < n_out; ++k) {
      columns_a[k][i] = values_a[k];
      columns_b[k][i] = values_b[k];
    }
  }
  state_a = std::move(a);
  state_b = std::move(b);
}

template <class T>
class StreamOf final : public Stream {
 public:
  explicit StreamOf(const Params& params) : impl_(params) {}
  void Update(const Bar& bar, double* out) override { impl_.Update(bar, out); }
  void UpdateChunk(const Columns& in, std::size_t begin, std::size_t end, double* const* out) override {
    RunChunk(impl_, in, begin, end, out);
  }
  bool UpdateChunkPaired(Stream& other, const Columns& in, std::size_t begin, std::size_t end, double* const* out,
                         double* const* other_out) override {
    // The addon is built without RTTI: the class is told by a tag, one per StreamOf<T>.
    if (other.Tag() != Tag()) return false;
    RunChunkPair(impl_, static_cast<StreamOf&>(other).impl_, in, begin, end, out, other_out);
    return true;
  }
  const void* Tag() const override { return &kTag; }

 private:
  static constexpr char kTag = 0;
  T impl_;
};

template <class T>
bool RunBatch(const Params& params, const Columns& in, double* const* out, Checkpoint checkpoint, void* context) {
  T impl(params);
  for (std::size_t begin = 0; begin < in.length; begin += kCheckpointInterval) {
    if (checkpoint != nullptr && !checkpoint(context, begin)) return false;
    const std::size_t end = begin + kCheckpointInterval < in.length ? begin + kCheckpointInterval : in.length;
    RunChunk(impl, in, begin, end, out);
  }
  return true;
}

// Fills the function pointers of `info` from the class T; T::kOutputs must match info.outputs.
template <class T>
IndicatorInfo Define(IndicatorInfo info) {
  static_assert(T::kOutputs >= 1 && T::kOutputs <= kMaxOutputs, "an indicator has 1 to kMaxOutputs outputs");
  info.lookback = [](const Params& p) { return T::Lookback(p); };
  info.make_stream = [](const Params& p) -> std::unique_ptr<Stream> { return std::make_unique<StreamOf<T>>(p); };
  info.batch = &RunBatch<T>;
  return info;
}

class Registry {
 public:
  // Throws std::logic_error on a duplicate name or an outputs list that disagrees with the class.
  void Add(IndicatorInfo info, std::size_t class_outputs);
  const std::vector<IndicatorInfo>& All() const { return items_; }

 private:
  std::vector<IndicatorInfo> items_;
};

template <class T>
void Register(Registry& registry, IndicatorInfo info) {
  registry.Add(Define<T>(std::move(info)), T::kOutputs);
}

// Every indicator of the library, sorted by name; built once.
const std::vector<IndicatorInfo>& AllIndicators();
const IndicatorInfo* FindIndicator(const std::string& name);

// One registration function per family file.
void RegisterOverlapStudies(Registry& registry);
void RegisterPriceTransforms(Registry& registry);
void RegisterMomentumIndicators(Registry& registry);
void RegisterMaBasedMomentum(Registry& registry);
void RegisterVolatilityIndicators(Registry& registry);
void RegisterVolumeIndicators(Registry& registry);
void RegisterStatisticFunctions(Registry& registry);

}  // namespace quorum::ind
