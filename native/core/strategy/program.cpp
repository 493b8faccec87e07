#include "program.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace quorum::strategy {
namespace {

// The shortest decimal that reads back as `value`, as JavaScript prints numbers.
std::string FormatNumber(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  char buffer[40];
  // Whole numbers in full (100000, not 1e+05), as JavaScript prints them below 1e21.
  if (value == std::floor(value) && std::fabs(value) < 1e21) {
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
    return buffer;
  }
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }
  return buffer;
}

const char* OpName(Op op) {
  static const char* const names[kOpCount] = {"Field", "Const", "Param", "Lag", "Add", "Sub", "Mul", "Div",
                                              "Neg",   "Lt",    "Le",    "Gt",  "Ge",  "Eq",  "Ne",  "And",
                                              "Or",    "Not",   "CrossOver", "CrossUnder", "Indicator", "Abs", "Min", "Max"};
  const auto index = static_cast<std::int32_t>(op);
  return index >= 0 && index < kOpCount ? names[index] : "?";
}

enum class Shape { kField, kConst, kParam, kLag, kUnary, kBinary, kCross, kIndicator };

Shape ShapeOf(Op op) {
  switch (op) {
    case Op::kField:
      return Shape::kField;
    case Op::kConst:
      return Shape::kConst;
    case Op::kParam:
      return Shape::kParam;
    case Op::kLag:
      return Shape::kLag;
    case Op::kNeg:
    case Op::kNot:
    case Op::kAbs:
      return Shape::kUnary;
    case Op::kCrossOver:
    case Op::kCrossUnder:
      return Shape::kCross;
    case Op::kIndicator:
      return Shape::kIndicator;
    default:
      return Shape::kBinary;
  }
}

class Validator {
 public:
  explicit Validator(const Program& program)
      : program_(program), written_(static_cast<std::size_t>(program.register_count > 0 ? program.register_count : 0), false) {}

  void Run() {
    const Program& p = program_;
    if (p.register_count < 0) Fail("registerCount must not be negative");
    if (p.register_lags.size() != static_cast<std::size_t>(p.register_count)) {
      Fail("registerLags has " + std::to_string(p.register_lags.size()) + " entries for " + std::to_string(p.register_count) +
           " registers");
    }
    for (std::size_t r = 0; r < p.register_lags.size(); ++r) {
      if (p.register_lags[r] < 0 || p.register_lags[r] > kMaxLag) {
        Fail("registerLags[" + std::to_string(r) + "] must be in 0–" + std::to_string(kMaxLag));
      }
    }
    std::vector<int> runs(p.indicators.size(), 0);
    std::vector<int> writes(written_.size(), 0);
    for (std::size_t k = 0; k < p.indicators.size(); ++k) CheckIndicator(k);
    for (std::size_t pc = 0; pc < p.code.size(); ++pc) {
      const Instruction& in = p.code[pc];
      const std::string where = "instruction " + std::to_string(pc) + " (" + OpName(in.op) + ")";
      const auto op = static_cast<std::int32_t>(in.op);
      if (op < 0 || op >= kOpCount) Fail("instruction " + std::to_string(pc) + " has unknown opcode " + std::to_string(op));
      const Shape shape = ShapeOf(in.op);
      switch (shape) {
        case Shape::kField:
          if (in.a < 0 || in.a >= kFieldCount) Fail(where + " reads bar field " + std::to_string(in.a) + ", not one of 0–5");
          break;
        case Shape::kConst:
          if (in.a < 0 || static_cast<std::size_t>(in.a) >= p.constants.size()) {
            Fail(where + " reads constant " + std::to_string(in.a) + " of " + std::to_string(p.constants.size()));
          }
          break;
        case Shape::kParam:
          if (in.a < 0 || static_cast<std::size_t>(in.a) >= p.param_names.size()) {
            Fail(where + " reads parameter " + std::to_string(in.a) + " of " + std::to_string(p.param_names.size()));
          }
          break;
        case Shape::kLag:
          Read(where, in.a);
          if (in.b < 1 || in.b > kMaxLag) Fail(where + " lags by " + std::to_string(in.b) + " bars; a lag is 1–" + std::to_string(kMaxLag));
          if (in.dst == in.a) Fail(where + " writes the register it lags");
          break;
        case Shape::kUnary:
          Read(where, in.a);
          break;
        case Shape::kBinary:
          Read(where, in.a);
          Read(where, in.b);
          break;
        case Shape::kCross:
          Read(where, in.a);
          Read(where, in.b);
          if (in.dst == in.a || in.dst == in.b) Fail(where + " writes one of the registers it compares");
          break;
        case Shape::kIndicator: {
          if (in.a < 0 || static_cast<std::size_t>(in.a) >= p.indicators.size()) {
            Fail(where + " runs indicator " + std::to_string(in.a) + " of " + std::to_string(p.indicators.size()));
          }
          const ProgramIndicator& indicator = p.indicators[static_cast<std::size_t>(in.a)];
          if (++runs[static_cast<std::size_t>(in.a)] > 1) Fail(where + " runs indicator " + std::to_string(in.a) + " a second time");
          for (const std::int32_t r : indicator.inputs) {
            if (r >= 0) Read(where + " input of " + indicator.name, r);
          }
          for (const std::int32_t r : indicator.outputs) {
            if (r < 0) continue;
            written_[static_cast<std::size_t>(r)] = true;
            ++writes[static_cast<std::size_t>(r)];
          }
          continue;
        }
      }
      CheckRegister(where + " destination", in.dst);
      written_[static_cast<std::size_t>(in.dst)] = true;
      ++writes[static_cast<std::size_t>(in.dst)];
    }
    // An indicator's output registers point into buffers shared between parameter sets.
    for (const ProgramIndicator& indicator : p.indicators) {
      for (const std::int32_t r : indicator.outputs) {
        if (r >= 0 && writes[static_cast<std::size_t>(r)] > 1) {
          Fail("register " + std::to_string(r) + ", an output of " + indicator.name + ", is written by another instruction too");
        }
      }
    }
    CheckRules();
  }

 private:
  [[noreturn]] void Fail(const std::string& message) const { throw ProgramError("invalid strategy program: " + message); }

  void CheckRegister(const std::string& where, std::int32_t r) const {
    if (r < 0 || r >= program_.register_count) {
      Fail(where + " is register " + std::to_string(r) + ", outside 0–" + std::to_string(program_.register_count - 1));
    }
  }

  void Read(const std::string& where, std::int32_t r) const {
    CheckRegister(where + " operand", r);
    if (!written_[static_cast<std::size_t>(r)]) Fail(where + " reads register " + std::to_string(r) + " before it is written");
  }

  void CheckIndicator(std::size_t k) const {
    const ProgramIndicator& indicator = program_.indicators[k];
    const std::string where = "indicator " + std::to_string(k) + " (" + indicator.name + ")";
    const ind::IndicatorInfo* info = ind::FindIndicator(indicator.name);
    if (info == nullptr) Fail(where + " is not in the indicator library");
    if (indicator.params.size() != info->params.size()) {
      Fail(where + " is given " + std::to_string(indicator.params.size()) + " parameters; " + info->name + " takes " +
           std::to_string(info->params.size()));
    }
    for (std::size_t i = 0; i < indicator.params.size(); ++i) {
      const ProgramValue& value = indicator.params[i];
      if (value.is_param && (value.param < 0 || static_cast<std::size_t>(value.param) >= program_.param_names.size())) {
        Fail(where + " parameter " + info->params[i].name + " reads strategy parameter " + std::to_string(value.param) + " of " +
             std::to_string(program_.param_names.size()));
      }
    }
    if (indicator.outputs.size() != info->outputs.size()) {
      Fail(where + " has " + std::to_string(indicator.outputs.size()) + " output registers; " + info->name + " writes " +
           std::to_string(info->outputs.size()));
    }
    for (const std::int32_t r : indicator.outputs) {
      if (r != -1) CheckRegister(where + " output", r);
    }
    for (const std::int32_t r : indicator.inputs) {
      if (r != -1) CheckRegister(where + " input", r);
    }
  }

  void CheckRuleRegister(const char* rule, std::int32_t r, bool required) const {
    if (r == -1 && !required) return;
    if (r == -1) Fail(std::string(rule) + " needs a register");
    CheckRegister(rule, r);
    if (!written_[static_cast<std::size_t>(r)]) Fail(std::string(rule) + " reads register " + std::to_string(r) + ", which no instruction writes");
  }

  void CheckRules() const {
    const ProgramRules& rules = program_.rules;
    CheckRuleRegister("rules.longEntry", rules.long_entry, false);
    CheckRuleRegister("rules.longExit", rules.long_exit, false);
    CheckRuleRegister("rules.shortEntry", rules.short_entry, false);
    CheckRuleRegister("rules.shortExit", rules.short_exit, false);
    CheckRuleRegister("rules.longOrder.price", rules.long_order.price, rules.long_order.type != OrderType::kMarket);
    CheckRuleRegister("rules.shortOrder.price", rules.short_order.price, rules.short_order.type != OrderType::kMarket);
    CheckRuleRegister("rules.stopLoss", rules.stop_loss.reg, false);
    CheckRuleRegister("rules.takeProfit", rules.take_profit.reg, false);
    CheckRuleRegister("rules.trailingStop", rules.trailing_stop.reg, false);
    CheckRuleRegister("rules.exitAfterBars", rules.exit_after_bars, false);
    CheckRuleRegister("rules.sizing", rules.sizing_register, true);
    if (rules.sizing_kind == SizingKind::kRiskPercent && rules.stop_loss.reg < 0) {
      Fail("risk-percent sizing needs a stop loss to measure the risk against");
    }
  }

  const Program& program_;
  std::vector<bool> written_;
};

bool IntegerKind(ind::ParamKind kind) { return kind == ind::ParamKind::kInteger || kind == ind::ParamKind::kMaType; }

}  // namespace

void ValidateProgram(const Program& program) { Validator(program).Run(); }

std::vector<std::int32_t> EffectiveLags(const Program& program) {
  std::vector<std::int32_t> lags = program.register_lags;
  lags.resize(static_cast<std::size_t>(program.register_count), 0);
  auto raise = [&lags](std::int32_t r, std::int32_t n) {
    if (r >= 0 && static_cast<std::size_t>(r) < lags.size() && lags[static_cast<std::size_t>(r)] < n) lags[static_cast<std::size_t>(r)] = n;
  };
  for (const Instruction& in : program.code) {
    if (in.op == Op::kLag) raise(in.a, in.b);
    if (in.op == Op::kCrossOver || in.op == Op::kCrossUnder) {
      raise(in.a, 1);
      raise(in.b, 1);
    }
  }
  return lags;
}

std::vector<ResolvedIndicator> ResolveIndicators(const Program& program, const double* params) {
  std::vector<ResolvedIndicator> resolved;
  resolved.reserve(program.indicators.size());
  for (std::size_t k = 0; k < program.indicators.size(); ++k) {
    const ProgramIndicator& indicator = program.indicators[k];
    const ind::IndicatorInfo* info = ind::FindIndicator(indicator.name);
    if (info == nullptr) throw ProgramError("indicator " + indicator.name + " is not in the indicator library");
    ind::Params values(info->params.size());
    for (std::size_t i = 0; i < info->params.size(); ++i) {
      const ProgramValue& given = indicator.params[i];
      const ind::ParamSpec& spec = info->params[i];
      const double value = given.is_param ? params[given.param] : given.constant;
      const std::string source =
          given.is_param ? " (from strategy parameter " + program.param_names[static_cast<std::size_t>(given.param)] + ")" : "";
      const std::string subject = info->name + " parameter " + spec.name;
      if (!std::isfinite(value)) throw ProgramError(subject + " must be a finite number, got " + FormatNumber(value) + source);
      if (IntegerKind(spec.kind) && value != std::floor(value)) {
        throw ProgramError(subject + " must be a whole number, got " + FormatNumber(value) + source);
      }
      if (value < spec.min || value > spec.max) {
        throw ProgramError(subject + " must be in " + FormatNumber(spec.min) + "–" + FormatNumber(spec.max) + ", got " +
                           FormatNumber(value) + source);
      }
      values[i] = value;
    }
    resolved.push_back({info, std::move(values)});
  }
  return resolved;
}

}  // namespace quorum::strategy
