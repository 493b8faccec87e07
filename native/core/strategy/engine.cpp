#include "engine.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <tuple>

#include "vm.h"

namespace quorum::strategy {
namespace {

using exchange::BarRef;
using exchange::Portfolio;
using exchange::PrefetchBar;
using exchange::RuleColumns;

// One program indicator's identity across parameter sets: the same library class with the same
// parameters on the same bar fields computes the same series.
using InstanceKey = std::tuple<std::string, ind::Params, std::array<std::int32_t, kFieldCount>>;

// Where an output register of a shareable indicator lives: output `output` of program indicator `indicator`.
struct Alias {
  std::int32_t reg;
  std::size_t indicator;
  std::size_t output;
};

struct LaggedRegister {
  std::int32_t reg;
  std::size_t lag;
  std::size_t offset;  // in a set's history of the lane
};

class Engine {
 public:
  Engine(const BacktestInput& input, const Timeline& timeline, const double* param_sets, std::size_t count,
         const std::vector<SetResult>& results);
  bool Run(Progress progress, void* context);

 private:
  struct SharedSpec {
    ResolvedIndicator resolved;
    std::array<std::int32_t, kFieldCount> sources;
    std::vector<std::size_t> history;  // per output: the largest lag any register reading it needs
  };
  struct SharedInstance {
    std::unique_ptr<IndicatorInstance> instance;
    std::vector<std::vector<double>> buffers;  // per output: [history | chunk]
    std::vector<double*> out;                  // per output: the chunk's first value
    std::vector<std::size_t> history;
  };
  // One instrument on this thread.
  struct Lane {
    BarColumnsView bars{};
    std::vector<SharedInstance> shared;
    std::vector<double> scratch;       // the registers no shared instance provides
    std::vector<double*> base;         // per register: where its history starts in scratch
    std::vector<double*> registers;    // per register: the current set's chunk values
    std::vector<double> discard;       // for outputs the program does not keep
    std::vector<double> zeros;         // the signal of a rule the strategy does not have
    std::size_t begin = 0;             // the chunk's bars: [begin, end)
    std::size_t end = 0;
    bool filled = false;               // the VM has run a chunk of this lane: the steady fills are in place
    ChunkFields fields{};
    RuleColumns rules;
  };
  struct SetState {
    const double* params = nullptr;
    std::vector<int> shared_ids;  // per program indicator: its shared instance, or -1
    std::vector<std::vector<std::unique_ptr<IndicatorInstance>>> owned;  // per lane, per program indicator
    std::vector<std::vector<double>> histories;                           // per lane: the lagged registers' tails
    std::unique_ptr<metrics::CurveAccumulator> curve;
    metrics::TradeAccumulator trades;
    std::unique_ptr<Portfolio> portfolio;
    SetResult result;
  };

  // Where the walk writes a chunk's curve, from its first active step: the run's columns, or the
  // engine's scratch when the run keeps none (a sweep). `cash` is null when not kept.
  struct CurveRows {
    double* equity;
    std::uint8_t* exposed;
    double* cash;
  };

  void RunVm(SetState& set, Lane& lane, std::size_t lane_index);
  void Walk(SetState& set, std::size_t first_step, std::size_t end_step);
  void WalkOneInstrument(SetState& set);
  template <bool kCash>
  void WalkQuietAndBusy(SetState& set, std::size_t begin, const CurveRows& rows);
  CurveRows RowsOf(const SetState& set, std::size_t row);
  // The chunk's curve, steps [row, row + n) of the run, into the metrics, the drawdown column and the time column.
  void FinishRows(SetState& set, std::size_t row, const double* time, std::size_t n, const CurveRows& rows);
  void CopyRegisters(const SetState& set, const Lane& lane);

  const BacktestInput& input_;
  const Program& program_;
  const Timeline& timeline_;
  std::vector<std::int32_t> lags_;
  std::vector<std::array<std::int32_t, kFieldCount>> sources_;
  std::vector<bool> shareable_;
  std::vector<Alias> aliases_;
  std::vector<bool> aliased_;
  std::vector<LaggedRegister> lagged_;
  std::size_t history_size_ = 0;
  std::vector<SharedSpec> shared_specs_;
  std::vector<int> shared_partners_;
  std::vector<Instruction> steady_code_;  // the code for chunks after the first: without the fills that stay in place  // per shared instance: the one it runs paired with (same class and inputs), or -1
  std::vector<Lane> lanes_;
  std::vector<SetState> sets_;
  std::vector<std::size_t> cursors_;
  std::vector<double> curve_equity_;  // a chunk of a set's curve, for the sets that keep no columns
  std::vector<std::uint8_t> curve_exposed_;
};

Engine::Engine(const BacktestInput& input, const Timeline& timeline, const double* param_sets, std::size_t count,
               const std::vector<SetResult>& results)
    : input_(input), program_(*input.program), timeline_(timeline), lags_(EffectiveLags(*input.program)) {
  const Program& p = program_;
  const std::size_t registers = static_cast<std::size_t>(p.register_count);
  const std::size_t chunk = input.chunk_size;
  const std::size_t param_count = p.param_names.size();
  const std::size_t indicators = p.indicators.size();

  aliased_.assign(registers, false);
  for (std::size_t k = 0; k < indicators; ++k) {
    sources_.push_back(IndicatorSources(p, k));
    shareable_.push_back(Shareable(sources_.back()));
    if (!shareable_.back()) continue;
    const auto& outputs = p.indicators[k].outputs;
    for (std::size_t o = 0; o < outputs.size(); ++o) {
      if (outputs[o] < 0) continue;
      aliases_.push_back({outputs[o], k, o});
      aliased_[static_cast<std::size_t>(outputs[o])] = true;
    }
  }
  for (std::size_t r = 0; r < registers; ++r) {
    if (aliased_[r] || lags_[r] == 0) continue;
    lagged_.push_back({static_cast<std::int32_t>(r), static_cast<std::size_t>(lags_[r]), history_size_});
    history_size_ += static_cast<std::size_t>(lags_[r]);
  }

  // The distinct shareable instances over all the sets, each with the history its readers need.
  std::map<InstanceKey, int> ids;
  sets_.resize(count);
  for (std::size_t s = 0; s < count; ++s) {
    SetState& set = sets_[s];
    set.params = param_sets + s * param_count;
    set.result = results[s];
    std::vector<ResolvedIndicator> resolved = ResolveIndicators(p, set.params);
    set.shared_ids.assign(indicators, -1);
    set.owned.resize(input.instruments.size());
    for (std::size_t k = 0; k < indicators; ++k) {
      if (!shareable_[k]) {
        for (auto& lane_owned : set.owned) {
          lane_owned.resize(indicators);
          lane_owned[k] = std::make_unique<IndicatorInstance>(resolved[k], sources_[k]);
        }
        continue;
      }
      InstanceKey key{resolved[k].info->name, resolved[k].params, sources_[k]};
      auto [it, inserted] = ids.emplace(std::move(key), static_cast<int>(shared_specs_.size()));
      if (inserted) shared_specs_.push_back({resolved[k], sources_[k], std::vector<std::size_t>(resolved[k].info->outputs.size(), 0)});
      set.shared_ids[k] = it->second;
      SharedSpec& spec = shared_specs_[static_cast<std::size_t>(it->second)];
      const auto& outputs = p.indicators[k].outputs;
      for (std::size_t o = 0; o < outputs.size(); ++o) {
        if (outputs[o] >= 0) spec.history[o] = std::max(spec.history[o], static_cast<std::size_t>(lags_[static_cast<std::size_t>(outputs[o])]));
      }
    }
    set.histories.assign(input.instruments.size(), std::vector<double>(history_size_, ind::kNaN));
    metrics::MetricsConfig config{input.conventions.starting_cash, input.conventions.periods_per_year,
                                  input.conventions.risk_free_rate, timeline.ActiveSteps(), input.blocks};
    set.curve = std::make_unique<metrics::CurveAccumulator>(config, set.result.block_returns);
    std::size_t bars = 0;
    for (const BarColumnsView& instrument : input.instruments) bars += instrument.length;
    set.portfolio = std::make_unique<Portfolio>(input.conventions, RuleShapeOf(p), input.instruments.size(), &set.trades,
                                                set.result.trades, bars);
  }

  // A Const, or a Param when this engine runs one parameter set, whose register no other
  // instruction writes fills it with the same values in every chunk: only the first chunk runs it.
  {
    std::vector<int> writes(registers, 0);
    for (const Instruction& in : p.code) {
      if (in.op == Op::kIndicator) {
        for (const std::int32_t out : p.indicators[static_cast<std::size_t>(in.a)].outputs) {
          if (out >= 0) ++writes[static_cast<std::size_t>(out)];
        }
      } else {
        ++writes[static_cast<std::size_t>(in.dst)];
      }
    }
    for (const Instruction& in : p.code) {
      const bool fill = in.op == Op::kConst || (in.op == Op::kParam && count == 1);
      if (fill && !aliased_[static_cast<std::size_t>(in.dst)] && writes[static_cast<std::size_t>(in.dst)] == 1) continue;
      steady_code_.push_back(in);
    }
  }

  // Pair the shared instances of one class on the same bar fields, in order of appearance.
  shared_partners_.assign(shared_specs_.size(), -1);
  for (std::size_t a = 0; a < shared_specs_.size(); ++a) {
    if (shared_partners_[a] >= 0) continue;
    for (std::size_t b = a + 1; b < shared_specs_.size(); ++b) {
      if (shared_partners_[b] < 0 && shared_specs_[b].resolved.info == shared_specs_[a].resolved.info &&
          shared_specs_[b].sources == shared_specs_[a].sources) {
        shared_partners_[a] = static_cast<int>(b);
        shared_partners_[b] = static_cast<int>(a);
        break;
      }
    }
  }

  lanes_.resize(input.instruments.size());
  for (std::size_t j = 0; j < lanes_.size(); ++j) {
    Lane& lane = lanes_[j];
    lane.bars = input.instruments[j];
    std::size_t size = 0;
    for (std::size_t r = 0; r < registers; ++r) size += aliased_[r] ? 0 : static_cast<std::size_t>(lags_[r]) + chunk;
    lane.scratch.assign(size, ind::kNaN);
    lane.base.assign(registers, nullptr);
    lane.registers.assign(registers, nullptr);
    std::size_t offset = 0;
    for (std::size_t r = 0; r < registers; ++r) {
      if (aliased_[r]) continue;
      lane.base[r] = lane.scratch.data() + offset;
      lane.registers[r] = lane.base[r] + lags_[r];
      offset += static_cast<std::size_t>(lags_[r]) + chunk;
    }
    lane.discard.assign(chunk, 0.0);
    lane.zeros.assign(chunk, 0.0);
    for (const SharedSpec& spec : shared_specs_) {
      SharedInstance shared;
      shared.instance = std::make_unique<IndicatorInstance>(spec.resolved, spec.sources);
      shared.history = spec.history;
      for (std::size_t o = 0; o < spec.history.size(); ++o) shared.buffers.emplace_back(spec.history[o] + chunk, ind::kNaN);
      for (std::size_t o = 0; o < spec.history.size(); ++o) shared.out.push_back(shared.buffers[o].data() + spec.history[o]);
      lane.shared.push_back(std::move(shared));
    }
  }
  cursors_.assign(lanes_.size(), 0);
  curve_equity_.assign(chunk, 0.0);
  curve_exposed_.assign(chunk, 0);
}

bool Engine::Run(Progress progress, void* context) {
  const std::size_t steps = timeline_.Steps();
  const std::size_t chunk = input_.chunk_size;
  std::vector<std::size_t> next(lanes_.size(), 0);
  for (std::size_t first = 0; first < steps; first += chunk) {
    if (progress != nullptr && !progress(context, first)) return false;
    const std::size_t end_step = std::min(steps, first + chunk);
    const double last_time = timeline_.Time(end_step - 1);
    for (std::size_t j = 0; j < lanes_.size(); ++j) {
      Lane& lane = lanes_[j];
      lane.begin = next[j];
      // One instrument's bars are the timeline's steps; several need their times compared.
      std::size_t end = lanes_.size() == 1 ? end_step : lane.begin;
      while (end < lane.bars.length && lane.bars.time[end] <= last_time) ++end;
      lane.end = next[j] = end;
      const std::size_t b = lane.begin;
      lane.fields = {lane.bars.time + b, lane.bars.open + b, lane.bars.high + b, lane.bars.low + b, lane.bars.close + b, lane.bars.volume + b};
      if (end == b) continue;
      // Two instances of one class (a fast and a slow average) run side by side in one loop.
      for (std::size_t k = 0; k < lane.shared.size(); ++k) {
        SharedInstance& shared = lane.shared[k];
        const int partner = shared_partners_[k];
        if (partner > static_cast<int>(k)) {
          SharedInstance& other = lane.shared[static_cast<std::size_t>(partner)];
          if (shared.instance->RunPaired(*other.instance, lane.fields, end - b, shared.out.data(), other.out.data())) continue;
          other.instance->Run(lane.fields, nullptr, end - b, other.out.data());
        } else if (partner >= 0) {
          continue;  // run with its partner
        }
        shared.instance->Run(lane.fields, nullptr, end - b, shared.out.data());
      }
    }
    for (SetState& set : sets_) {
      for (std::size_t j = 0; j < lanes_.size(); ++j) {
        if (lanes_[j].end > lanes_[j].begin) RunVm(set, lanes_[j], j);
      }
      if (set.result.registers != nullptr) CopyRegisters(set, lanes_[0]);
      if (lanes_.size() == 1) {
        WalkOneInstrument(set);
      } else {
        Walk(set, first, end_step);
      }
    }
    // The shared series keep their last values in front of the next chunk.
    for (Lane& lane : lanes_) {
      const std::size_t length = lane.end - lane.begin;
      if (length == 0) continue;
      for (SharedInstance& shared : lane.shared) {
        for (std::size_t o = 0; o < shared.buffers.size(); ++o) {
          if (shared.history[o] > 0) std::memmove(shared.buffers[o].data(), shared.buffers[o].data() + length, shared.history[o] * sizeof(double));
        }
      }
    }
  }
  for (SetState& set : sets_) {
    const metrics::Stats stats = set.curve->Finish(set.trades);
    if (set.result.stats != nullptr) std::copy(stats.begin(), stats.end(), set.result.stats);
    if (set.result.traded_value != nullptr) *set.result.traded_value = set.trades.TradedValue();
  }
  return true;
}

void Engine::RunVm(SetState& set, Lane& lane, std::size_t lane_index) {
  const std::size_t length = lane.end - lane.begin;
  double* const* registers = lane.registers.data();
  for (const Alias& alias : aliases_) {
    lane.registers[static_cast<std::size_t>(alias.reg)] =
        lane.shared[static_cast<std::size_t>(set.shared_ids[alias.indicator])].out[alias.output];
  }
  std::vector<double>& history = set.histories[lane_index];
  for (const LaggedRegister& r : lagged_) {
    std::memcpy(lane.base[static_cast<std::size_t>(r.reg)], history.data() + r.offset, r.lag * sizeof(double));
  }
  auto& owned = set.owned[lane_index];
  // A register only a Const (or, with one parameter set, a Param) writes holds the same values in
  // every chunk: the first chunk fills it, the others leave it be.
  const std::vector<Instruction>& code = lane.filled ? steady_code_ : program_.code;
  lane.filled = true;
  ExecuteChunk(program_, code, set.params, lane.fields, registers, length, [&](std::size_t k) {
    if (set.shared_ids[k] >= 0) return;
    const auto& outputs = program_.indicators[k].outputs;
    double* out[ind::kMaxOutputs];
    for (std::size_t o = 0; o < outputs.size(); ++o) out[o] = outputs[o] >= 0 ? registers[outputs[o]] : lane.discard.data();
    owned[k]->Run(lane.fields, registers, length, out);
  });
  for (const LaggedRegister& r : lagged_) {
    std::memcpy(history.data() + r.offset, lane.base[static_cast<std::size_t>(r.reg)] + length, r.lag * sizeof(double));
  }
  const ProgramRules& rules = program_.rules;
  auto column = [registers](std::int32_t r) -> const double* { return r >= 0 ? registers[r] : nullptr; };
  const double* zeros = lane.zeros.data();
  auto signal = [registers, zeros](std::int32_t r) -> const double* { return r >= 0 ? registers[r] : zeros; };
  lane.rules.zeros = zeros;
  lane.rules.long_entry = signal(rules.long_entry);
  lane.rules.long_exit = signal(rules.long_exit);
  lane.rules.short_entry = signal(rules.short_entry);
  lane.rules.short_exit = signal(rules.short_exit);
  lane.rules.long_price = column(rules.long_order.price);
  lane.rules.short_price = column(rules.short_order.price);
  lane.rules.stop_loss = column(rules.stop_loss.reg);
  lane.rules.take_profit = column(rules.take_profit.reg);
  lane.rules.trailing_stop = column(rules.trailing_stop.reg);
  lane.rules.exit_after = column(rules.exit_after_bars);
  lane.rules.size = column(rules.sizing_register);
}

void Engine::CopyRegisters(const SetState& set, const Lane& lane) {
  const std::size_t length = lane.end - lane.begin;
  for (std::size_t r = 0; r < lane.registers.size(); ++r) {
    if (length > 0) std::memcpy(set.result.registers[r] + lane.begin, lane.registers[r], length * sizeof(double));
  }
}

Engine::CurveRows Engine::RowsOf(const SetState& set, std::size_t row) {
  const EquityColumns* columns = set.result.equity;
  if (columns == nullptr || columns->equity == nullptr || columns->exposed == nullptr) return {curve_equity_.data(), curve_exposed_.data(), nullptr};
  return {columns->equity + row, columns->exposed + row, columns->cash != nullptr ? columns->cash + row : nullptr};
}

void Engine::FinishRows(SetState& set, std::size_t row, const double* time, std::size_t n, const CurveRows& rows) {
  const EquityColumns* columns = set.result.equity;
  double* drawdown = columns != nullptr && columns->drawdown != nullptr ? columns->drawdown + row : nullptr;
  set.curve->OnSteps(time, rows.equity, rows.exposed, n, drawdown);
  if (columns != nullptr && columns->time != nullptr) std::memcpy(columns->time + row, time, n * sizeof(double));
}

void Engine::WalkOneInstrument(SetState& set) {
  const Lane& lane = lanes_[0];
  // The timeline of one instrument is its bars: steps from FirstActive are at or after tradeFrom.
  const std::size_t first_active = timeline_.FirstActive();
  const std::size_t begin = std::max(lane.begin, first_active);
  if (begin >= lane.end) return;
  const std::size_t row = begin - first_active;
  const CurveRows rows = RowsOf(set, row);
  if (rows.cash != nullptr) {
    WalkQuietAndBusy<true>(set, begin, rows);
  } else {
    WalkQuietAndBusy<false>(set, begin, rows);
  }
  FinishRows(set, row, lane.bars.time + begin, lane.end - begin, rows);
}

// The bars [begin, lane.end) of the one instrument: quiet stretches in the portfolio's loop, the
// busy bars one at a time; each bar's equity, exposure and (kCash) cash into `rows`.
template <bool kCash>
void Engine::WalkQuietAndBusy(SetState& set, std::size_t begin, const CurveRows& rows) {
  const Lane& lane = lanes_[0];
  const BarColumnsView& bars = lane.bars;
  Portfolio& portfolio = *set.portfolio;
  const std::size_t last = bars.length - 1;
  double* const equity = rows.equity;
  std::uint8_t* const exposed = rows.exposed;
  double* const cash = rows.cash;
  std::size_t g = begin;
  while (g < lane.end) {
    const std::size_t quiet = g;
    g = portfolio.QuietBars(bars, g, lane.end, lane.begin, lane.rules, equity, begin);
    if (g > quiet) {
      // The quiet loop wrote the equity alone (a byte store in it would make the compiler reload
      // every pointer after it); the cash and the exposure held over the stretch.
      std::fill(exposed + (quiet - begin), exposed + (g - begin), portfolio.Exposed() ? 1 : 0);
      if constexpr (kCash) std::fill(cash + (quiet - begin), cash + (g - begin), portfolio.Cash());
    }
    if (g >= lane.end) break;
    // A busy bar (an order, a signal that acts) is often followed by another (the fill): ask for
    // the next bar's fields now, as the quiet loop did not read them.
    PrefetchBar(bars, g + 1);
    portfolio.OnBar(0, BarRef(bars, g), static_cast<std::int64_t>(g), lane.rules, g - lane.begin, g == last);
    const std::size_t k = g - begin;
    equity[k] = portfolio.Equity();
    exposed[k] = portfolio.Exposed() ? 1 : 0;
    if constexpr (kCash) cash[k] = portfolio.Cash();
    ++g;
  }
}

void Engine::Walk(SetState& set, std::size_t first_step, std::size_t end_step) {
  Portfolio& portfolio = *set.portfolio;
  const std::size_t first_active = timeline_.FirstActive();
  const std::size_t begin = std::max(first_step, first_active);
  const CurveRows rows = RowsOf(set, begin >= first_active ? begin - first_active : 0);
  for (std::size_t j = 0; j < lanes_.size(); ++j) cursors_[j] = lanes_[j].begin;
  for (std::size_t s = first_step; s < end_step; ++s) {
    const double time = timeline_.Time(s);
    const bool active = s >= first_active;
    // At each step the instruments are processed in list order.
    for (std::size_t j = 0; j < lanes_.size(); ++j) {
      const Lane& lane = lanes_[j];
      const std::size_t g = cursors_[j];
      if (g >= lane.end || lane.bars.time[g] != time) continue;
      cursors_[j] = g + 1;
      if (!active) continue;
      portfolio.OnBar(j, BarRef(lane.bars, g), static_cast<std::int64_t>(g), lane.rules, g - lane.begin, g + 1 == lane.bars.length);
    }
    if (!active) continue;
    const std::size_t k = s - begin;
    rows.equity[k] = portfolio.Equity();
    rows.exposed[k] = portfolio.Exposed() ? 1 : 0;
    if (rows.cash != nullptr) rows.cash[k] = portfolio.Cash();
  }
  if (begin < end_step) FinishRows(set, begin - first_active, timeline_.Times() + begin, end_step - begin, rows);
}

}  // namespace

Timeline::Timeline(const std::vector<BarColumnsView>& instruments, double trade_from) {
  if (instruments.size() == 1) {
    times_ = instruments[0].time;
    steps_ = instruments[0].length;
  } else {
    std::vector<std::size_t> at(instruments.size(), 0);
    for (;;) {
      double next = std::numeric_limits<double>::infinity();
      for (std::size_t j = 0; j < instruments.size(); ++j) {
        if (at[j] < instruments[j].length) next = std::min(next, instruments[j].time[at[j]]);
      }
      if (next == std::numeric_limits<double>::infinity()) break;
      merged_.push_back(next);
      for (std::size_t j = 0; j < instruments.size(); ++j) {
        if (at[j] < instruments[j].length && instruments[j].time[at[j]] == next) ++at[j];
      }
    }
    times_ = merged_.data();
    steps_ = merged_.size();
  }
  first_active_ = static_cast<std::size_t>(std::lower_bound(times_, times_ + steps_, trade_from) - times_);
}

exchange::RuleShape RuleShapeOf(const Program& program) {
  auto order = [](OrderType type) {
    return type == OrderType::kLimit ? exchange::OrderKind::kLimit
           : type == OrderType::kStop ? exchange::OrderKind::kStop
                                      : exchange::OrderKind::kMarket;
  };
  auto distance = [](const ProgramDistance& d) {
    return d.unit == DistanceUnit::kPercent ? exchange::DistanceKind::kPercent : exchange::DistanceKind::kPrice;
  };
  const ProgramRules& rules = program.rules;
  exchange::RuleShape shape;
  shape.long_order = order(rules.long_order.type);
  shape.short_order = order(rules.short_order.type);
  shape.stop_loss = distance(rules.stop_loss);
  shape.take_profit = distance(rules.take_profit);
  shape.trailing_stop = distance(rules.trailing_stop);
  shape.sizing = rules.sizing_kind == SizingKind::kFixed           ? exchange::Sizing::kFixed
                 : rules.sizing_kind == SizingKind::kRiskPercent ? exchange::Sizing::kRiskPercent
                                                                 : exchange::Sizing::kEquityPercent;
  return shape;
}

void ValidateParameterSets(const Program& program, const double* param_sets, std::size_t count) {
  const std::size_t param_count = program.param_names.size();
  for (std::size_t s = 0; s < count; ++s) {
    try {
      ResolveIndicators(program, param_sets + s * param_count);
    } catch (const ProgramError& error) {
      if (count == 1) throw;
      throw ProgramError("parameter set " + std::to_string(s) + ": " + error.what());
    }
  }
}

bool RunParameterSets(const BacktestInput& input, const Timeline& timeline, const double* param_sets, std::size_t count,
                      const std::vector<SetResult>& results, Progress progress, void* context) {
  Engine engine(input, timeline, param_sets, count, results);
  return engine.Run(progress, context);
}

}  // namespace quorum::strategy
