#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "bar_columns.h"

namespace quorum {

// One trade print. `time` is epoch seconds with sub-second precision; `conditions` is the
// vendor's bitmask of sale-condition flags (0 when the feed has none).
struct Tick {
  double time;
  double price;
  double size;
  std::uint32_t conditions;
};

// Read-only tick columns of `length`; `conditions` may be null (every tick then has flags 0).
struct TickColumnsView {
  const double* time;
  const double* price;
  const double* size;
  const std::uint32_t* conditions;
  std::size_t length;
};

// The trading days a session bar is built from, one row per day, all in UTC epoch seconds.
// `bar_time` is the time its bar is stamped with (the session date at 00:00 UTC); consecutive
// days that share a bar_time form one bar, which is how weekly bars come from a daily calendar.
struct SessionDay {
  double bar_time;
  double session_start;
  double session_end;
  double regular_open;
  double regular_close;
};

enum class BarKind {
  // Buckets [start, start + period) with start = floor((t - anchor) / period) * period + anchor.
  kTime,
  // Every bar holds exactly `volume_per_bar` (see TickAggregator::Push for the split rule).
  kVolume,
  // Every bar spans at most `range` price units from its low to its high.
  kRange,
  // One bar per trading day (or per shared bar_time) of the session calendar.
  kSession,
};

struct TickAggregationSpec {
  BarKind kind = BarKind::kTime;
  double period_seconds = 60;
  double anchor_seconds = 0;
  double volume_per_bar = 0;
  double range = 0;
  std::vector<SessionDay> sessions;
  // Session bars: take only ticks inside [regular_open, regular_close) of their day.
  bool regular_hours_only = false;
  // Ticks whose conditions share any bit with this mask are ignored, as if they never arrived.
  std::uint32_t excluded_conditions = 0;
};

// Why a spec cannot be used, naming the field, or null when it is valid.
const char* TickAggregationSpecError(const TickAggregationSpec& spec);

enum class TickStatus {
  kOk,
  // The time is NaN, infinite, or beyond +/-2^53.
  kInvalidTime,
  // The time is before the previous tick's (equal times are fine).
  kNotAscending,
  // The price is NaN or infinite.
  kInvalidPrice,
  // The size is not a finite number greater than zero.
  kInvalidSize,
  // A volume bar spec would split this one tick into more than kMaxBarsPerTick bars.
  kTooManyBars,
  // Flush() was called: the aggregator takes no more ticks.
  kFlushed,
  kCancelled,
};

// The most bars one tick may complete; only volume bars can complete more than one.
constexpr std::size_t kMaxBarsPerTick = std::size_t{1} << 20;

// A bar's volume, or a range bar's span, within this fraction of its target counts as reaching
// it, so binary rounding (0.1 + 0.2 shares, 100.03 - 100.00 dollars) never makes a sliver bar.
constexpr double kTargetTolerance = 1e-9;

// Builds bars from ticks one at a time. The batch function below runs this same class over
// arrays, so streaming and batch results are bit-identical by construction.
class TickAggregator {
 public:
  // The spec must be valid (TickAggregationSpecError returned null).
  explicit TickAggregator(TickAggregationSpec spec);

  // Validates and consumes one tick, appending each bar it completes to `closed`. An invalid
  // tick leaves the aggregator exactly as it was.
  //
  // Time bars: a tick in a later bucket closes the open bar. Volume bars: a tick that overflows
  // the open bar is split, so every closed bar holds exactly volume_per_bar: the part that fills
  // the bar closes it (at this tick's price), whole bars of the rest are closed at once (each
  // open = high = low = close = the price, stamped with the tick's time), and any remainder
  // opens the next bar. A bar closes as soon as it is full. Range bars: a tick that would make
  // high - low exceed `range` closes the open bar and opens the next one at its own price (no
  // synthetic bars fill a gap). Session bars: a tick whose day has another bar_time than the open
  // bar's closes it; ticks outside every session (or outside regular hours when
  // regular_hours_only) are ignored.
  TickStatus Push(const Tick& tick, std::vector<Bar>* closed);

  // Push for a spec of kind kKind, which the caller has checked (kind() == kKind): lets a batch
  // loop choose the kind once instead of per tick. Push itself is a switch over these.
  template <BarKind kKind>
  TickStatus PushAs(const Tick& tick, std::vector<Bar>* closed);

  // Pushes ticks [begin, end) of `ticks` in order, stopping at the first one whose status is not
  // kOk; `*next` receives the index of that tick, or `end`. Both Push (a one-tick run) and
  // PushTicks go through this, so the time-bar fast path below serves streaming and batch alike.
  // The caller has checked kind() == kKind.
  template <BarKind kKind>
  TickStatus PushRun(const TickColumnsView& ticks, std::size_t begin, std::size_t end,
                     std::vector<Bar>* closed, std::size_t* next);

  // Closes the open bar, if any, into `closed`; afterwards Push returns kFlushed.
  void Flush(std::vector<Bar>* closed);

  bool has_partial() const { return has_bar_; }
  // The open bar; meaningful only when has_partial().
  const Bar& partial() const { return bar_; }
  BarKind kind() const { return spec_.kind; }
  bool flushed() const { return flushed_; }
  // Ticks ignored because of their condition flags, or because no session (hours) held them.
  std::size_t ticks_excluded() const { return ticks_excluded_; }
  std::size_t ticks_outside_sessions() const { return ticks_outside_sessions_; }

 private:
  TickStatus Validate(const Tick& tick) const;
  void Open(double time, double price, double volume);
  void Extend(double price, double volume);
  // Appends the open bar to `closed`; no bar is open afterwards.
  void Emit(std::vector<Bar>* closed);
  void PushTime(const Tick& tick, std::vector<Bar>* closed);
  void PushVolume(const Tick& tick, std::vector<Bar>* closed);
  void PushRange(const Tick& tick, std::vector<Bar>* closed);
  void PushSession(const Tick& tick, std::vector<Bar>* closed);
  // Time bars: consumes the run of ticks from `begin` that are valid, not excluded and inside the
  // open bar's bucket, extending the open bar with them; returns the index of the first tick that
  // is not (the caller hands it to PushAs). Requires has_bar_ and !flushed_.
  std::size_t ExtendTimeRun(const TickColumnsView& ticks, std::size_t begin, std::size_t end);

  TickAggregationSpec spec_;
  bool has_bar_ = false;
  bool flushed_ = false;
  Bar bar_{};
  double last_time_;
  // Time bars: end of the open bar's bucket.
  double bucket_end_;
  // Session bars: the open bar's bar_time.
  double open_bar_time_ = 0;
  // Session bars: index of the first day whose session has not ended before the last tick.
  std::size_t day_ = 0;
  std::size_t ticks_excluded_ = 0;
  std::size_t ticks_outside_sessions_ = 0;
};

struct PushTicksOutcome {
  TickStatus status;
  // The offending tick for the failure statuses (the aggregator stopped before it).
  std::size_t index;
};

// Called between chunks of kTickCheckpointInterval ticks with the number done so far;
// returning false stops the pass with kCancelled. An empty function means "never stop".
using TickCheckpoint = std::function<bool(std::size_t ticks_done)>;

constexpr std::size_t kTickCheckpointInterval = 65536;

// Pushes every tick of `ticks` in order, appending completed bars to `closed`.
PushTicksOutcome PushTicks(TickAggregator* aggregator,
                           const TickColumnsView& ticks,
                           std::vector<Bar>* closed,
                           const TickCheckpoint& checkpoint = {});

// Reads every value of the three columns once and returns their sum: the memory-bandwidth
// yardstick that tick aggregation is measured against, on the same arrays.
double SumTickColumns(const TickColumnsView& ticks);

}  // namespace quorum
