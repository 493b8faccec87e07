#include "metrics.h"

#include <algorithm>

namespace quorum::metrics {

Accumulator::Accumulator(const MetricsConfig& config, double* block_returns)
    : config_(config),
      block_returns_(block_returns),
      risk_free_daily_(config.risk_free_rate / config.periods_per_year),
      last_equity_(config.starting_cash),
      day_reference_(config.starting_cash),
      peak_(config.starting_cash) {
  if (block_returns_ != nullptr) std::fill(block_returns_, block_returns_ + config_.blocks * 3, 0.0);
}

void Accumulator::StartDay(double time) {
  if (step_ > 0) AddDailyReturn(last_equity_ / day_reference_ - 1.0, step_ - 1);
  day_reference_ = last_equity_;
  day_end_ = (std::floor(time / kSecondsPerDay) + 1.0) * kSecondsPerDay;
  // The first step of the curve starts the drawdown clock when the curve opens below startingCash.
  if (step_ == 0) peak_time_ = time;
}

void Accumulator::AddDailyReturn(double r, std::size_t step) {
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

void Accumulator::EndStretch(double time, std::size_t step) {
  under_ = false;
  max_drawdown_days_ = std::max(max_drawdown_days_, (time - peak_time_) / kSecondsPerDay);
  max_drawdown_bars_ = std::max(max_drawdown_bars_, static_cast<double>(step) - peak_step_ - 1.0);
}

Stats Accumulator::Finish() {
  if (step_ > 0) AddDailyReturn(last_equity_ / day_reference_ - 1.0, step_ - 1);
  // A stretch still under water at the end runs to the last step, which is itself below the peak.
  if (under_) EndStretch(last_time_, step_);

  Stats s;
  const double start = config_.starting_cash;
  const double ppy = static_cast<double>(config_.periods_per_year);
  const double days = static_cast<double>(days_);
  const double growth = last_equity_ / start;
  s[kStartingCash] = start;
  s[kFinalEquity] = last_equity_;
  s[kTotalReturn] = growth - 1.0;
  s[kAnnualReturn] = days_ == 0 ? NAN : growth <= 0 ? -1.0 : std::pow(growth, ppy / days) - 1.0;
  const double sd = days_ >= 2 ? std::sqrt(m2_ / (days - 1.0)) : NAN;
  const double annualiser = std::sqrt(ppy);
  s[kVolatility] = sd * annualiser;
  const double excess = mean_ - risk_free_daily_;
  s[kSharpe] = days_ >= 2 ? excess / sd * annualiser : NAN;
  s[kSortino] = days_ >= 2 ? excess / std::sqrt(downside_sum_squares_ / days) * annualiser : NAN;
  s[kMaxDrawdown] = max_drawdown_;
  s[kCalmar] = s[kAnnualReturn] / max_drawdown_;
  s[kMaxDrawdownDays] = max_drawdown_days_;
  s[kMaxDrawdownBars] = max_drawdown_bars_;
  const double trades = static_cast<double>(trades_);
  s[kTrades] = trades;
  s[kWinRate] = static_cast<double>(wins_) / trades;
  s[kProfitFactor] = gross_profit_ / gross_loss_;
  s[kExpectancy] = pnl_sum_ / trades;
  const double steps = static_cast<double>(step_);
  s[kExposure] = static_cast<double>(exposed_steps_) / steps;
  const double mean_equity = equity_sum_ / steps;
  s[kTurnover] = days_ == 0 ? NAN : traded_value_ / mean_equity / (days / ppy);
  s[kCommissions] = commissions_;
  return s;
}

}  // namespace quorum::metrics
