#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>

// The statistics of a run (docs/metrics.md), accumulated in one pass over the equity curve and
// the trades so a sweep computes them without storing either. Two accumulators: the curve's,
// updated a chunk of steps at a time (a value type, its loop inline), and the trades', updated on
// fills.
namespace quorum::metrics {

// STAT_NAMES order (src/shared/domain/backtest.ts).
enum Stat : std::size_t {
  kStartingCash,
  kFinalEquity,
  kTotalReturn,
  kAnnualReturn,
  kVolatility,
  kSharpe,
  kSortino,
  kCalmar,
  kMaxDrawdown,
  kMaxDrawdownDays,
  kMaxDrawdownBars,
  kTrades,
  kWinRate,
  kProfitFactor,
  kExpectancy,
  kExposure,
  kTurnover,
  kCommissions,
  kStatCount
};
using Stats = std::array<double, kStatCount>;

constexpr double kSecondsPerDay = 86400.0;

struct MetricsConfig {
  double starting_cash;
  int periods_per_year;
  double risk_free_rate;
  // Steps of the equity curve (bars of the merged timeline from tradeFrom), for the blocks.
  std::size_t steps;
  // Equal spans of the curve whose daily returns are summed into block_returns; 0: none.
  std::size_t blocks;
};

// Fills and closed trades.
class TradeAccumulator {
 public:
  void OnFill(double traded_value, double commission) {
    traded_value_ += traded_value;
    commissions_ += commission;
  }

  void OnTrade(double pnl) {
    ++trades_;
    pnl_sum_ += pnl;
    if (pnl > 0) {
      ++wins_;
      gross_profit_ += pnl;
    } else if (pnl < 0) {
      gross_loss_ -= pnl;
    }
  }

  double TradedValue() const { return traded_value_; }

 private:
  friend class CurveAccumulator;
  std::size_t trades_ = 0;
  std::size_t wins_ = 0;
  double pnl_sum_ = 0;
  double gross_profit_ = 0;
  double gross_loss_ = 0;
  double traded_value_ = 0;
  double commissions_ = 0;
};

// The equity curve, one step at a time.
class CurveAccumulator {
 public:
  // `block_returns` (blocks × 3: count, sum, sum of squares of the daily returns ending in the
  // block) is zeroed here and written as days close; it may be null when blocks is 0.
  CurveAccumulator(const MetricsConfig& config, double* block_returns)
      : config_(config),
        block_returns_(block_returns),
        risk_free_daily_(config.risk_free_rate / config.periods_per_year),
        last_equity_(config.starting_cash),
        day_reference_(config.starting_cash),
        peak_(config.starting_cash) {
    if (block_returns_ != nullptr) std::fill(block_returns_, block_returns_ + config_.blocks * 3, 0.0);
  }

  // The next `n` steps of the equity curve, in time order: step k has time[k], equity[k] and
  // exposed[k] (non-zero: a position is open after it). Writes the drawdown of each
  // (1 − equity / peak) to drawdown[k] unless drawdown is null. The walk fills a chunk of the
  // curve, then this runs over it in one loop with the state in registers; the result does not
  // depend on how the curve is cut into calls.
  inline void OnSteps(const double* time, const double* equity, const std::uint8_t* exposed, std::size_t n, double* drawdown) {
    if (n == 0) return;
    // The first step of the curve starts the drawdown clock when the curve opens below startingCash.
    if (step_ == 0) peak_time_ = time[0];
    if (drawdown != nullptr) {
      Steps<true>(time, equity, exposed, n, drawdown);
    } else {
      Steps<false>(time, equity, exposed, n, nullptr);
    }
  }

  // Closes the last day and drawdown stretch and computes every statistic; call once, after the last step.
  Stats Finish(const TradeAccumulator& trades);

 private:
  // OnSteps' loop. Whether a step is at a new peak is data (a curve near its high flips between
  // the two every few bars), so the loop selects instead of branching on it: a stretch under
  // water ends on the first step back at the peak, and its length counts then.
  template <bool kDrawdown>
  inline void Steps(const double* time, const double* equity, const std::uint8_t* exposed, std::size_t n, double* drawdown) {
    double day_end = day_end_;
    double previous = last_equity_;
    double sum = equity_sum_;
    std::size_t exposed_steps = exposed_steps_;
    double peak = peak_;
    double peak_time = peak_time_;
    double peak_step = peak_step_;
    double max_drawdown = max_drawdown_;
    double max_seconds = max_drawdown_seconds_;
    double max_bars = max_drawdown_bars_;
    bool under = under_;
    const std::size_t first = step_;
    double step = static_cast<double>(first);
    for (std::size_t k = 0; k < n; ++k, step += 1.0) {
      const double t = time[k];
      const double e = equity[k];
      if (t >= day_end) day_end = StartDay(t, previous, first + k);
      previous = e;
      sum += e;
      exposed_steps += exposed[k] != 0 ? 1 : 0;
      const bool at_peak = e >= peak;
      const bool ends = at_peak & under;
      const double seconds = t - peak_time;
      const double bars = step - peak_step - 1.0;
      max_seconds = ends && max_seconds < seconds ? seconds : max_seconds;
      max_bars = ends && max_bars < bars ? bars : max_bars;
      peak_time = at_peak ? t : peak_time;
      peak_step = at_peak ? step : peak_step;
      const double below = 1.0 - e / peak;
      const double d = at_peak ? 0.0 : below;
      // (e > peak rather than at_peak: the same peak, as the peak is positive so e == peak has its
      // bits, and it is one max instruction on the loop's longest chain.)
      peak = e > peak ? e : peak;
      under = !at_peak;
      max_drawdown = d > max_drawdown ? d : max_drawdown;
      if constexpr (kDrawdown) drawdown[k] = d;
    }
    day_end_ = day_end;
    last_equity_ = previous;
    last_time_ = time[n - 1];
    equity_sum_ = sum;
    exposed_steps_ = exposed_steps;
    peak_ = peak;
    peak_time_ = peak_time;
    peak_step_ = peak_step;
    max_drawdown_ = max_drawdown;
    max_drawdown_seconds_ = max_seconds;
    max_drawdown_bars_ = max_bars;
    under_ = under;
    step_ = first + n;
  }

  // Step `step` at `time` opens a new UTC day; `previous` is the equity of the step before it
  // (the last of the day that ended). Returns the end of the new day.
  double StartDay(double time, double previous, std::size_t step) {
    if (step > 0) AddDailyReturn(previous / day_reference_ - 1.0, step - 1);
    day_reference_ = previous;
    return (std::floor(time / kSecondsPerDay) + 1.0) * kSecondsPerDay;
  }

  inline void AddDailyReturn(double r, std::size_t step) {
    ++days_;
    // Welford's update: the variance without the cancellation of Σr² − n·mean².
    const double delta = r - mean_;
    mean_ += delta / static_cast<double>(days_);
    m2_ += delta * (r - mean_);
    const double downside = std::min(0.0, r - risk_free_daily_);
    downside_sum_squares_ += downside * downside;
    if (block_returns_ != nullptr && config_.blocks > 0 && config_.steps > 0) {
      const std::size_t block = step * config_.blocks / config_.steps;
      double* cell = block_returns_ + 3 * std::min(block, config_.blocks - 1);
      cell[0] += 1.0;
      cell[1] += r;
      cell[2] += r * r;
    }
  }

  // The stretch under water ending at `step` (the curve's end, for one that never recovers).
  void EndStretch(double time, std::size_t step) {
    max_drawdown_seconds_ = std::max(max_drawdown_seconds_, time - peak_time_);
    max_drawdown_bars_ = std::max(max_drawdown_bars_, static_cast<double>(step) - peak_step_ - 1.0);
  }

  MetricsConfig config_;
  double* block_returns_;
  double risk_free_daily_;

  std::size_t step_ = 0;
  double last_equity_;
  double last_time_ = 0;
  double equity_sum_ = 0;
  std::size_t exposed_steps_ = 0;

  // Daily returns: the last equity of each UTC day against the previous day's (startingCash first).
  double day_end_ = -INFINITY;
  double day_reference_;
  std::size_t days_ = 0;
  double mean_ = 0;
  double m2_ = 0;
  double downside_sum_squares_ = 0;

  double peak_;
  double peak_time_ = NAN;
  double peak_step_ = -1;
  bool under_ = false;
  double max_drawdown_ = 0;
  double max_drawdown_seconds_ = 0;  // in days at Finish (÷ 86400 is monotonic: the max is the same)
  double max_drawdown_bars_ = 0;
};

// The statistics of any equity curve and trade list, by the same accumulators a run uses: what
// a run computes as it goes, given its curve (time, equity, exposed per point), its trades' net
// P&L in the order they closed, and its fills' totals. Walk-forward stitches several runs' curves
// and computes their statistics with this.
Stats ComputeStats(const MetricsConfig& config, const double* time, const double* equity, const std::uint8_t* exposed, std::size_t points,
                   const double* pnl, std::size_t trades, double traded_value, double commissions);

}  // namespace quorum::metrics
