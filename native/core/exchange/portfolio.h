#pragma once

#include <algorithm>
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
  double entry_price;  // the fill price; volume-weighted when the entry took several fills
  double exit_time;
  double exit_price;  // the fill price; volume-weighted when the exit took several fills
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
// chunk. Null where the strategy has no such rule, except for QuietBars' sake the four signals,
// which then read `zeros`, a column of zeros as long as the chunk.
struct RuleColumns {
  const double* zeros = nullptr;
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

// One bar of an instrument's columns, read field by field as the exchange needs them: a bar
// that only places an order never touches the columns it does not need (they are often cold).
class BarRef {
 public:
  BarRef(const BarColumnsView& bars, std::size_t index) : bars_(&bars), index_(index) {}
  double time() const { return bars_->time[index_]; }
  double open() const { return bars_->open[index_]; }
  double high() const { return bars_->high[index_]; }
  double low() const { return bars_->low[index_]; }
  double close() const { return bars_->close[index_]; }
  double volume() const { return bars_->volume[index_]; }

 private:
  const BarColumnsView* bars_;
  std::size_t index_;
};

// Asks for the cache line two lines past `at` (a hint; free when cached).
inline void PrefetchAhead(const double* at) {
#if defined(__GNUC__)
  __builtin_prefetch(at + 16);
#else
  (void)at;
#endif
}

// Asks for the fields of bar `index`, ahead of reading them (a hint; free when cached).
inline void PrefetchBar(const BarColumnsView& bars, std::size_t index) {
#if defined(__GNUC__)
  if (index >= bars.length) return;
  __builtin_prefetch(bars.time + index);
  __builtin_prefetch(bars.open + index);
  __builtin_prefetch(bars.high + index);
  __builtin_prefetch(bars.low + index);
  __builtin_prefetch(bars.volume + index);
#else
  (void)bars;
  (void)index;
#endif
}

// A value is true when it is neither 0 nor NaN (one comparison: |NaN| > 0 is false).
inline bool Truth(double x) { return std::fabs(x) > 0.0; }
inline bool SignalAt(const double* column, std::size_t i) { return column != nullptr && Truth(column[i]); }

class Portfolio {
 public:
  // `trades` may be null (a sweep does not keep them); `bars`, all the instruments' bars, sizes its reserve.
  Portfolio(const Conventions& conventions, const RuleShape& rules, std::size_t instruments, metrics::TradeAccumulator* metrics,
            std::vector<Trade>* trades, std::size_t bars = 0);

  // Bar `bar` of instrument j, at index `index` of that instrument's bars, i of the chunk's
  // rule columns; `last` on the instrument's last bar (which closes any position out).
  inline void OnBar(std::size_t j, const BarRef& bar, std::int64_t index, const RuleColumns& rules, std::size_t i, bool last) {
    Book& b = books_[j];
    // The common bars, inlined: nothing pending and no signal that acts.
    if (!b.exit_pending && b.entry_side == 0 && !last) {
      const bool short_entry = conventions_.allow_short && SignalAt(rules.short_entry, i);
      if (b.quantity == 0) {
        if (!SignalAt(rules.long_entry, i) && !short_entry) {
          b.mark = bar.close();
          return;
        }
      } else if (!b.guarded) {
        // Held without stop or target, the bar only moves the trade's worst and best (from the
        // open, the whole bar: OnActiveBar would find the same low and high).
        const bool long_side = b.quantity > 0;
        const double quantity = long_side ? b.quantity : -b.quantity;
        const double side = long_side ? 1.0 : -1.0;
        b.mae = std::min(b.mae, side * quantity * ((long_side ? bar.low() : bar.high()) - b.average_entry));
        b.mfe = std::max(b.mfe, side * quantity * ((long_side ? bar.high() : bar.low()) - b.average_entry));
        const bool acts = SignalAt(long_side ? rules.long_exit : rules.short_exit, i) ||
                          (long_side ? short_entry : SignalAt(rules.long_entry, i)) ||
                          static_cast<double>(index - b.held_from) >= b.exit_after;
        if (!acts) {
          b.mark = bar.close();
          return;
        }
      }
    }
    OnActiveBar(j, bar, index, rules, i, last);
  }

  // The hot loop of a one-instrument backtest: runs bars [g, end) of instrument 0 for as long as
  // they are quiet, i.e. OnBar would only mark them: nothing pending, no stop or target to watch,
  // no signal that acts, not the last bar. Writes each bar's equity to equity[bar − first_row]
  // and returns the first bar that is not quiet (`end` if none was); over the quiet bars the cash
  // and the exposure do not change (Cash(), Exposed() after the call are theirs). The state
  // lives in locals for the loop; the results are OnBar's, bit for bit.
  inline std::size_t QuietBars(const BarColumnsView& bars, std::size_t g, std::size_t end, std::size_t chunk_begin,
                               const RuleColumns& rules, double* equity, std::size_t first_row) {
    Book& b = books_[0];
    if (b.exit_pending || b.entry_side != 0 || (b.quantity != 0 && b.guarded)) return g;
    if (end > bars.length - 1) end = bars.length - 1;  // the last bar closes out
    const std::size_t first = g;
    const double cash = cash_;
    const double quantity = b.quantity;
    const double* const close = bars.close;
    const double* const short_entry = conventions_.allow_short ? rules.short_entry : rules.zeros;
    if (quantity == 0) {
      const double* const long_entry = rules.long_entry;
      // A long-only strategy has one signal to watch: the loop is specialised for it.
      const bool both = short_entry != rules.zeros;
      for (; g < end; ++g) {
        // The loop reads neither the time, the open nor the extremes, which the bar ending the
        // stretch (an entry and its fill) will: keep them streaming into the cache, a line at a time.
        if ((g & 7) == 0) {
          PrefetchAhead(bars.time + g);
          PrefetchAhead(bars.open + g);
          PrefetchAhead(bars.high + g);
          PrefetchAhead(bars.low + g);
        }
        const std::size_t i = g - chunk_begin;
        if (Truth(long_entry[i]) || (both && Truth(short_entry[i]))) break;
        equity[g - first_row] = cash + quantity * close[g];
      }
    } else {
      const bool long_side = quantity > 0;
      const double side = long_side ? 1.0 : -1.0;
      const double size = long_side ? quantity : -quantity;
      const double entry = b.average_entry;
      // The time exit acts on the close of the first bar held exit_after bars: no quiet bar from there.
      const double exit_bar = static_cast<double>(b.held_from) + std::ceil(b.exit_after);
      if (exit_bar < static_cast<double>(end)) end = exit_bar > static_cast<double>(g) ? static_cast<std::size_t>(exit_bar) : g;
      const double* const worst = long_side ? bars.low : bars.high;
      const double* const best = long_side ? bars.high : bars.low;
      const double* const exit = long_side ? rules.long_exit : rules.short_exit;
      const double* const opposite = long_side ? short_entry : rules.long_entry;
      const bool watch_opposite = opposite != rules.zeros;
      double mae = b.mae;
      double mfe = b.mfe;
      for (; g < end; ++g) {
        if ((g & 7) == 0) {
          PrefetchAhead(bars.time + g);
          PrefetchAhead(bars.open + g);
        }
        // Held from the open without stop or target, the bar only moves the trade's worst and best.
        mae = std::min(mae, side * size * (worst[g] - entry));
        mfe = std::max(mfe, side * size * (best[g] - entry));
        const std::size_t i = g - chunk_begin;
        if (Truth(exit[i]) || (watch_opposite && Truth(opposite[i]))) break;
        equity[g - first_row] = cash + quantity * close[g];
      }
      b.mae = mae;
      b.mfe = mfe;
    }
    if (g > first) b.mark = close[g - 1];
    return g;
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
    bool guarded = false;  // the trade has a stop loss, a take profit or a trailing stop
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

  void OnActiveBar(std::size_t j, const BarRef& bar, std::int64_t index, const RuleColumns& rules, std::size_t i, bool last);
  void ProtectiveExits(std::size_t j, const BarRef& bar, std::int64_t index, const double* path, PathPoint start);
  void OnClose(std::size_t j, const BarRef& bar, std::int64_t index, const RuleColumns& rules, std::size_t i, bool last);
  void RequestExit(std::size_t j, const BarRef& bar, std::int64_t index, ExitReason reason);
  void PlaceEntry(std::size_t j, const BarRef& bar, std::int64_t index, const RuleColumns& rules, std::size_t i, int side);
  // Fills (part of) the pending entry at `price` (before slippage); false if nothing filled.
  bool FillEntry(std::size_t j, const BarRef& bar, std::int64_t index, double price, bool slipped, bool at_close);
  // Sells or buys back (part of) the position at `price` (before slippage).
  void FillExit(std::size_t j, const BarRef& bar, std::int64_t index, double price, bool slipped, ExitReason reason, bool capped);
  double CappedQuantity(double quantity, const BarRef& bar) const;
  // The exit price of a trade whose last exit fill was `last_filled` at `last_price`.
  static double ExitPrice(const Book& b, double last_price, double last_filled);
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
  metrics::TradeAccumulator* metrics_;
  std::vector<Trade>* trades_;
  std::vector<Book> books_;
  double cash_;
  int open_positions_ = 0;
  // ib-tiered: the account's shares this UTC month.
  std::int64_t month_ = std::numeric_limits<std::int64_t>::min();
  double month_shares_ = 0;
};

}  // namespace quorum::exchange
