#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "../bar_columns.h"
#include "../exchange/conventions.h"
#include "../exchange/portfolio.h"
#include "../metrics/metrics.h"
#include "program.h"

// A backtest run: the VM over chunks of the merged timeline, the exchange walking each chunk bar
// by bar, the metrics accumulating as it goes. One engine runs a contiguous range of parameter
// sets on one thread, sharing indicator instances between them; a single backtest is a range of
// one. The sweep (sweep.h) splits the sets over threads.
namespace quorum::strategy {

constexpr std::size_t kDefaultChunkSize = 4096;

struct BacktestInput {
  const Program* program = nullptr;  // validated (ValidateProgram)
  std::vector<BarColumnsView> instruments;  // each strictly ascending in time
  exchange::Conventions conventions;
  double trade_from = -std::numeric_limits<double>::infinity();  // epoch seconds
  std::size_t chunk_size = kDefaultChunkSize;  // bars of the merged timeline per chunk (≥ 1)
  std::size_t blocks = 0;  // spans of the curve for blockReturns (0: none)
};

// The distinct bar times of all instruments, ascending: one step of the equity curve each.
class Timeline {
 public:
  explicit Timeline(const std::vector<BarColumnsView>& instruments, double trade_from);
  std::size_t Steps() const { return steps_; }
  double Time(std::size_t step) const { return times_[step]; }
  const double* Times() const { return times_; }
  // The first step at or after tradeFrom, and the number of steps from it (the equity curve's length).
  std::size_t FirstActive() const { return first_active_; }
  std::size_t ActiveSteps() const { return steps_ - first_active_; }

 private:
  std::vector<double> merged_;
  const double* times_ = nullptr;
  std::size_t steps_ = 0;
  std::size_t first_active_ = 0;
};

// The equity curve of a single run, one row per active step; any column may be null.
struct EquityColumns {
  double* time = nullptr;
  double* equity = nullptr;
  double* cash = nullptr;
  double* drawdown = nullptr;
  std::uint8_t* exposed = nullptr;  // 1 when any position is open after the step (the metrics' exposure)
};

// Where one parameter set's results go.
struct SetResult {
  double* stats = nullptr;  // metrics::kStatCount values, STAT_NAMES order
  double* block_returns = nullptr;  // blocks × 3, or null
  const EquityColumns* equity = nullptr;  // a single run's curve, or null
  std::vector<exchange::Trade>* trades = nullptr;  // a single run's trades, or null
  double* traded_value = nullptr;  // Σ quantity × price of the fills (the turnover's numerator), or null
  // Every register of the first instrument over all its bars (register r: registers[r][0..n)), or
  // null: what evaluateProgram shows of the VM.
  double* const* registers = nullptr;
};

// Called between chunks with the steps done (of the parameter sets' common pass); returns false to stop.
using Progress = bool (*)(void* context, std::size_t steps_done);

// Throws ProgramError for the first parameter set whose indicator parameters are invalid,
// naming the set (when there are several), the indicator and the parameter.
void ValidateParameterSets(const Program& program, const double* param_sets, std::size_t count);

// Runs parameter sets param_sets[0 .. count) (row-major, one row of the program's parameters
// each) and writes results[s] for each. Returns false if `progress` stopped it (results are then
// incomplete).
bool RunParameterSets(const BacktestInput& input, const Timeline& timeline, const double* param_sets, std::size_t count,
                      const std::vector<SetResult>& results, Progress progress, void* context);

exchange::RuleShape RuleShapeOf(const Program& program);

}  // namespace quorum::strategy
