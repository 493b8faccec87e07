#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "../indicators/indicator.h"

// A compiled strategy as the VM runs it: the C++ mirror of src/main/native/strategy-program.ts.
// The semantics are docs/design/strategy-program.md; keep the three in step.
namespace quorum::strategy {

// Opcodes, numbered as the TypeScript `Op`. Each instruction is op, dst, a, b.
enum class Op : std::int32_t {
  kField = 0,
  kConst = 1,
  kParam = 2,
  kLag = 3,
  kAdd = 4,
  kSub = 5,
  kMul = 6,
  kDiv = 7,
  kNeg = 8,
  kLt = 9,
  kLe = 10,
  kGt = 11,
  kGe = 12,
  kEq = 13,
  kNe = 14,
  kAnd = 15,
  kOr = 16,
  kNot = 17,
  kCrossOver = 18,
  kCrossUnder = 19,
  kIndicator = 20,
  kAbs = 21,
  kMin = 22,
  kMax = 23,
};
constexpr std::int32_t kOpCount = 24;

// Bar fields in quorum::Bar order (FIELD_* in TypeScript).
constexpr int kFieldTime = 0;
constexpr int kFieldOpen = 1;
constexpr int kFieldHigh = 2;
constexpr int kFieldLow = 3;
constexpr int kFieldClose = 4;
constexpr int kFieldVolume = 5;
constexpr int kFieldCount = 6;

// The largest lag a register may keep (a register costs (lag + chunk) doubles per instrument).
constexpr std::int32_t kMaxLag = 1 << 20;

struct Instruction {
  Op op;
  std::int32_t dst;
  std::int32_t a;
  std::int32_t b;
};

// A constant, or the index of one of the run's parameters.
struct ProgramValue {
  bool is_param;
  double constant;
  std::int32_t param;
};

struct ProgramIndicator {
  std::string name;
  std::vector<ProgramValue> params;
  // Per bar field: -1 feeds the bar's own field, r ≥ 0 feeds register r in its place.
  std::array<std::int32_t, kFieldCount> inputs;
  // One register per output of the indicator, in the library's output order.
  std::vector<std::int32_t> outputs;
};

enum class OrderType { kMarket, kLimit, kStop };
struct ProgramOrder {
  OrderType type = OrderType::kMarket;
  std::int32_t price = -1;  // register of the limit or stop price; -1 for market
};

enum class DistanceUnit { kPrice, kPercent };
struct ProgramDistance {
  std::int32_t reg = -1;  // -1: the strategy has no such exit
  DistanceUnit unit = DistanceUnit::kPrice;
};

enum class SizingKind { kFixed, kEquityPercent, kRiskPercent };

struct ProgramRules {
  std::int32_t long_entry = -1;
  std::int32_t long_exit = -1;
  std::int32_t short_entry = -1;
  std::int32_t short_exit = -1;
  ProgramOrder long_order;
  ProgramOrder short_order;
  ProgramDistance stop_loss;
  ProgramDistance take_profit;
  ProgramDistance trailing_stop;
  std::int32_t exit_after_bars = -1;
  SizingKind sizing_kind = SizingKind::kEquityPercent;
  std::int32_t sizing_register = -1;
};

struct Program {
  std::vector<Instruction> code;
  std::vector<double> constants;
  std::int32_t register_count = 0;
  std::vector<std::int32_t> register_lags;
  std::vector<ProgramIndicator> indicators;
  ProgramRules rules;
  // The strategy's parameter names, in Program.params order (for error messages).
  std::vector<std::string> param_names;
};

// A program or parameter set the VM cannot run; the message names what is wrong and where.
class ProgramError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// Checks the program's structure: opcodes, register and constant indices, that every operand is
// written before it is read, indicator names, parameter and output counts, rule registers.
// Throws ProgramError. Does not look at parameter values (ResolveIndicators does).
void ValidateProgram(const Program& program);

// The register lags the VM keeps: registerLags raised to what the code actually reads (every
// `Lag r n`, and 1 for each operand of a cross), so a compiler's underestimate cannot read
// outside a register.
std::vector<std::int32_t> EffectiveLags(const Program& program);

struct ResolvedIndicator {
  const ind::IndicatorInfo* info;
  ind::Params params;
};

// The indicator instances of one parameter set, their parameters resolved and checked against
// the library's specs. Throws ProgramError naming the indicator, its parameter and, when the
// value came from one, the strategy parameter.
std::vector<ResolvedIndicator> ResolveIndicators(const Program& program, const double* params);

}  // namespace quorum::strategy
