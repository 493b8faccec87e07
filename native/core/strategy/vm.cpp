#include "vm.h"

#include <cmath>

namespace quorum::strategy {
namespace {

bool Reads(const ind::IndicatorInfo& info, std::size_t field) { return (info.inputs & (1u << field)) != 0; }

}  // namespace

IndicatorInstance::IndicatorInstance(const ResolvedIndicator& resolved, const std::array<std::int32_t, kFieldCount>& inputs)
    : stream_(resolved.info->make_stream(resolved.params)), inputs_(inputs), outputs_(resolved.info->outputs.size()), started_(true) {
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    if (inputs_[f] >= kFieldCount) started_ = false;
  }
}

void IndicatorInstance::Run(const ChunkFields& fields, const double* const* registers, std::size_t length, double* const* out) {
  const double* columns[kFieldCount];
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    const std::int32_t source = inputs_[f];
    columns[f] = source < 0 ? fields[f] : source < kFieldCount ? fields[static_cast<std::size_t>(source)] : registers[source - kFieldCount];
  }
  const ind::Columns view{columns[0], columns[1], columns[2], columns[3], columns[4], columns[5], length};
  std::size_t begin = 0;
  if (!started_) {
    for (; begin < length; ++begin) {
      bool numbers = true;
      for (std::size_t f = 0; f < kFieldCount; ++f) {
        if (inputs_[f] >= kFieldCount && std::isnan(columns[f][begin])) numbers = false;
      }
      if (numbers) break;
    }
    for (std::size_t k = 0; k < outputs_; ++k) {
      for (std::size_t i = 0; i < begin; ++i) out[k][i] = ind::kNaN;
    }
    if (begin == length) return;
    started_ = true;
  }
  stream_->UpdateChunk(view, begin, length, out);
}

bool IndicatorInstance::RunPaired(IndicatorInstance& other, const ChunkFields& fields, std::size_t length, double* const* out,
                                  double* const* other_out) {
  if (!started_ || !other.started_ || inputs_ != other.inputs_) return false;
  const double* columns[kFieldCount];
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    const std::int32_t source = inputs_[f];
    if (source >= kFieldCount) return false;
    columns[f] = source < 0 ? fields[f] : fields[static_cast<std::size_t>(source)];
  }
  const ind::Columns view{columns[0], columns[1], columns[2], columns[3], columns[4], columns[5], length};
  return stream_->UpdateChunkPaired(*other.stream_, view, 0, length, out, other_out);
}

std::array<std::int32_t, kFieldCount> IndicatorSources(const Program& program, std::size_t k) {
  std::array<std::int32_t, kFieldCount> sources{};
  const ProgramIndicator& indicator = program.indicators[k];
  const ind::IndicatorInfo* info = ind::FindIndicator(indicator.name);
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    const std::int32_t r = indicator.inputs[f];
    sources[f] = -1;
    // A register given for a field the indicator does not read is never read.
    if (r < 0 || info == nullptr || !Reads(*info, f)) continue;
    // A register that only ever holds a copy of a bar field (`sma(high, 20)`) is that field.
    int writes = 0;
    std::int32_t field = -1;
    for (const Instruction& in : program.code) {
      if (in.op == Op::kIndicator) {
        for (const std::int32_t out : program.indicators[static_cast<std::size_t>(in.a)].outputs) writes += out == r ? 1 : 0;
      } else if (in.dst == r) {
        ++writes;
        field = in.op == Op::kField ? in.a : -1;
      }
    }
    sources[f] = writes == 1 && field >= 0 ? field : r + kFieldCount;
  }
  return sources;
}

bool Shareable(const std::array<std::int32_t, kFieldCount>& sources) {
  for (const std::int32_t source : sources) {
    if (source >= kFieldCount) return false;
  }
  return true;
}

}  // namespace quorum::strategy
