#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "../bar_columns.h"
#include "../metrics/metrics.h"
#include "conventions.h"

// The simulated exchange and the portfolio: one cash account, a position per instrument, the
// orders the strategy's signals place, and the trades they make. The rules are numbered in
// docs/design/strategy-program.md ("The exchange"); comments below cite them as (rule n).
namespace quorum::exchange {

// EXIT_REASONS order (src/shared/domain/backtest.ts).
enum class ExitReason : std::uint8_t { kSignal, kReverse, kStopLoss, kTakeProfit, kTrailingStop, kTime, kEnd };

enum class OrderKind : std::uint8_t { kMarket, kLimit, kStop };
enum class DistanceKind : std::uint8_t { kPrice, kPercent };
enum class Sizing : std::uint8_t { kFixed, kEquityPercent, kRiskPercent };

struct Trade {
  std::int32_t instrument;
  std::int8_t side;  // +1 long, −1 short
  double entry_time;
  double entry_price;  // volume-weighted over the entry fills
  double exit_time;
  double exit_price;  // volume-weighted over the exit fills
  double quantity;
  double pnl;  // net of commission
  double commission;
  double mae;  // worst open P&L over the trade, in currency (≤ 0)
  double mfe;  // best open P&L over the trade, in currency (≥ 0)
  std::int32_t bars_held;
  ExitReason reason;
};

// What the strategy's rules are, apart from the registers that carry their values.
struct RuleShape {
  OrderKind long_order = OrderKind::kMarket;
  OrderKind short_order = OrderKind::kMarket;
  DistanceKind stop_loss = DistanceKind::kPrice;
  DistanceKind take_profit = DistanceKind::kPrice;
  DistanceKind trailing_stop = DistanceKind::kPrice;
  Sizing sizing = Sizing::kEquityPercent;
};

// The rules' registers over the current chunk of one instrument: element i is bar i of the
// chunk. Null where the strategy has no such rule.
struct RuleColumns {
  const double* long_entry = nullptr;
  const double* long_exit = nullptr;
  const double* short_entry = nullptr;
  const double* short_exit = nullptr;
  const double* long_price = nullptr;
  const double* short_price = nullptr;
  const double* stop_loss = nullptr;
  const double* take_profit = nullptr;
  const double* trailing_stop = nullptr;
  const double* exit_after = nullptr;
  const double* size = nullptr;
};

// A value is true when it is neither 0 nor NaN.
inline bool Truth(double x) { return x != 0 && x == x; }
inline bool SignalAt(const double* column, std::size_t i) { return column != nullptr && Truth(column[i]); }

class Portfolio {
 public:
  // `trades` may be null (a sweep does not keep them).
  Portfolio(const Conventions& conventions, const RuleShape& rules, std::size_t instruments, metrics::Accumulator* metrics,
            std::vector<Trade>* trades);

  // Bar `bar` of instrument j, at index `index` of that instrument's bars, i of the chunk's
  // rule columns; `last` on the instrument's last bar (which closes any position out).
  inline void OnBar(std::size_t j, const Bar& bar, std::int64_t index, const RuleColumns& rules, std::size_t i, bool last) {
    Book& b = books_[j];
    // The common case, flat with nothing pending and no entry signal, does nothing but mark.
    if (b.quantity == 0 && !b.exit_pending && b.entry_side == 0 && !last && !SignalAt(rules.long_entry, i) &&
        !SignalAt(rules.short_entry, i)) {
      b.mark = bar.close;
      return;
    }
    OnActiveBar(j, bar, index, rules, i, last);
  }

  // Mark to market (rule 6): cash + Σ quantity × the last price of each instrument.
  inline double Equity() const {
    double equity = cash_;
    for (const Book& b : books_) equity += b.quantity * b.mark;
    return equity;
  }
  double Cash() const { return cash_; }
  bool Exposed() const { return open_positions_ > 0; }

 private:
  static constexpr double kInf = std::numeric_limits<double>::infinity();

  struct Book {
    double quantity = 0;  // signed
    double mark = 0;      // the last price seen: a fill or the close
    // The open trade.
    double average_entry = 0;
    double entry_time = 0;
    std::int64_t entry_index = 0;
    std::int64_t held_from = 0;  // the time exit counts closes after this bar index
    double entered = 0;
    double exit_value = 0;
    double exited = 0;
    double realized = 0;
    double commission = 0;
    double mae = 0;
    double mfe = 0;
    double stop_loss = 0;  // levels, ±infinity when the trade has none
    double take_profit = 0;
    double trailing_stop = 0;
    double trailing_distance = 0;
    double exit_after = kInf;
    // The pending exit: close the whole position with the next fill (market).
    bool exit_pending = false;
    ExitReason exit_reason = ExitReason::kSignal;
    // The pending entry: side 0 when none.
    int entry_side = 0;
    OrderKind entry_kind = OrderKind::kMarket;
    double entry_level = 0;
    double entry_quantity = 0;  // > 0: a volume-capped remainder of that many; 0: size at the fill
    double entry_amount = 0;    // the sizing register, read on the signal bar
    double entry_stop_loss = NAN;  // distances read on the signal bar (NaN: none)
    double entry_take_profit = NAN;
    double entry_trailing = NAN;
    double entry_exit_after = NAN;
  };

  // Where a fill happened on the bar's path (open → nearer extreme → other extreme → close).
  struct PathPoint {
    int segment;  // the fill lies on the segment from path[segment] to path[segment + 1]
    double price;
    bool at_open;
  };

  void OnActiveBar(std::size_t j, const Bar& bar, std::int64_t index, const RuleColumns& rules, std::size_t i, bool last);
  void ProtectiveExits(std::size_t j, const Bar& bar, std::int64_t index, const double* path, PathPoint start);
  void OnClose(std::size_t j, const Bar& bar, std::int64_t index, const RuleColumns& rules, std::size_t i, bool last);
  void RequestExit(std::size_t j, const Bar& bar, std::int64_t index, ExitReason reason);
  void PlaceEntry(std::size_t j, const Bar& bar, std::int64_t index, const RuleColumns& rules, std::size_t i, int side);
  // Fills (part of) the pending entry at `price` (before slippage); false if nothing filled.
  bool FillEntry(std::size_t j, const Bar& bar, std::int64_t index, double price, bool slipped, bool at_close);
  // Sells or buys back (part of) the position at `price` (before slippage).
  void FillExit(std::size_t j, const Bar& bar, std::int64_t index, double price, bool slipped, ExitReason reason, bool capped);
  double CappedQuantity(double quantity, const Bar& bar) const;
  double FillCommission(double quantity, double price, double time);
  // ib-tiered: starts the count of the month's shares afresh in a new UTC month.
  void RollMonth(double time);
  double EquityAt(std::size_t j, double price) const;
  void CancelEntry(Book& b) { b.entry_side = 0; }
  static int Direction(double quantity) { return quantity > 0 ? 1 : quantity < 0 ? -1 : 0; }
  // The side the instrument will be on once its pending orders fill.
  static int Planned(const Book& b) { return b.entry_side != 0 ? b.entry_side : b.exit_pending ? 0 : Direction(b.quantity); }

  Conventions conventions_;
  RuleShape rules_;
  metrics::Accumulator* metrics_;
  std::vector<Trade>* trades_;
  std::vector<Book> books_;
  double cash_;
  int open_positions_ = 0;
  // ib-tiered: the account's shares this UTC month.
  std::int64_t month_ = std::numeric_limits<std::int64_t>::min();
  double month_shares_ = 0;
};

}  // namespace quorum::exchange
