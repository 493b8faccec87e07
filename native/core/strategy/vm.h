#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <memory>
#include <vector>

#include "../indicators/indicator.h"
#include "program.h"

// The register machine: one instruction at a time over a chunk of bars (docs/design/strategy-program.md,
// "Registers and chunks"). A register is a pointer to the chunk's values, with the register's lag
// history in the `lag` doubles before it.
namespace quorum::strategy {

// The bar columns of one instrument from the chunk's first bar: field f, bar i is fields[f][i].
using ChunkFields = std::array<const double*, kFieldCount>;

// One indicator instance as the VM runs it: the library class behind its chunk entry point.
// `inputs[f]` names the source of field f: -1 the bar field f itself, 0..5 the bar field of that
// number (an input register the VM found to be a plain copy of a field), r + kFieldCount register r.
class IndicatorInstance {
 public:
  IndicatorInstance(const ResolvedIndicator& resolved, const std::array<std::int32_t, kFieldCount>& inputs);

  // Runs the instance over `length` bars and writes output k to out[k][0..length). An instance
  // fed from registers starts at the first bar where every register it reads is a number, so a
  // series in its warm-up (NaN) does not poison a running sum for good; before that it writes NaN.
  void Run(const ChunkFields& fields, const double* const* registers, std::size_t length, double* const* out);
  // Run for this instance and `other`, both fed from bar fields only and the same ones, in one
  // loop (Stream::UpdateChunkPaired); false, having run neither, when they cannot be paired.
  bool RunPaired(IndicatorInstance& other, const ChunkFields& fields, std::size_t length, double* const* out, double* const* other_out);

  std::size_t Outputs() const { return outputs_; }

 private:
  std::unique_ptr<ind::Stream> stream_;
  std::array<std::int32_t, kFieldCount> inputs_;
  std::size_t outputs_;
  bool started_;
};

// Source of field f of program indicator k after resolving Field copies: see IndicatorInstance.
std::array<std::int32_t, kFieldCount> IndicatorSources(const Program& program, std::size_t k);

// Whether every input of program indicator k is a bar field, so one instance can serve every
// parameter set that resolves it to the same parameters.
bool Shareable(const std::array<std::int32_t, kFieldCount>& sources);


namespace detail {

// Neither 0 nor NaN (one comparison: |NaN| > 0 is false).
inline bool Truth(double x) { return std::fabs(x) > 0.0; }

template <class F>
inline void Unary(const Instruction& in, double* const* registers, std::ptrdiff_t n, F f) {
  const double* a = registers[in.a];
  double* d = registers[in.dst];
  for (std::ptrdiff_t i = 0; i < n; ++i) d[i] = f(a[i]);
}

template <class F>
inline void Binary(const Instruction& in, double* const* registers, std::ptrdiff_t n, F f) {
  const double* a = registers[in.a];
  const double* b = registers[in.b];
  double* d = registers[in.dst];
  for (std::ptrdiff_t i = 0; i < n; ++i) d[i] = f(a[i], b[i]);
}

// f(a now, b now, a before, b before): reads one bar of each register's history.
template <class F>
inline void Cross(const Instruction& in, double* const* registers, std::ptrdiff_t n, F f) {
  const double* a = registers[in.a];
  const double* b = registers[in.b];
  double* d = registers[in.dst];
  for (std::ptrdiff_t i = 0; i < n; ++i) d[i] = f(a[i], b[i], a[i - 1], b[i - 1]);
}

inline void Fill(double* d, std::ptrdiff_t n, double v) {
  for (std::ptrdiff_t i = 0; i < n; ++i) d[i] = v;
}

}  // namespace detail

// Runs `program` over one chunk of `length` bars. registers[r] points at register r's chunk
// values (with its history before it); `run_indicator(k)` is called for each Indicator op.
// `code` is the program's code or a part of it (Engine leaves out the fills that are already in
// place from the first chunk).
template <class RunIndicator>
void ExecuteChunk(const Program& program, const std::vector<Instruction>& code, const double* params, const ChunkFields& fields,
                  double* const* registers, std::size_t length, RunIndicator&& run_indicator) {
  using detail::Truth;
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  const std::ptrdiff_t n = static_cast<std::ptrdiff_t>(length);
  for (const Instruction& in : code) {
    switch (in.op) {
      case Op::kField: {
        const double* f = fields[static_cast<std::size_t>(in.a)];
        double* d = registers[in.dst];
        for (std::ptrdiff_t i = 0; i < n; ++i) d[i] = f[i];
        break;
      }
      case Op::kConst:
        detail::Fill(registers[in.dst], n, program.constants[static_cast<std::size_t>(in.a)]);
        break;
      case Op::kParam:
        detail::Fill(registers[in.dst], n, params[in.a]);
        break;
      case Op::kLag: {
        const std::ptrdiff_t lag = in.b;
        const double* a = registers[in.a];
        double* d = registers[in.dst];
        for (std::ptrdiff_t i = 0; i < n; ++i) d[i] = a[i - lag];
        break;
      }
      case Op::kAdd:
        detail::Binary(in, registers, n, [](double a, double b) { return a + b; });
        break;
      case Op::kSub:
        detail::Binary(in, registers, n, [](double a, double b) { return a - b; });
        break;
      case Op::kMul:
        detail::Binary(in, registers, n, [](double a, double b) { return a * b; });
        break;
      case Op::kDiv:
        detail::Binary(in, registers, n, [kNaN](double a, double b) { return b == 0 ? kNaN : a / b; });
        break;
      case Op::kNeg:
        detail::Unary(in, registers, n, [](double a) { return -a; });
        break;
      // A comparison with NaN is false in C++ (0), except != which needs the explicit test.
      case Op::kLt:
        detail::Binary(in, registers, n, [](double a, double b) { return a < b ? 1.0 : 0.0; });
        break;
      case Op::kLe:
        detail::Binary(in, registers, n, [](double a, double b) { return a <= b ? 1.0 : 0.0; });
        break;
      case Op::kGt:
        detail::Binary(in, registers, n, [](double a, double b) { return a > b ? 1.0 : 0.0; });
        break;
      case Op::kGe:
        detail::Binary(in, registers, n, [](double a, double b) { return a >= b ? 1.0 : 0.0; });
        break;
      case Op::kEq:
        detail::Binary(in, registers, n, [](double a, double b) { return a == b ? 1.0 : 0.0; });
        break;
      case Op::kNe:
        detail::Binary(in, registers, n, [](double a, double b) { return a == a && b == b && a != b ? 1.0 : 0.0; });
        break;
      case Op::kAnd:
        detail::Binary(in, registers, n, [](double a, double b) { return Truth(a) && Truth(b) ? 1.0 : 0.0; });
        break;
      case Op::kOr:
        detail::Binary(in, registers, n, [](double a, double b) { return Truth(a) || Truth(b) ? 1.0 : 0.0; });
        break;
      case Op::kNot:
        detail::Unary(in, registers, n, [](double a) { return Truth(a) ? 0.0 : 1.0; });
        break;
      case Op::kCrossOver:
        detail::Cross(in, registers, n, [](double a, double b, double a1, double b1) { return a > b && a1 <= b1 ? 1.0 : 0.0; });
        break;
      case Op::kCrossUnder:
        detail::Cross(in, registers, n, [](double a, double b, double a1, double b1) { return a < b && a1 >= b1 ? 1.0 : 0.0; });
        break;
      case Op::kIndicator:
        run_indicator(static_cast<std::size_t>(in.a));
        break;
      case Op::kAbs:
        detail::Unary(in, registers, n, [](double a) { return std::fabs(a); });
        break;
      // NaN when either side is NaN, whichever side it is on.
      case Op::kMin:
        detail::Binary(in, registers, n, [kNaN](double a, double b) { return a != a || b != b ? kNaN : a < b ? a : b; });
        break;
      case Op::kMax:
        detail::Binary(in, registers, n, [kNaN](double a, double b) { return a != a || b != b ? kNaN : a > b ? a : b; });
        break;
    }
  }
}

}  // namespace quorum::strategy
