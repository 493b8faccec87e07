#pragma once

#include <cstdint>

// The backtest conventions as the exchange reads them: the C++ mirror of the zod schema
// `Conventions` in src/shared/domain/backtest.ts (which holds the documentation of each field).
namespace quorum::exchange {

enum class FillMode { kNextOpen, kClose };
enum class OnOpposite { kReverse, kFlatten };
// A position still open on the instrument's last bar: closed at the last close, closed at the
// last bar's open, or left open and marked to market (not a trade).
enum class EndOfData { kClose, kCloseAtOpen, kMark };

enum class CommissionKind { kNone, kPerShare, kPerOrder, kPercent, kIbFixed, kIbTiered };
struct CommissionSpec {
  CommissionKind kind = CommissionKind::kNone;
  double per_share = 0;  // kPerShare: currency a share
  double minimum = 0;    // kPerShare: at least this an order
  double amount = 0;     // kPerOrder: currency an order
  double percent = 0;    // kPercent: % of the traded value
};

enum class SlippageKind { kNone, kTicks, kBps, kRangeFraction };
struct SlippageSpec {
  SlippageKind kind = SlippageKind::kNone;
  double ticks = 0;
  double tick_size = 0;
  double bps = 0;
  double fraction = 0;  // of the fill bar's high − low
};

struct Conventions {
  FillMode fill = FillMode::kNextOpen;
  OnOpposite on_opposite = OnOpposite::kReverse;
  EndOfData end_of_data = EndOfData::kClose;
  CommissionSpec commission;
  SlippageSpec slippage;
  double volume_cap = 0;  // share of a bar's volume one fill may take; 0: no cap
  bool allow_short = true;
  double starting_cash = 100000;
  bool fractional = false;
  int periods_per_year = 252;
  double risk_free_rate = 0;
};

}  // namespace quorum::exchange
