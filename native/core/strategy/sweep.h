#pragma once

#include <atomic>
#include <cstddef>
#include <functional>

#include "engine.h"

namespace quorum::strategy {

struct SweepOptions {
  std::size_t threads = 1;
  // Polled on the calling thread while the workers run (about every 20 ms) and once at the end.
  std::function<void()> on_wait;
};

// Runs `count` parameter sets (row-major in param_sets) split contiguously over the threads.
// Writes stats (count × metrics::kStatCount) and block_returns (count × input.blocks × 3, may be
// null when blocks is 0). `steps_done` counts set × step units (total count × timeline steps);
// `cancel` is read between chunks. Returns false if cancelled. An exception in a worker is
// rethrown here after every worker has stopped.
bool RunSweep(const BacktestInput& input, const double* param_sets, std::size_t count, double* stats, double* block_returns,
              const SweepOptions& options, const std::atomic<bool>& cancel, std::atomic<std::size_t>& steps_done);

}  // namespace quorum::strategy
