#pragma once

#include <cstddef>
#include <functional>

#include "bar_columns.h"

namespace quorum {

// Buckets are [start, start + period) with start = floor((t - anchor) / period) * period + anchor,
// all in epoch seconds. Period and anchor are whole seconds; callers validate that.
struct ResampleSpec {
  double period_seconds;
  double anchor_seconds;
};

enum class ResampleStatus {
  kOk,
  // time[index] is NaN, infinite, or beyond +/-2^53 where whole seconds stop being exact.
  kInvalidTime,
  // time[index] <= time[index - 1].
  kNotAscending,
  // The input produced more buckets than the output holds (it changed since it was counted).
  kOutputTooSmall,
  kCancelled,
};

struct ResampleOutcome {
  ResampleStatus status;
  // Buckets counted or written; meaningful only when status is kOk.
  std::size_t buckets;
  // The offending input index for kInvalidTime and kNotAscending.
  std::size_t index;
};

// Called between chunks of kResampleCheckpointInterval bars with the number of bars done so far;
// returning false stops the pass with kCancelled. An empty function means "never stop".
using ResampleCheckpoint = std::function<bool(std::size_t bars_done)>;

constexpr std::size_t kResampleCheckpointInterval = 65536;

// Validates the times (finite, strictly ascending) and returns how many buckets they fill.
ResampleOutcome CountResampleBuckets(const double* time,
                                     std::size_t length,
                                     const ResampleSpec& spec,
                                     const ResampleCheckpoint& checkpoint = {});

// Writes one bar per non-empty bucket into `out`: open first, high max, low min, close last,
// volume sum. NaN in a price or volume propagates into its bucket's field, as Math.max does.
// Validates times again, so it stays memory-safe if the input changed after counting.
ResampleOutcome FillResampleBuckets(const BarColumnsView& in,
                                    const ResampleSpec& spec,
                                    const BarColumnsSpan& out,
                                    const ResampleCheckpoint& checkpoint = {});

}  // namespace quorum
