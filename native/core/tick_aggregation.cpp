#include "tick_aggregation.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#if defined(__SSE2__) || defined(_M_X64) || defined(_M_AMD64)
#include <emmintrin.h>
#define QUORUM_TICK_BLOCKS_SSE2 1
#endif

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

namespace {

// The open bar and the last tick's time, held in locals (registers) while a run of ticks extends it.
struct TimeRunState {
  double last;
  double high;
  double low;
  double close;
  double volume;
};

#ifdef QUORUM_TICK_BLOCKS_SSE2
// Ticks a time-bar run checks and folds in together; see ExtendTimeRunBlocks.
constexpr std::size_t kTimeRunBlock = 8;
// Adding and subtracting this leaves a double in [0, 2^52) unchanged exactly when it is a whole
// number (round to nearest, the only rounding mode this code runs in).
constexpr double kTwoPow52 = 4503599627370496.0;

// Takes whole blocks of kTimeRunBlock ticks for ExtendTimeRunLoop while every tick of a block
// would be taken there and two more conditions hold that make the order in which the blocks are
// folded into the bar irrelevant to the result bits; returns the index of the first block that
// does not qualify (its ticks are then taken one at a time, exactly as Extend takes them).
//  - No price is zero: two prices (or a price and the bar's high/low) then compare equal only
//    when they are the same double, so max/min in any order give the bits the tick-by-tick
//    std::max/std::min chain gives (+0 and -0 are the only equal, different values).
//  - Every size is a whole number and the bar's volume a whole number below 2^52, and the sizes
//    taken sum below 2^51 in each of the two lanes: every partial sum, in any order, is then a
//    whole number below 2^53, so exact, and the volume equals the tick-by-tick sum bit for bit.
//    (A sum of positive whole numbers added in any tree order comes out below 2^51 only if its
//    exact value is below 2^51, so the check on the computed lane sums is enough.)
// A block may be sent to the slow path needlessly (a product of prices that overflows or
// underflows), never the other way round.
template <bool kCheckConditions>
inline std::size_t ExtendTimeRunBlocks(const TickColumnsView& ticks, std::size_t i, std::size_t end,
                                       double bucket_end, std::uint32_t excluded, double* last_io,
                                       double* high_io, double* low_io, double* close_io, double* volume_io) {
  double volume = *volume_io;
  if (end - i < kTimeRunBlock || !(volume < kTwoPow52) || (volume + kTwoPow52) - kTwoPow52 != volume) return i;
  const std::size_t begin = i;
  const __m128d abs_mask = _mm_castsi128_pd(_mm_set1_epi64x(0x7fffffffffffffffLL));
  const __m128d max_finite = _mm_set1_pd(std::numeric_limits<double>::max());
  const __m128d zero = _mm_setzero_pd();
  const __m128d two52 = _mm_set1_pd(kTwoPow52);
  const __m128d two51 = _mm_set1_pd(kTwoPow52 / 2);
  // t <= nextafter(end, -inf) is t < end.
  const __m128d time_limit = _mm_set1_pd(std::min(kMaxExactSeconds, std::nextafter(bucket_end, kBeforeAnyTime)));
  const __m128i excluded_v = _mm_set1_epi32(static_cast<int>(excluded));
  __m128d last = _mm_set1_pd(*last_io);
  __m128d high = _mm_set1_pd(*high_io);
  __m128d low = _mm_set1_pd(*low_io);
  __m128d sum = zero;
  while (end - i >= kTimeRunBlock) {
    const double* const t = ticks.time + i;
    const double* const p = ticks.price + i;
    const double* const s = ticks.size + i;
    const __m128d t0 = _mm_loadu_pd(t), t1 = _mm_loadu_pd(t + 2), t2 = _mm_loadu_pd(t + 4), t3 = _mm_loadu_pd(t + 6);
    const __m128d p0 = _mm_loadu_pd(p), p1 = _mm_loadu_pd(p + 2), p2 = _mm_loadu_pd(p + 4), p3 = _mm_loadu_pd(p + 6);
    const __m128d s0 = _mm_loadu_pd(s), s1 = _mm_loadu_pd(s + 2), s2 = _mm_loadu_pd(s + 4), s3 = _mm_loadu_pd(s + 6);
    // Each time against the one before it (the first against `last`): ordered compares, so a NaN
    // fails. Ascending from a valid `last`, times are bounded below; the last pair bounds them
    // above by the bucket's end and 2^53.
    __m128d ok = _mm_cmpge_pd(t0, _mm_shuffle_pd(last, t0, 1));
    ok = _mm_and_pd(ok, _mm_cmpge_pd(t1, _mm_shuffle_pd(t0, t1, 1)));
    ok = _mm_and_pd(ok, _mm_cmpge_pd(t2, _mm_shuffle_pd(t1, t2, 1)));
    ok = _mm_and_pd(ok, _mm_cmpge_pd(t3, _mm_shuffle_pd(t2, t3, 1)));
    ok = _mm_and_pd(ok, _mm_cmple_pd(t3, time_limit));
    // Prices finite and not zero: then so is their product, unless it overflows or underflows; an
    // infinite, NaN or zero price makes it infinite, NaN or zero.
    const __m128d product = _mm_and_pd(_mm_mul_pd(_mm_mul_pd(p0, p1), _mm_mul_pd(p2, p3)), abs_mask);
    ok = _mm_and_pd(ok, _mm_and_pd(_mm_cmpgt_pd(product, zero), _mm_cmple_pd(product, max_finite)));
    // Sizes whole numbers (NaN and infinity fail this too) and positive; the lane sums bound them.
    ok = _mm_and_pd(ok, _mm_cmpeq_pd(_mm_sub_pd(_mm_add_pd(s0, two52), two52), s0));
    ok = _mm_and_pd(ok, _mm_cmpeq_pd(_mm_sub_pd(_mm_add_pd(s1, two52), two52), s1));
    ok = _mm_and_pd(ok, _mm_cmpeq_pd(_mm_sub_pd(_mm_add_pd(s2, two52), two52), s2));
    ok = _mm_and_pd(ok, _mm_cmpeq_pd(_mm_sub_pd(_mm_add_pd(s3, two52), two52), s3));
    ok = _mm_and_pd(ok, _mm_cmpgt_pd(_mm_min_pd(_mm_min_pd(s0, s1), _mm_min_pd(s2, s3)), zero));
    const __m128d next_sum = _mm_add_pd(sum, _mm_add_pd(_mm_add_pd(s0, s1), _mm_add_pd(s2, s3)));
    ok = _mm_and_pd(ok, _mm_cmplt_pd(next_sum, two51));
    if (_mm_movemask_pd(ok) != 3) break;
    if constexpr (kCheckConditions) {
      const std::uint32_t* const c = ticks.conditions + i;
      const __m128i any = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(c)),
                                       _mm_loadu_si128(reinterpret_cast<const __m128i*>(c + 4)));
      if (_mm_movemask_epi8(_mm_cmpeq_epi32(_mm_and_si128(any, excluded_v), _mm_setzero_si128())) != 0xffff) break;
    }
    high = _mm_max_pd(high, _mm_max_pd(_mm_max_pd(p0, p1), _mm_max_pd(p2, p3)));
    low = _mm_min_pd(low, _mm_min_pd(_mm_min_pd(p0, p1), _mm_min_pd(p2, p3)));
    sum = next_sum;
    last = _mm_unpackhi_pd(t3, t3);
    i += kTimeRunBlock;
  }
  if (i != begin) {
    *last_io = _mm_cvtsd_f64(last);
    *high_io = _mm_cvtsd_f64(_mm_max_sd(high, _mm_unpackhi_pd(high, high)));
    *low_io = _mm_cvtsd_f64(_mm_min_sd(low, _mm_unpackhi_pd(low, low)));
    *close_io = ticks.price[i - 1];
    *volume_io = volume + _mm_cvtsd_f64(_mm_add_sd(sum, _mm_unpackhi_pd(sum, sum)));
  }
  return i;
}
#endif

// The loop of TickAggregator::ExtendTimeRun, with the conditions test compiled in or out. A tick
// is taken only if it passes every check of Validate, is not excluded and lies in the bucket,
// all combined without short-circuiting so the loop has one exit branch; the first tick that
// fails any of them ends the run and goes through PushAs, which tells which it was.
template <bool kCheckConditions>
inline std::size_t ExtendTimeRunLoop(const TickColumnsView& ticks, std::size_t begin, std::size_t end,
                                     double bucket_end, std::uint32_t excluded, TimeRunState* state) {
  const double* const time = ticks.time;
  const double* const price = ticks.price;
  const double* const size = ticks.size;
  const std::uint32_t* const conditions = ticks.conditions;
  constexpr double kMaxFinite = std::numeric_limits<double>::max();
  double last = state->last;
  double high = state->high;
  double low = state->low;
  double close = state->close;
  double volume = state->volume;
  std::size_t i = begin;
  for (;;) {
#ifdef QUORUM_TICK_BLOCKS_SSE2
    i = ExtendTimeRunBlocks<kCheckConditions>(ticks, i, end, bucket_end, excluded, &last, &high, &low, &close, &volume);
    // One block's worth tick by tick (or what is left of the run), then back to whole blocks.
    const std::size_t stop = std::min(end, i + kTimeRunBlock);
#else
    const std::size_t stop = end;
#endif
    for (; i < stop; ++i) {
      const double t = time[i];
      const double p = price[i];
      const double s = size[i];
      // last is a valid time (a bar is open), so t >= last also bounds t below by -2^53.
      bool take = (t >= last) & (t < bucket_end) & (t <= kMaxExactSeconds) & (std::fabs(p) <= kMaxFinite) &
                  (s > 0) & (s <= kMaxFinite);
      if constexpr (kCheckConditions) take &= (conditions[i] & excluded) == 0;
      if (!take) break;
      // Exactly Extend(p, s) and last_time_ = t, as PushAs would do for this tick.
      high = std::max(high, p);
      low = std::min(low, p);
      close = p;
      volume += s;
      last = t;
    }
    if (i != stop || i == end) break;
  }
  *state = {last, high, low, close, volume};
  return i;
}

}  // namespace

std::size_t TickAggregator::ExtendTimeRun(const TickColumnsView& ticks, std::size_t begin, std::size_t end) {
  TimeRunState state{last_time_, bar_.high, bar_.low, bar_.close, bar_.volume};
  const std::uint32_t excluded = spec_.excluded_conditions;
  const std::size_t stop =
      (ticks.conditions != nullptr && excluded != 0)
          ? ExtendTimeRunLoop<true>(ticks, begin, end, bucket_end_, excluded, &state)
          : ExtendTimeRunLoop<false>(ticks, begin, end, bucket_end_, excluded, &state);
  last_time_ = state.last;
  bar_.high = state.high;
  bar_.low = state.low;
  bar_.close = state.close;
  bar_.volume = state.volume;
  return stop;
}

template <BarKind kKind>
TickStatus TickAggregator::PushRun(const TickColumnsView& ticks, std::size_t begin, std::size_t end,
                                   std::vector<Bar>* closed, std::size_t* next) {
  std::size_t i = begin;
  while (i < end) {
    if constexpr (kKind == BarKind::kTime) {
      if (has_bar_ && !flushed_) {
        i = ExtendTimeRun(ticks, i, end);
        if (i == end) break;
      }
    }
    const Tick tick{ticks.time[i], ticks.price[i], ticks.size[i], ticks.conditions ? ticks.conditions[i] : 0u};
    const TickStatus status = PushAs<kKind>(tick, closed);
    if (status != TickStatus::kOk) {
      *next = i;
      return status;
    }
    ++i;
  }
  *next = end;
  return TickStatus::kOk;
}

template TickStatus TickAggregator::PushRun<BarKind::kTime>(const TickColumnsView&, std::size_t, std::size_t,
                                                            std::vector<Bar>*, std::size_t*);
template TickStatus TickAggregator::PushRun<BarKind::kVolume>(const TickColumnsView&, std::size_t, std::size_t,
                                                              std::vector<Bar>*, std::size_t*);
template TickStatus TickAggregator::PushRun<BarKind::kRange>(const TickColumnsView&, std::size_t, std::size_t,
                                                             std::vector<Bar>*, std::size_t*);
template TickStatus TickAggregator::PushRun<BarKind::kSession>(const TickColumnsView&, std::size_t, std::size_t,
                                                               std::vector<Bar>*, std::size_t*);

TickStatus TickAggregator::Push(const Tick& tick, std::vector<Bar>* closed) {
  // A one-tick run, so streaming goes through exactly the code PushTicks uses.
  const TickColumnsView one{&tick.time, &tick.price, &tick.size, &tick.conditions, 1};
  std::size_t next = 0;
  switch (spec_.kind) {
    case BarKind::kTime:
      return PushRun<BarKind::kTime>(one, 0, 1, closed, &next);
    case BarKind::kVolume:
      return PushRun<BarKind::kVolume>(one, 0, 1, closed, &next);
    case BarKind::kRange:
      return PushRun<BarKind::kRange>(one, 0, 1, closed, &next);
    case BarKind::kSession:
      return PushRun<BarKind::kSession>(one, 0, 1, closed, &next);
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
    std::size_t next = chunk_end;
    const TickStatus status = aggregator->PushRun<kKind>(ticks, chunk_begin, chunk_end, closed, &next);
    if (status != TickStatus::kOk) return {status, next};
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
