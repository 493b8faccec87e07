#include "metrics.h"

namespace quorum::metrics {

Stats CurveAccumulator::Finish(const TradeAccumulator& t) {
  if (step_ > 0) AddDailyReturn(last_equity_ / day_reference_ - 1.0, step_ - 1);
  // A stretch still under water at the end runs to the last step, which is itself below the peak.
  if (under_) {
    EndStretch(last_time_, step_);
    under_ = false;
  }

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
  s[kMaxDrawdownDays] = max_drawdown_seconds_ / kSecondsPerDay;
  s[kMaxDrawdownBars] = max_drawdown_bars_;
  const double trades = static_cast<double>(t.trades_);
  s[kTrades] = trades;
  s[kWinRate] = static_cast<double>(t.wins_) / trades;
  s[kProfitFactor] = t.gross_profit_ / t.gross_loss_;
  s[kExpectancy] = t.pnl_sum_ / trades;
  const double steps = static_cast<double>(step_);
  s[kExposure] = static_cast<double>(exposed_steps_) / steps;
  const double mean_equity = equity_sum_ / steps;
  s[kTurnover] = days_ == 0 ? NAN : t.traded_value_ / mean_equity / (days / ppy);
  s[kCommissions] = t.commissions_;
  return s;
}

Stats ComputeStats(const MetricsConfig& config, const double* time, const double* equity, const std::uint8_t* exposed, std::size_t points,
                   const double* pnl, std::size_t trades, double traded_value, double commissions) {
  CurveAccumulator curve(config, nullptr);
  curve.OnSteps(time, equity, exposed, points, nullptr);
  TradeAccumulator accumulator;
  for (std::size_t k = 0; k < trades; ++k) accumulator.OnTrade(pnl[k]);
  accumulator.OnFill(traded_value, commissions);
  return curve.Finish(accumulator);
}

}  // namespace quorum::metrics
