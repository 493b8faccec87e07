#include "sweep.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace quorum::strategy {
namespace {

struct WorkerProgress {
  const std::atomic<bool>* cancel;
  std::atomic<std::size_t>* steps_done;
  std::size_t sets;
  std::size_t reported = 0;
};

bool ReportProgress(void* context, std::size_t steps) {
  auto* progress = static_cast<WorkerProgress*>(context);
  progress->steps_done->fetch_add((steps - progress->reported) * progress->sets, std::memory_order_relaxed);
  progress->reported = steps;
  return !progress->cancel->load(std::memory_order_relaxed);
}

}  // namespace

bool RunSweep(const BacktestInput& input, const double* param_sets, std::size_t count, double* stats, double* block_returns,
              const SweepOptions& options, const std::atomic<bool>& cancel, std::atomic<std::size_t>& steps_done) {
  const Timeline timeline(input.instruments, input.trade_from);
  const std::size_t param_count = input.program->param_names.size();
  const std::size_t threads = std::max<std::size_t>(1, std::min(options.threads, count));
  std::mutex mutex;
  std::condition_variable finished;
  std::size_t running = threads;
  std::vector<std::exception_ptr> errors(threads);
  std::vector<char> completed(threads, 0);
  std::vector<std::thread> workers;
  workers.reserve(threads);
  for (std::size_t t = 0; t < threads; ++t) {
    const std::size_t first = count * t / threads;
    const std::size_t last = count * (t + 1) / threads;
    workers.emplace_back([&, t, first, last] {
      try {
        std::vector<SetResult> results(last - first);
        for (std::size_t s = first; s < last; ++s) {
          results[s - first].stats = stats + s * metrics::kStatCount;
          results[s - first].block_returns = block_returns != nullptr ? block_returns + s * input.blocks * 3 : nullptr;
        }
        WorkerProgress progress{&cancel, &steps_done, last - first};
        const bool done = RunParameterSets(input, timeline, param_sets + first * param_count, last - first, results, &ReportProgress, &progress);
        if (done) ReportProgress(&progress, timeline.Steps());
        completed[t] = done ? 1 : 0;
      } catch (...) {
        errors[t] = std::current_exception();
      }
      std::lock_guard<std::mutex> lock(mutex);
      if (--running == 0) finished.notify_all();
    });
  }
  {
    std::unique_lock<std::mutex> lock(mutex);
    while (running > 0) {
      finished.wait_for(lock, std::chrono::milliseconds(20));
      if (options.on_wait && running > 0) {
        lock.unlock();
        options.on_wait();
        lock.lock();
      }
    }
  }
  for (std::thread& worker : workers) worker.join();
  if (options.on_wait) options.on_wait();
  for (const std::exception_ptr& error : errors) {
    if (error) std::rethrow_exception(error);
  }
  return std::all_of(completed.begin(), completed.end(), [](char c) { return c != 0; });
}

}  // namespace quorum::strategy
