#include "portfolio.h"

#include <algorithm>

#include "costs.h"

namespace quorum::exchange {
namespace {

// A protective distance in price: `value` is currency, or % of `price` (the entry); NaN when the
// trade has none (the register is NaN, zero or negative on the signal bar).
double DistanceIn(double value, DistanceKind kind, double price) {
  if (!(value > 0)) return NAN;
  const double distance = kind == DistanceKind::kPercent ? price * value / 100.0 : value;
  return distance > 0 ? distance : NAN;
}

}  // namespace

Portfolio::Portfolio(const Conventions& conventions, const RuleShape& rules, std::size_t instruments, metrics::TradeAccumulator* metrics,
                     std::vector<Trade>* trades, std::size_t bars)
    : conventions_(conventions), rules_(rules), metrics_(metrics), trades_(trades), books_(instruments), cash_(conventions.starting_cash) {
  // Room for a trade every 16 bars, reserved (address space; the pages are touched as trades
  // come), so a busy run does not copy its trades over and over as the list grows.
  if (trades_ != nullptr) trades_->reserve(1024 + bars / 16);
}

void Portfolio::OnActiveBar(std::size_t j, const BarRef& bar, std::int64_t index, const RuleColumns& rules, std::size_t i, bool last) {
  Book& b = books_[j];
  if (b.quantity == 0 && !b.exit_pending && b.entry_side == 0) {
    // Flat with nothing pending: only the close's signals can act.
    OnClose(j, bar, index, rules, i, last);
    b.mark = bar.close();
    return;
  }
  // The intrabar rule: the open, then the nearer of the high and the low (the low on a tie), then
  // the other, then the close.
  const bool high_first = bar.high() - bar.open() < bar.open() - bar.low();
  const double path[4] = {bar.open(), high_first ? bar.high() : bar.low(), high_first ? bar.low() : bar.high(), bar.close()};
  PathPoint start{0, bar.open(), true};

  const bool closes_at_open = last && conventions_.end_of_data == EndOfData::kCloseAtOpen;

  // (1) Pending orders at the open: the exit first, so a reversal's entry is sized on the cash it freed.
  if (b.exit_pending) FillExit(j, bar, index, bar.open(), true, b.exit_reason, true);
  if (b.entry_side != 0) {
    if (b.exit_pending) {
      // The exit before it is still filling (volume cap): a market entry waits, a limit or stop lapses.
      if (b.entry_kind != OrderKind::kMarket) CancelEntry(b);
    } else if (b.entry_kind == OrderKind::kMarket) {
      // A new entry, or the rest of one the volume cap split.
      FillEntry(j, bar, index, bar.open(), true, false);
    } else {
      // A limit or stop entry is live for this bar only. A buy limit and a sell stop wait for the
      // price to come down to the level, a buy stop and a sell limit for it to come up; the fill
      // is at the open when the bar opens through the level, else at the level.
      const double level = b.entry_level;
      const bool falling = (b.entry_side > 0) == (b.entry_kind == OrderKind::kLimit);
      PathPoint at{-1, level, false};
      if (falling ? path[0] <= level : path[0] >= level) {
        at = {0, path[0], true};
      } else {
        for (int k = 0; k < 3; ++k) {
          if (falling ? path[k + 1] <= level : path[k + 1] >= level) {
            at = {k, level, false};
            break;
          }
        }
      }
      if (at.segment < 0 || (closes_at_open && !at.at_open)) {
        // (Closing out at the last bar's open, an entry the bar reaches only after the open is too late.)
        CancelEntry(b);
      } else {
        // Slippage applies to stop fills, not to limits.
        FillEntry(j, bar, index, at.price, b.entry_kind == OrderKind::kStop, false);
        start = at;
      }
    }
  }

  if (closes_at_open) {
    // endOfData close-at-open: the bar ends at its open. A stop or target the open gaps through
    // fills there as usual; what is still open is then closed at the open (reason end).
    const double open[4] = {bar.open(), bar.open(), bar.open(), bar.open()};
    if (b.quantity != 0) ProtectiveExits(j, bar, index, open, start);
    if (b.quantity != 0) FillExit(j, bar, index, bar.open(), false, ExitReason::kEnd, false);
    OnClose(j, bar, index, rules, i, last);
    b.mark = bar.close();
    return;
  }

  // (2) Protective exits inside the bar, for a position held over any of it.
  if (b.quantity != 0) ProtectiveExits(j, bar, index, path, start);

  // (3) Signals on the close.
  OnClose(j, bar, index, rules, i, last);
  b.mark = bar.close();
}

void Portfolio::ProtectiveExits(std::size_t j, const BarRef& bar, std::int64_t index, const double* path, PathPoint start) {
  Book& b = books_[j];
  const int side = Direction(b.quantity);
  const double quantity = std::fabs(b.quantity);
  // The nearer of the stop loss and the trailing stop is the one the price meets first.
  const bool trailing_nearer = side > 0 ? b.trailing_stop > b.stop_loss : b.trailing_stop < b.stop_loss;
  const double stop = trailing_nearer ? b.trailing_stop : b.stop_loss;
  const ExitReason stop_reason = trailing_nearer ? ExitReason::kTrailingStop : ExitReason::kStopLoss;
  const double target = b.take_profit;
  auto stop_hit = [side, stop](double p) { return side > 0 ? p <= stop : p >= stop; };
  auto target_hit = [side, target](double p) { return side > 0 ? p >= target : p <= target; };

  double low = start.price;
  double high = start.price;
  bool exiting = false;
  double exit_price = 0;
  ExitReason reason = stop_reason;
  if (start.at_open && stop_hit(start.price)) {
    // The bar opens through the stop (a gap): it fills at the open.
    exiting = true;
    exit_price = start.price;
  } else if (start.at_open && target_hit(start.price)) {
    exiting = true;
    exit_price = start.price;
    reason = ExitReason::kTakeProfit;
  }
  double current = start.price;
  for (int k = start.segment + 1; k < 4 && !exiting; ++k) {
    const double next = path[k];
    // On a segment the price moves one way, so it can meet only the stop or only the target.
    const bool toward_stop = side > 0 ? next < current : next > current;
    if (toward_stop && stop_hit(next)) {
      exiting = true;
      exit_price = stop;
    } else if (!toward_stop && target_hit(next)) {
      exiting = true;
      exit_price = target;
      reason = ExitReason::kTakeProfit;
    } else {
      current = next;
    }
    const double reached = exiting ? exit_price : next;
    low = std::min(low, reached);
    high = std::max(high, reached);
  }
  const double worst = side > 0 ? low : high;
  const double best = side > 0 ? high : low;
  b.mae = std::min(b.mae, side * quantity * (worst - b.average_entry));
  b.mfe = std::max(b.mfe, side * quantity * (best - b.average_entry));
  if (exiting) {
    // A stop loss or trailing stop is a stop order (slipped); a take profit a limit (not slipped).
    FillExit(j, bar, index, exit_price, reason != ExitReason::kTakeProfit, reason, true);
  } else if (b.trailing_distance > 0) {
    // The trailing stop follows the bar's extreme after the bar's own checks.
    b.trailing_stop = side > 0 ? std::max(b.trailing_stop, high - b.trailing_distance)
                               : std::min(b.trailing_stop, low + b.trailing_distance);
  }
}

void Portfolio::OnClose(std::size_t j, const BarRef& bar, std::int64_t index, const RuleColumns& rules, std::size_t i, bool last) {
  Book& b = books_[j];
  // Exits first.
  const int planned = Planned(b);
  if (planned > 0 && SignalAt(rules.long_exit, i)) {
    RequestExit(j, bar, index, ExitReason::kSignal);
  } else if (planned < 0 && SignalAt(rules.short_exit, i)) {
    RequestExit(j, bar, index, ExitReason::kSignal);
  }
  if (b.quantity != 0 && !b.exit_pending && static_cast<double>(index - b.held_from) >= b.exit_after) {
    RequestExit(j, bar, index, ExitReason::kTime);
  }
  if (last) {
    // The instrument's last bar: pending orders lapse and no entry is opened. With endOfData
    // close, what is open is closed at the close so the statistics count it; with mark it stays
    // open, marked at the close, and is not a trade (close-at-open closed it at the open).
    CancelEntry(b);
    if (b.quantity != 0 && conventions_.end_of_data == EndOfData::kClose) FillExit(j, bar, index, bar.close(), false, ExitReason::kEnd, false);
    b.exit_pending = false;
    return;
  }
  // Then entries. Both sides at once contradict each other: neither is acted on.
  const bool long_entry = SignalAt(rules.long_entry, i);
  const bool short_entry = conventions_.allow_short && SignalAt(rules.short_entry, i);
  if (long_entry == short_entry) return;
  const int side = long_entry ? 1 : -1;
  const int now = Planned(b);
  if (now == side) return;  // no pyramiding
  if (now == -side) {
    if (conventions_.on_opposite == OnOpposite::kFlatten) {
      RequestExit(j, bar, index, ExitReason::kSignal);
      return;
    }
    RequestExit(j, bar, index, ExitReason::kReverse);
  }
  PlaceEntry(j, bar, index, rules, i, side);
}

void Portfolio::RequestExit(std::size_t j, const BarRef& bar, std::int64_t index, ExitReason reason) {
  Book& b = books_[j];
  CancelEntry(b);
  if (b.quantity == 0 || b.exit_pending) return;
  if (conventions_.fill == FillMode::kClose) {
    FillExit(j, bar, index, bar.close(), true, reason, true);
  } else {
    b.exit_pending = true;
    b.exit_reason = reason;
  }
}

void Portfolio::PlaceEntry(std::size_t j, const BarRef& bar, std::int64_t index, const RuleColumns& rules, std::size_t i, int side) {
  Book& b = books_[j];
  const OrderKind kind = side > 0 ? rules_.long_order : rules_.short_order;
  double level = 0;
  if (kind != OrderKind::kMarket) {
    const double* prices = side > 0 ? rules.long_price : rules.short_price;
    level = prices != nullptr ? prices[i] : NAN;
    if (!std::isfinite(level)) return;
  }
  const double amount = rules.size != nullptr ? rules.size[i] : NAN;
  if (!(amount > 0) || !std::isfinite(amount)) return;
  b.entry_side = side;
  b.entry_kind = kind;
  b.entry_level = level;
  b.entry_quantity = 0;
  b.entry_amount = amount;
  b.entry_stop_loss = rules.stop_loss != nullptr ? rules.stop_loss[i] : NAN;
  b.entry_take_profit = rules.take_profit != nullptr ? rules.take_profit[i] : NAN;
  b.entry_trailing = rules.trailing_stop != nullptr ? rules.trailing_stop[i] : NAN;
  b.entry_exit_after = rules.exit_after != nullptr ? rules.exit_after[i] : NAN;
  if (conventions_.fill == FillMode::kClose && kind == OrderKind::kMarket && b.quantity == 0) {
    FillEntry(j, bar, index, bar.close(), true, true);
  }
}

bool Portfolio::FillEntry(std::size_t j, const BarRef& bar, std::int64_t index, double price, bool slipped, bool at_close) {
  Book& b = books_[j];
  const int side = b.entry_side;
  const double fill_price = price + side * (slipped ? Slippage(conventions_.slippage, price, bar.high(), bar.low()) : 0.0);
  double quantity = b.entry_quantity;
  RollMonth(bar.time());
  if (quantity <= 0) {
    // (4) Sizing at the fill, from the equity marked at the fill price.
    const double equity = EquityAt(j, fill_price);
    switch (rules_.sizing) {
      case Sizing::kFixed:
        quantity = b.entry_amount;
        break;
      case Sizing::kEquityPercent:
        quantity = equity * b.entry_amount / 100.0 / fill_price;
        break;
      case Sizing::kRiskPercent:
        quantity = equity * b.entry_amount / 100.0 / DistanceIn(b.entry_stop_loss, rules_.stop_loss, fill_price);
        break;
    }
    if (!conventions_.fractional) quantity = std::floor(quantity);
    if (side > 0) {
      // No leverage: a long costs at most the cash there is, commission included. Commissions
      // grow with the quantity, so one step down from the cash-only cap is enough.
      if (quantity * fill_price > cash_) {
        quantity = cash_ / fill_price;
        if (!conventions_.fractional) quantity = std::floor(quantity);
      }
      const double commission = Commission(conventions_.commission, quantity, fill_price, month_shares_);
      if (quantity * fill_price + commission > cash_) {
        quantity = (cash_ - commission) / fill_price;
        if (!conventions_.fractional) quantity = std::floor(quantity);
      }
    }
    if (!(quantity > 0) || !std::isfinite(quantity)) {
      CancelEntry(b);  // an order of size 0 is skipped
      return false;
    }
  }
  // (5) The volume cap: the rest waits as a market order for the next bar.
  const double filled = CappedQuantity(quantity, bar);
  if (filled < quantity) {
    b.entry_kind = OrderKind::kMarket;
    b.entry_quantity = quantity - filled;
  } else {
    b.entry_side = 0;
  }
  if (!(filled > 0)) return false;
  // (7) Commission, in cash, at the fill.
  const double commission = FillCommission(filled, fill_price, bar.time());
  cash_ = cash_ - side * filled * fill_price - commission;
  metrics_->OnFill(filled * fill_price, commission);
  if (b.quantity == 0) {
    b.average_entry = fill_price;
    b.entry_time = bar.time();
    b.entry_index = index;
    // A position filled at the close has been held for no bar yet; one filled at the open or
    // inside the bar is held over this bar.
    b.held_from = at_close ? index : index - 1;
    b.entered = filled;
    b.exit_value = 0;
    b.exited = 0;
    b.realized = 0;
    b.commission = commission;
    b.mae = 0;
    b.mfe = 0;
    const double stop = DistanceIn(b.entry_stop_loss, rules_.stop_loss, fill_price);
    const double target = DistanceIn(b.entry_take_profit, rules_.take_profit, fill_price);
    const double trailing = DistanceIn(b.entry_trailing, rules_.trailing_stop, fill_price);
    b.stop_loss = std::isnan(stop) ? -side * kInf : fill_price - side * stop;
    b.take_profit = std::isnan(target) ? side * kInf : fill_price + side * target;
    b.trailing_stop = std::isnan(trailing) ? -side * kInf : fill_price - side * trailing;
    b.trailing_distance = std::isnan(trailing) ? 0 : trailing;
    b.guarded = !std::isnan(stop) || !std::isnan(target) || !std::isnan(trailing);
    b.exit_after = b.entry_exit_after > 0 ? b.entry_exit_after : kInf;
    ++open_positions_;
  } else {
    b.average_entry = (b.average_entry * b.entered + fill_price * filled) / (b.entered + filled);
    b.entered += filled;
    b.commission += commission;
  }
  b.quantity += side * filled;
  b.mark = fill_price;
  return true;
}

void Portfolio::FillExit(std::size_t j, const BarRef& bar, std::int64_t index, double price, bool slipped, ExitReason reason, bool capped) {
  Book& b = books_[j];
  const int side = Direction(b.quantity);
  const double quantity = std::fabs(b.quantity);
  const double open_pnl = side * quantity * (price - b.average_entry);
  b.mae = std::min(b.mae, open_pnl);
  b.mfe = std::max(b.mfe, open_pnl);
  const double fill_price = price - side * (slipped ? Slippage(conventions_.slippage, price, bar.high(), bar.low()) : 0.0);
  const double filled = capped ? CappedQuantity(quantity, bar) : quantity;
  b.mark = price;
  if (!(filled > 0)) {
    b.exit_pending = true;
    b.exit_reason = reason;
    return;
  }
  const double commission = FillCommission(filled, fill_price, bar.time());
  cash_ = cash_ + side * filled * fill_price - commission;
  metrics_->OnFill(filled * fill_price, commission);
  b.realized += side * filled * (fill_price - b.average_entry);
  b.exit_value += fill_price * filled;
  b.exited += filled;
  b.commission += commission;
  if (filled < quantity) {
    b.quantity -= side * filled;
    b.exit_pending = true;
    b.exit_reason = reason;
    return;
  }
  b.quantity = 0;
  b.exit_pending = false;
  --open_positions_;
  const double pnl = b.realized - b.commission;
  metrics_->OnTrade(pnl);
  if (trades_ != nullptr) {
    trades_->push_back(Trade{static_cast<std::int32_t>(j), static_cast<std::int8_t>(side), b.entry_time, b.average_entry, bar.time(),
                             ExitPrice(b, fill_price, filled), b.entered, pnl, b.commission, b.mae, b.mfe,
                             static_cast<std::int32_t>(index - b.entry_index), reason});
  }
}

double Portfolio::ExitPrice(const Book& b, double last_price, double last_filled) {
  // One fill: its price exactly (Σ(q·p)/Σq need not give p back); several: volume-weighted.
  return b.exited == last_filled ? last_price : b.exit_value / b.exited;
}

double Portfolio::CappedQuantity(double quantity, const BarRef& bar) const {
  if (conventions_.volume_cap <= 0) return quantity;
  double cap = conventions_.volume_cap * bar.volume();
  if (!conventions_.fractional) cap = std::floor(cap);
  return std::min(quantity, std::max(cap, 0.0));
}

void Portfolio::RollMonth(double time) {
  if (conventions_.commission.kind != CommissionKind::kIbTiered) return;
  const std::int64_t month = UtcMonth(time);
  if (month != month_) {
    month_ = month;
    month_shares_ = 0;
  }
}

double Portfolio::FillCommission(double quantity, double price, double time) {
  if (conventions_.commission.kind != CommissionKind::kIbTiered) return Commission(conventions_.commission, quantity, price, 0);
  RollMonth(time);
  const double commission = Commission(conventions_.commission, quantity, price, month_shares_);
  month_shares_ += quantity;
  return commission;
}

double Portfolio::EquityAt(std::size_t j, double price) const {
  double equity = cash_;
  for (std::size_t k = 0; k < books_.size(); ++k) equity += books_[k].quantity * (k == j ? price : books_[k].mark);
  return equity;
}

}  // namespace quorum::exchange
