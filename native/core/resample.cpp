#include "resample.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace quorum {
namespace {

// Beyond 2^53 consecutive whole seconds are no longer distinct doubles.
constexpr double kMaxExactSeconds = 9007199254740992.0;
constexpr double kBeforeAnyTime = -std::numeric_limits<double>::infinity();

// Written as a single comparison so NaN fails it too.
inline bool IsValidTime(double t) { return std::fabs(t) <= kMaxExactSeconds; }

inline double BucketStart(double t, const ResampleSpec& spec) {
  const double period = spec.period_seconds;
  double start = std::floor((t - spec.anchor_seconds) / period) * period + spec.anchor_seconds;
  // Whole-second times divide exactly; fractional ones can round into the neighbouring bucket.
  if (start > t) {
    start -= period;
  } else if (start + period <= t) {
    start += period;
  }
  return start;
}

// Unlike std::max, a NaN on either side wins, so one bad price marks its bucket as Math.max would.
inline double MaxPropagatingNaN(double acc, double x) { return (x > acc || x != x) ? x : acc; }
inline double MinPropagatingNaN(double acc, double x) { return (x < acc || x != x) ? x : acc; }

inline bool ShouldContinue(const ResampleCheckpoint& checkpoint, std::size_t bars_done) {
  return !checkpoint || checkpoint(bars_done);
}

}  // namespace

ResampleOutcome CountResampleBuckets(const double* time,
                                     std::size_t length,
                                     const ResampleSpec& spec,
                                     const ResampleCheckpoint& checkpoint) {
  std::size_t buckets = 0;
  double previous = kBeforeAnyTime;
  double bucket_end = kBeforeAnyTime;
  for (std::size_t chunk_begin = 0; chunk_begin < length; chunk_begin += kResampleCheckpointInterval) {
    if (!ShouldContinue(checkpoint, chunk_begin)) return {ResampleStatus::kCancelled, 0, 0};
    const std::size_t chunk_end = std::min(length, chunk_begin + kResampleCheckpointInterval);
    for (std::size_t i = chunk_begin; i < chunk_end; ++i) {
      const double t = time[i];
      if (!IsValidTime(t)) return {ResampleStatus::kInvalidTime, 0, i};
      if (!(t > previous)) return {ResampleStatus::kNotAscending, 0, i};
      previous = t;
      if (t >= bucket_end) {
        bucket_end = BucketStart(t, spec) + spec.period_seconds;
        ++buckets;
      }
    }
  }
  if (!ShouldContinue(checkpoint, length)) return {ResampleStatus::kCancelled, 0, 0};
  return {ResampleStatus::kOk, buckets, 0};
}

ResampleOutcome FillResampleBuckets(const BarColumnsView& in,
                                    const ResampleSpec& spec,
                                    const BarColumnsSpan& out,
                                    const ResampleCheckpoint& checkpoint) {
  std::size_t written = 0;
  bool bucket_open = false;
  Bar bucket{};
  double previous = kBeforeAnyTime;
  double bucket_end = kBeforeAnyTime;
  for (std::size_t chunk_begin = 0; chunk_begin < in.length; chunk_begin += kResampleCheckpointInterval) {
    if (!ShouldContinue(checkpoint, chunk_begin)) return {ResampleStatus::kCancelled, 0, 0};
    const std::size_t chunk_end = std::min(in.length, chunk_begin + kResampleCheckpointInterval);
    for (std::size_t i = chunk_begin; i < chunk_end; ++i) {
      const double t = in.time[i];
      if (!IsValidTime(t)) return {ResampleStatus::kInvalidTime, 0, i};
      if (!(t > previous)) return {ResampleStatus::kNotAscending, 0, i};
      previous = t;
      if (t >= bucket_end) {
        if (bucket_open) {
          if (written == out.length) return {ResampleStatus::kOutputTooSmall, 0, 0};
          WriteBar(out, written++, bucket);
        }
        const double start = BucketStart(t, spec);
        bucket_end = start + spec.period_seconds;
        bucket = {start, in.open[i], in.high[i], in.low[i], in.close[i], in.volume[i]};
        bucket_open = true;
      } else {
        bucket.high = MaxPropagatingNaN(bucket.high, in.high[i]);
        bucket.low = MinPropagatingNaN(bucket.low, in.low[i]);
        bucket.close = in.close[i];
        bucket.volume += in.volume[i];
      }
    }
  }
  if (bucket_open) {
    if (written == out.length) return {ResampleStatus::kOutputTooSmall, 0, 0};
    WriteBar(out, written++, bucket);
  }
  if (!ShouldContinue(checkpoint, in.length)) return {ResampleStatus::kCancelled, 0, 0};
  return {ResampleStatus::kOk, written, 0};
}

}  // namespace quorum
