#include "tick_aggregation.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace quorum {
namespace {

// Beyond 2^53 consecutive whole seconds are no longer distinct doubles.
constexpr double kMaxExactSeconds = 9007199254740992.0;
constexpr double kBeforeAnyTime = -std::numeric_limits<double>::infinity();

// Each written as a single comparison so NaN fails it too.
inline bool IsValidTime(double t) { return std::fabs(t) <= kMaxExactSeconds; }
inline bool IsFinite(double x) { return std::fabs(x) <= std::numeric_limits<double>::max(); }
inline bool IsWholeSeconds(double x) { return IsValidTime(x) && std::floor(x) == x; }

inline double BucketStart(double t, double period, double anchor) {
  double start = std::floor((t - anchor) / period) * period + anchor;
  // Whole-second times divide exactly; fractional ones can round into the neighbouring bucket.
  if (start > t) {
    start -= period;
  } else if (start + period <= t) {
    start += period;
  }
  return start;
}

const char* SessionCalendarError(const std::vector<SessionDay>& days) {
  if (days.empty()) return "sessions must hold at least one trading day";
  for (std::size_t i = 0; i < days.size(); ++i) {
    const SessionDay& d = days[i];
    if (!IsValidTime(d.bar_time) || !IsValidTime(d.session_start) || !IsValidTime(d.session_end) ||
        !IsValidTime(d.regular_open) || !IsValidTime(d.regular_close)) {
      return "sessions must be finite epoch seconds";
    }
    if (!(d.session_start < d.session_end)) return "each session must start before it ends";
    if (!(d.session_start <= d.regular_open && d.regular_open <= d.regular_close && d.regular_close <= d.session_end)) {
      return "each day's regular hours must lie inside its session";
    }
    if (i > 0) {
      if (!(days[i - 1].session_end <= d.session_start)) return "sessions must be in time order without overlapping";
      if (!(days[i - 1].bar_time <= d.bar_time)) return "session bar times must not decrease";
    }
  }
  return nullptr;
}

}  // namespace

const char* TickAggregationSpecError(const TickAggregationSpec& spec) {
  switch (spec.kind) {
    case BarKind::kTime:
      if (!IsWholeSeconds(spec.period_seconds) || !(spec.period_seconds > 0)) {
        return "periodSeconds must be a positive whole number of seconds";
      }
      if (!IsWholeSeconds(spec.anchor_seconds)) return "anchorSeconds must be a whole number of seconds";
      return nullptr;
    case BarKind::kVolume:
      if (!IsFinite(spec.volume_per_bar) || !(spec.volume_per_bar > 0)) return "volumePerBar must be a positive number";
      return nullptr;
    case BarKind::kRange:
      if (!IsFinite(spec.range) || !(spec.range > 0)) return "range must be a positive number";
      return nullptr;
    case BarKind::kSession:
      return SessionCalendarError(spec.sessions);
  }
  return "unknown bar kind";
}

TickAggregator::TickAggregator(TickAggregationSpec spec)
    : spec_(std::move(spec)), last_time_(kBeforeAnyTime), bucket_end_(kBeforeAnyTime) {}

TickStatus TickAggregator::Validate(const Tick& tick) const {
  if (flushed_) return TickStatus::kFlushed;
  if (!IsValidTime(tick.time)) return TickStatus::kInvalidTime;
  if (!(tick.time >= last_time_)) return TickStatus::kNotAscending;
  if (!IsFinite(tick.price)) return TickStatus::kInvalidPrice;
  if (!(tick.size > 0) || !IsFinite(tick.size)) return TickStatus::kInvalidSize;
  return TickStatus::kOk;
}

inline void TickAggregator::Open(double time, double price, double volume) {
  bar_ = {time, price, price, price, price, volume};
  has_bar_ = true;
}

inline void TickAggregator::Extend(double price, double volume) {
  bar_.high = std::max(bar_.high, price);
  bar_.low = std::min(bar_.low, price);
  bar_.close = price;
  bar_.volume += volume;
}

inline void TickAggregator::Emit(std::vector<Bar>* closed) {
  // A copy, so the open bar's address never escapes into the vector's (opaque) growth path.
  const Bar done = bar_;
  closed->push_back(done);
  has_bar_ = false;
}

inline void TickAggregator::PushTime(const Tick& tick, std::vector<Bar>* closed) {
  // Times never decrease, so a tick before the bucket's end is inside it.
  if (has_bar_ && tick.time < bucket_end_) {
    Extend(tick.price, tick.size);
    return;
  }
  if (has_bar_) Emit(closed);
  const double start = BucketStart(tick.time, spec_.period_seconds, spec_.anchor_seconds);
  bucket_end_ = start + spec_.period_seconds;
  Open(start, tick.price, tick.size);
}

inline void TickAggregator::PushVolume(const Tick& tick, std::vector<Bar>* closed) {
  const double target = spec_.volume_per_bar;
  const double tolerance = target * kTargetTolerance;
  if (has_bar_) {
    Extend(tick.price, 0);
  } else {
    Open(tick.time, tick.price, 0);
  }
  const double room = target - bar_.volume;
  if (tick.size < room - tolerance) {
    bar_.volume += tick.size;
    return;
  }
  bar_.volume = target;
  Emit(closed);
  double rest = tick.size - room;
  const double p = tick.price;
  while (rest >= target - tolerance) {
    closed->push_back({tick.time, p, p, p, p, target});
    rest -= target;
  }
  if (rest > tolerance) Open(tick.time, p, rest);
}

inline void TickAggregator::PushRange(const Tick& tick, std::vector<Bar>* closed) {
  if (has_bar_) {
    const double span = std::max(bar_.high, tick.price) - std::min(bar_.low, tick.price);
    if (span <= spec_.range * (1 + kTargetTolerance)) {
      Extend(tick.price, tick.size);
      return;
    }
    Emit(closed);
  }
  Open(tick.time, tick.price, tick.size);
}

inline void TickAggregator::PushSession(const Tick& tick, std::vector<Bar>* closed) {
  const std::vector<SessionDay>& days = spec_.sessions;
  // Times never decrease, so the walk through the calendar only moves forward.
  while (day_ < days.size() && tick.time >= days[day_].session_end) ++day_;
  if (day_ == days.size() || tick.time < days[day_].session_start) {
    ++ticks_outside_sessions_;
    return;
  }
  const SessionDay& day = days[day_];
  if (spec_.regular_hours_only && (tick.time < day.regular_open || tick.time >= day.regular_close)) {
    ++ticks_outside_sessions_;
    return;
  }
  if (has_bar_ && day.bar_time == open_bar_time_) {
    Extend(tick.price, tick.size);
    return;
  }
  if (has_bar_) Emit(closed);
  open_bar_time_ = day.bar_time;
  Open(day.bar_time, tick.price, tick.size);
}

template <BarKind kKind>
TickStatus TickAggregator::PushAs(const Tick& tick, std::vector<Bar>* closed) {
  const TickStatus status = Validate(tick);
  if (status != TickStatus::kOk) return status;
  const bool excluded = (tick.conditions & spec_.excluded_conditions) != 0;
  if constexpr (kKind == BarKind::kVolume) {
    const double room = spec_.volume_per_bar - (has_bar_ ? bar_.volume : 0);
    if (!excluded && (tick.size - room) / spec_.volume_per_bar >= static_cast<double>(kMaxBarsPerTick)) {
      return TickStatus::kTooManyBars;
    }
  }
  last_time_ = tick.time;
  if (excluded) {
    ++ticks_excluded_;
    return TickStatus::kOk;
  }
  if constexpr (kKind == BarKind::kTime) {
    PushTime(tick, closed);
  } else if constexpr (kKind == BarKind::kVolume) {
    PushVolume(tick, closed);
  } else if constexpr (kKind == BarKind::kRange) {
    PushRange(tick, closed);
  } else {
    PushSession(tick, closed);
  }
  return TickStatus::kOk;
}

template TickStatus TickAggregator::PushAs<BarKind::kTime>(const Tick&, std::vector<Bar>*);
template TickStatus TickAggregator::PushAs<BarKind::kVolume>(const Tick&, std::vector<Bar>*);
template TickStatus TickAggregator::PushAs<BarKind::kRange>(const Tick&, std::vector<Bar>*);
template TickStatus TickAggregator::PushAs<BarKind::kSession>(const Tick&, std::vector<Bar>*);

TickStatus TickAggregator::Push(const Tick& tick, std::vector<Bar>* closed) {
  switch (spec_.kind) {
    case BarKind::kTime:
      return PushAs<BarKind::kTime>(tick, closed);
    case BarKind::kVolume:
      return PushAs<BarKind::kVolume>(tick, closed);
    case BarKind::kRange:
      return PushAs<BarKind::kRange>(tick, closed);
    case BarKind::kSession:
      return PushAs<BarKind::kSession>(tick, closed);
  }
  return TickStatus::kOk;
}

void TickAggregator::Flush(std::vector<Bar>* closed) {
  if (has_bar_) Emit(closed);
  flushed_ = true;
}

namespace {

template <BarKind kKind>
PushTicksOutcome PushTicksAs(TickAggregator* aggregator,
                             const TickColumnsView& ticks,
                             std::vector<Bar>* closed,
                             const TickCheckpoint& checkpoint) {
  for (std::size_t chunk_begin = 0; chunk_begin < ticks.length; chunk_begin += kTickCheckpointInterval) {
    if (checkpoint && !checkpoint(chunk_begin)) return {TickStatus::kCancelled, chunk_begin};
    const std::size_t chunk_end = std::min(ticks.length, chunk_begin + kTickCheckpointInterval);
    for (std::size_t i = chunk_begin; i < chunk_end; ++i) {
      const Tick tick{ticks.time[i], ticks.price[i], ticks.size[i], ticks.conditions ? ticks.conditions[i] : 0u};
      const TickStatus status = aggregator->PushAs<kKind>(tick, closed);
      if (status != TickStatus::kOk) return {status, i};
    }
  }
  if (checkpoint && !checkpoint(ticks.length)) return {TickStatus::kCancelled, ticks.length};
  return {TickStatus::kOk, ticks.length};
}

}  // namespace

PushTicksOutcome PushTicks(TickAggregator* aggregator,
                           const TickColumnsView& ticks,
                           std::vector<Bar>* closed,
                           const TickCheckpoint& checkpoint) {
  switch (aggregator->kind()) {
    case BarKind::kTime:
      return PushTicksAs<BarKind::kTime>(aggregator, ticks, closed, checkpoint);
    case BarKind::kVolume:
      return PushTicksAs<BarKind::kVolume>(aggregator, ticks, closed, checkpoint);
    case BarKind::kRange:
      return PushTicksAs<BarKind::kRange>(aggregator, ticks, closed, checkpoint);
    case BarKind::kSession:
      return PushTicksAs<BarKind::kSession>(aggregator, ticks, closed, checkpoint);
  }
  return {TickStatus::kOk, ticks.length};
}

double SumTickColumns(const TickColumnsView& ticks) {
  // Six independent sums keep the adds from chaining, so memory, not latency, sets the pace.
  double t0 = 0, t1 = 0, p0 = 0, p1 = 0, s0 = 0, s1 = 0;
  std::size_t i = 0;
  for (; i + 1 < ticks.length; i += 2) {
    t0 += ticks.time[i];
    t1 += ticks.time[i + 1];
    p0 += ticks.price[i];
    p1 += ticks.price[i + 1];
    s0 += ticks.size[i];
    s1 += ticks.size[i + 1];
  }
  if (i < ticks.length) {
    t0 += ticks.time[i];
    p0 += ticks.price[i];
    s0 += ticks.size[i];
  }
  return (t0 + t1) + (p0 + p1) + (s0 + s1);
}

}  // namespace quorum
