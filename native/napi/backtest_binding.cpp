#include "backtest_binding.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "../core/exchange/portfolio.h"
#include "../core/metrics/metrics.h"
#include "../core/strategy/engine.h"
#include "../core/strategy/sweep.h"
#include "bar_columns_binding.h"

namespace quorum::addon {
namespace {

using strategy::Program;
using strategy::ProgramError;

// The TypeScript side validates the program's shape with messages for the trader; these checks
// only keep a malformed object from reaching the core.
[[noreturn]] void Fail(Napi::Env env, const std::string& message) { throw Napi::TypeError::New(env, message); }

Napi::Object ObjectProperty(const Napi::Object& object, const char* name, const std::string& where) {
  const Napi::Value value = object.Get(name);
  if (!value.IsObject()) Fail(object.Env(), where + "." + name + " must be an object");
  return value.As<Napi::Object>();
}

double NumberProperty(const Napi::Object& object, const char* name, const std::string& where) {
  const Napi::Value value = object.Get(name);
  if (!value.IsNumber()) Fail(object.Env(), where + "." + name + " must be a number");
  return value.As<Napi::Number>().DoubleValue();
}

std::int32_t IntegerProperty(const Napi::Object& object, const char* name, const std::string& where) {
  const double value = NumberProperty(object, name, where);
  if (value != std::floor(value) || std::fabs(value) > 2147483647.0) Fail(object.Env(), where + "." + name + " must be a whole number");
  return static_cast<std::int32_t>(value);
}

bool BooleanProperty(const Napi::Object& object, const char* name, const std::string& where) {
  const Napi::Value value = object.Get(name);
  if (!value.IsBoolean()) Fail(object.Env(), where + "." + name + " must be a boolean");
  return value.As<Napi::Boolean>().Value();
}

std::string StringProperty(const Napi::Object& object, const char* name, const std::string& where) {
  const Napi::Value value = object.Get(name);
  if (!value.IsString()) Fail(object.Env(), where + "." + name + " must be a string");
  return value.As<Napi::String>().Utf8Value();
}

Napi::Int32Array Int32ArrayProperty(const Napi::Object& object, const char* name, const std::string& where) {
  const Napi::Value value = object.Get(name);
  if (!value.IsTypedArray() || value.As<Napi::TypedArray>().TypedArrayType() != napi_int32_array) {
    Fail(object.Env(), where + "." + name + " must be an Int32Array");
  }
  return value.As<Napi::Int32Array>();
}

Napi::Array ArrayProperty(const Napi::Object& object, const char* name, const std::string& where) {
  const Napi::Value value = object.Get(name);
  if (!value.IsArray()) Fail(object.Env(), where + "." + name + " must be an array");
  return value.As<Napi::Array>();
}

strategy::ProgramDistance DistanceProperty(const Napi::Object& rules, const char* name) {
  const Napi::Value value = rules.Get(name);
  strategy::ProgramDistance distance;
  if (value.IsNull() || value.IsUndefined()) return distance;
  if (!value.IsObject()) Fail(rules.Env(), std::string("program.rules.") + name + " must be an object or null");
  const Napi::Object object = value.As<Napi::Object>();
  const std::string where = std::string("program.rules.") + name;
  distance.reg = IntegerProperty(object, "register", where);
  const std::string unit = StringProperty(object, "unit", where);
  if (unit != "price" && unit != "percent") Fail(rules.Env(), where + ".unit must be 'price' or 'percent'");
  distance.unit = unit == "percent" ? strategy::DistanceUnit::kPercent : strategy::DistanceUnit::kPrice;
  return distance;
}

strategy::ProgramOrder OrderProperty(const Napi::Object& rules, const char* name) {
  const std::string where = std::string("program.rules.") + name;
  const Napi::Object object = ObjectProperty(rules, name, "program.rules");
  const std::string type = StringProperty(object, "type", where);
  strategy::ProgramOrder order;
  if (type == "market") {
    order.type = strategy::OrderType::kMarket;
  } else if (type == "limit") {
    order.type = strategy::OrderType::kLimit;
  } else if (type == "stop") {
    order.type = strategy::OrderType::kStop;
  } else {
    Fail(rules.Env(), where + ".type must be 'market', 'limit' or 'stop'");
  }
  order.price = IntegerProperty(object, "price", where);
  return order;
}

Program ProgramArgument(const Napi::Value& value) {
  const Napi::Env env = value.Env();
  if (!value.IsObject()) Fail(env, "program must be a Program object");
  const Napi::Object object = value.As<Napi::Object>();
  Program program;
  const Napi::Int32Array code = Int32ArrayProperty(object, "code", "program");
  if (code.ElementLength() % 4 != 0) Fail(env, "program.code must hold 4 slots per instruction");
  for (std::size_t i = 0; i < code.ElementLength(); i += 4) {
    program.code.push_back({static_cast<strategy::Op>(code[i]), code[i + 1], code[i + 2], code[i + 3]});
  }
  const Napi::Float64Array constants = Float64ArrayArgument(object.Get("constants"), "program.constants");
  program.constants.assign(constants.Data(), constants.Data() + constants.ElementLength());
  program.register_count = IntegerProperty(object, "registerCount", "program");
  const Napi::Int32Array lags = Int32ArrayProperty(object, "registerLags", "program");
  program.register_lags.assign(lags.Data(), lags.Data() + lags.ElementLength());

  const Napi::Array indicators = ArrayProperty(object, "indicators", "program");
  for (std::uint32_t k = 0; k < indicators.Length(); ++k) {
    const std::string where = "program.indicators[" + std::to_string(k) + "]";
    const Napi::Value entry = indicators.Get(k);
    if (!entry.IsObject()) Fail(env, where + " must be an object");
    const Napi::Object indicator = entry.As<Napi::Object>();
    strategy::ProgramIndicator parsed;
    parsed.name = StringProperty(indicator, "name", where);
    const Napi::Array params = ArrayProperty(indicator, "params", where);
    for (std::uint32_t i = 0; i < params.Length(); ++i) {
      const std::string at = where + ".params[" + std::to_string(i) + "]";
      const Napi::Value param = params.Get(i);
      if (!param.IsObject()) Fail(env, at + " must be {constant} or {param}");
      const Napi::Object p = param.As<Napi::Object>();
      if (p.Has("param")) {
        parsed.params.push_back({true, 0, IntegerProperty(p, "param", at)});
      } else {
        parsed.params.push_back({false, NumberProperty(p, "constant", at), -1});
      }
    }
    const Napi::Int32Array inputs = Int32ArrayProperty(indicator, "inputs", where);
    if (inputs.ElementLength() != strategy::kFieldCount) Fail(env, where + ".inputs must have 6 entries");
    for (std::size_t f = 0; f < strategy::kFieldCount; ++f) parsed.inputs[f] = inputs[f];
    const Napi::Int32Array outputs = Int32ArrayProperty(indicator, "outputs", where);
    parsed.outputs.assign(outputs.Data(), outputs.Data() + outputs.ElementLength());
    program.indicators.push_back(std::move(parsed));
  }

  const Napi::Object rules = ObjectProperty(object, "rules", "program");
  strategy::ProgramRules& r = program.rules;
  r.long_entry = IntegerProperty(rules, "longEntry", "program.rules");
  r.long_exit = IntegerProperty(rules, "longExit", "program.rules");
  r.short_entry = IntegerProperty(rules, "shortEntry", "program.rules");
  r.short_exit = IntegerProperty(rules, "shortExit", "program.rules");
  r.long_order = OrderProperty(rules, "longOrder");
  r.short_order = OrderProperty(rules, "shortOrder");
  r.stop_loss = DistanceProperty(rules, "stopLoss");
  r.take_profit = DistanceProperty(rules, "takeProfit");
  r.trailing_stop = DistanceProperty(rules, "trailingStop");
  r.exit_after_bars = IntegerProperty(rules, "exitAfterBars", "program.rules");
  const Napi::Object sizing = ObjectProperty(rules, "sizing", "program.rules");
  const std::string kind = StringProperty(sizing, "kind", "program.rules.sizing");
  if (kind == "fixed") {
    r.sizing_kind = strategy::SizingKind::kFixed;
  } else if (kind == "equity-percent") {
    r.sizing_kind = strategy::SizingKind::kEquityPercent;
  } else if (kind == "risk-percent") {
    r.sizing_kind = strategy::SizingKind::kRiskPercent;
  } else {
    Fail(env, "program.rules.sizing.kind must be 'fixed', 'equity-percent' or 'risk-percent'");
  }
  r.sizing_register = IntegerProperty(sizing, "register", "program.rules.sizing");

  const Napi::Array params = ArrayProperty(object, "params", "program");
  for (std::uint32_t i = 0; i < params.Length(); ++i) {
    const Napi::Value param = params.Get(i);
    if (!param.IsObject()) Fail(env, "program.params[" + std::to_string(i) + "] must be an object");
    program.param_names.push_back(StringProperty(param.As<Napi::Object>(), "name", "program.params[" + std::to_string(i) + "]"));
  }
  try {
    strategy::ValidateProgram(program);
  } catch (const ProgramError& error) {
    throw Napi::RangeError::New(env, error.what());
  }
  return program;
}

exchange::Conventions ConventionsArgument(const Napi::Value& value) {
  const Napi::Env env = value.Env();
  if (!value.IsObject()) Fail(env, "conventions must be an object");
  const Napi::Object object = value.As<Napi::Object>();
  const std::string where = "conventions";
  exchange::Conventions c;
  const std::string fill = StringProperty(object, "fill", where);
  if (fill != "next-open" && fill != "close") Fail(env, "conventions.fill must be 'next-open' or 'close'");
  c.fill = fill == "close" ? exchange::FillMode::kClose : exchange::FillMode::kNextOpen;
  const std::string opposite = StringProperty(object, "onOpposite", where);
  if (opposite != "reverse" && opposite != "flatten") Fail(env, "conventions.onOpposite must be 'reverse' or 'flatten'");
  c.on_opposite = opposite == "flatten" ? exchange::OnOpposite::kFlatten : exchange::OnOpposite::kReverse;
  const std::string end = StringProperty(object, "endOfData", where);
  if (end != "close" && end != "close-at-open" && end != "mark") Fail(env, "conventions.endOfData must be 'close', 'close-at-open' or 'mark'");
  c.end_of_data = end == "mark" ? exchange::EndOfData::kMark : end == "close-at-open" ? exchange::EndOfData::kCloseAtOpen : exchange::EndOfData::kClose;

  const Napi::Object commission = ObjectProperty(object, "commission", where);
  const std::string commission_kind = StringProperty(commission, "kind", "conventions.commission");
  if (commission_kind == "none") {
    c.commission.kind = exchange::CommissionKind::kNone;
  } else if (commission_kind == "per-share") {
    c.commission.kind = exchange::CommissionKind::kPerShare;
    c.commission.per_share = NumberProperty(commission, "perShare", "conventions.commission");
    c.commission.minimum = NumberProperty(commission, "minimum", "conventions.commission");
  } else if (commission_kind == "per-order") {
    c.commission.kind = exchange::CommissionKind::kPerOrder;
    c.commission.amount = NumberProperty(commission, "amount", "conventions.commission");
  } else if (commission_kind == "percent") {
    c.commission.kind = exchange::CommissionKind::kPercent;
    c.commission.percent = NumberProperty(commission, "percent", "conventions.commission");
  } else if (commission_kind == "ib-fixed") {
    c.commission.kind = exchange::CommissionKind::kIbFixed;
  } else if (commission_kind == "ib-tiered") {
    c.commission.kind = exchange::CommissionKind::kIbTiered;
  } else {
    Fail(env, "conventions.commission.kind '" + commission_kind + "' is unknown");
  }

  const Napi::Object slippage = ObjectProperty(object, "slippage", where);
  const std::string slippage_kind = StringProperty(slippage, "kind", "conventions.slippage");
  if (slippage_kind == "none") {
    c.slippage.kind = exchange::SlippageKind::kNone;
  } else if (slippage_kind == "ticks") {
    c.slippage.kind = exchange::SlippageKind::kTicks;
    c.slippage.ticks = NumberProperty(slippage, "ticks", "conventions.slippage");
    c.slippage.tick_size = NumberProperty(slippage, "tickSize", "conventions.slippage");
  } else if (slippage_kind == "bps") {
    c.slippage.kind = exchange::SlippageKind::kBps;
    c.slippage.bps = NumberProperty(slippage, "bps", "conventions.slippage");
  } else if (slippage_kind == "range-fraction") {
    c.slippage.kind = exchange::SlippageKind::kRangeFraction;
    c.slippage.fraction = NumberProperty(slippage, "fraction", "conventions.slippage");
  } else {
    Fail(env, "conventions.slippage.kind '" + slippage_kind + "' is unknown");
  }

  const Napi::Value cap = object.Get("volumeCap");
  c.volume_cap = cap.IsNull() || cap.IsUndefined() ? 0.0 : NumberProperty(object, "volumeCap", where);
  c.allow_short = BooleanProperty(object, "allowShort", where);
  c.starting_cash = NumberProperty(object, "startingCash", where);
  if (!(c.starting_cash > 0) || !std::isfinite(c.starting_cash)) Fail(env, "conventions.startingCash must be positive");
  c.fractional = BooleanProperty(object, "fractional", where);
  c.periods_per_year = IntegerProperty(object, "periodsPerYear", where);
  if (c.periods_per_year <= 0) Fail(env, "conventions.periodsPerYear must be positive");
  c.risk_free_rate = NumberProperty(object, "riskFreeRate", where);
  return c;
}

std::vector<BarColumnsView> InstrumentsArgument(const Napi::Value& value, PinnedArrays* pins) {
  if (!value.IsArray()) Fail(value.Env(), "instruments must be an array of BarColumns");
  const Napi::Array array = value.As<Napi::Array>();
  if (array.Length() == 0) throw Napi::RangeError::New(value.Env(), "instruments must not be empty");
  std::vector<BarColumnsView> instruments;
  for (std::uint32_t j = 0; j < array.Length(); ++j) {
    const std::string name = "instruments[" + std::to_string(j) + "]";
    instruments.push_back(BarColumnsViewArgument(array.Get(j), name.c_str(), pins));
  }
  return instruments;
}

// tradeFrom, chunkSize, blocks and threads from the options object, into the run's input.
void OptionsArgument(const Napi::Value& value, strategy::BacktestInput* input, std::size_t* threads) {
  if (!value.IsObject()) Fail(value.Env(), "options must be an object");
  const Napi::Object options = value.As<Napi::Object>();
  const Napi::Value trade_from = options.Get("tradeFrom");
  if (!trade_from.IsUndefined() && !trade_from.IsNull()) input->trade_from = NumberProperty(options, "tradeFrom", "options");
  const double chunk = NumberProperty(options, "chunkSize", "options");
  if (!(chunk >= 1 && chunk <= (1 << 24)) || chunk != std::floor(chunk)) {
    throw Napi::RangeError::New(value.Env(), "options.chunkSize must be a whole number from 1 to 16777216");
  }
  input->chunk_size = static_cast<std::size_t>(chunk);
  if (options.Has("blocks")) input->blocks = static_cast<std::size_t>(IntegerProperty(options, "blocks", "options"));
  if (threads != nullptr) {
    const double t = options.Has("threads") ? NumberProperty(options, "threads", "options") : 0;
    *threads = t >= 1 ? static_cast<std::size_t>(t) : std::max(1u, std::thread::hardware_concurrency());
  }
}

std::vector<double> ParamsArgument(const Napi::Value& value, const Program& program, std::size_t* count, const char* name) {
  const Napi::Float64Array array = Float64ArrayArgument(value, name);
  const std::size_t width = program.param_names.size();
  const std::size_t length = array.ElementLength();
  if (width == 0 ? (count != nullptr && length != 0) : length % width != 0) {
    throw Napi::RangeError::New(value.Env(), std::string(name) + " must hold " + std::to_string(width) + " values per parameter set");
  }
  if (count == nullptr && length != width) {
    throw Napi::RangeError::New(value.Env(), std::string(name) + " must hold the program's " + std::to_string(width) + " parameters");
  }
  std::vector<double> values(array.Data(), array.Data() + length);
  if (count != nullptr) *count = width == 0 ? 0 : length / width;
  return values;
}

Napi::Object StartJob(Napi::Env env, Napi::AsyncWorker* worker, Napi::Promise promise, std::shared_ptr<std::atomic<bool>> cancel) {
  Napi::Object job = Napi::Object::New(env);
  job.Set("promise", promise);
  job.Set("cancel", Napi::Function::New(
                        env, [cancel](const Napi::CallbackInfo&) { cancel->store(true, std::memory_order_relaxed); }, "cancel"));
  worker->Queue();
  return job;
}

// The trade columns as typed arrays over one ArrayBuffer (one backing store for the GC to account
// and free): the doubles first, then the 4-byte and the 1-byte columns, so every view is aligned.
// One pass over the trades writes all thirteen columns (a pass per column would read the list,
// 96 bytes a trade, thirteen times).
Napi::Object TradesToJs(Napi::Env env, const std::vector<exchange::Trade>& trades) {
  constexpr std::size_t kDoubles = 9;
  const std::size_t n = trades.size();
  Napi::ArrayBuffer buffer = Napi::ArrayBuffer::New(env, n * (kDoubles * sizeof(double) + 2 * sizeof(std::int32_t) + 2));
  auto* base = static_cast<std::uint8_t*>(buffer.Data());
  double* doubles[kDoubles];
  for (std::size_t k = 0; k < kDoubles; ++k) doubles[k] = reinterpret_cast<double*>(base) + k * n;
  auto* instrument = reinterpret_cast<std::int32_t*>(base + kDoubles * n * sizeof(double));
  std::int32_t* bars_held = instrument + n;
  auto* side = reinterpret_cast<std::int8_t*>(bars_held + n);
  auto* reason = reinterpret_cast<std::uint8_t*>(side + n);
  for (std::size_t i = 0; i < n; ++i) {
    const exchange::Trade& t = trades[i];
    doubles[0][i] = t.entry_time;
    doubles[1][i] = t.entry_price;
    doubles[2][i] = t.exit_time;
    doubles[3][i] = t.exit_price;
    doubles[4][i] = t.quantity;
    doubles[5][i] = t.pnl;
    doubles[6][i] = t.commission;
    doubles[7][i] = t.mae;
    doubles[8][i] = t.mfe;
    instrument[i] = t.instrument;
    bars_held[i] = t.bars_held;
    side[i] = t.side;
    reason[i] = static_cast<std::uint8_t>(t.reason);
  }
  auto offset = [base](const void* at) { return static_cast<std::size_t>(static_cast<const std::uint8_t*>(at) - base); };
  Napi::Object columns = Napi::Object::New(env);
  const char* const names[kDoubles] = {"entryTime", "entryPrice", "exitTime", "exitPrice", "quantity", "pnl", "commission", "mae", "mfe"};
  for (std::size_t k = 0; k < kDoubles; ++k) columns.Set(names[k], Napi::Float64Array::New(env, n, buffer, offset(doubles[k])));
  columns.Set("instrument", Napi::Int32Array::New(env, n, buffer, offset(instrument)));
  columns.Set("barsHeld", Napi::Int32Array::New(env, n, buffer, offset(bars_held)));
  columns.Set("side", Napi::Int8Array::New(env, n, buffer, offset(side)));
  columns.Set("exitReason", Napi::Uint8Array::New(env, n, buffer, offset(reason)));
  return columns;
}

struct ProgressContext {
  const Napi::AsyncProgressWorker<std::size_t>::ExecutionProgress* progress;
  const std::atomic<bool>* cancel;
  bool reports;
};

bool SendProgress(void* context, std::size_t steps_done) {
  auto* c = static_cast<ProgressContext*>(context);
  if (c->cancel->load(std::memory_order_relaxed)) return false;
  if (c->reports) c->progress->Send(&steps_done, 1);
  return true;
}

// The base of both workers: a promise, a progress callback, and the pinned inputs.
class BacktestWorkerBase : public Napi::AsyncProgressWorker<std::size_t> {
 public:
  BacktestWorkerBase(Napi::Env env, const char* name, const Napi::Value& on_progress, std::shared_ptr<std::atomic<bool>> cancel)
      : Napi::AsyncProgressWorker<std::size_t>(env, name),
        deferred_(Napi::Promise::Deferred::New(env)),
        cancel_(std::move(cancel)),
        reports_progress_(on_progress.IsFunction()) {
    if (reports_progress_) on_progress_ = Napi::Persistent(on_progress.As<Napi::Function>());
  }
  Napi::Promise Promise() const { return deferred_.Promise(); }

  Program program;
  strategy::BacktestInput input;
  PinnedArrays pins;

 protected:
  void OnProgress(const std::size_t* done, std::size_t count) override {
    if (count == 0 || !reports_progress_) return;
    try {
      on_progress_.Call({Napi::Number::New(Env(), static_cast<double>(*done))});
    } catch (const Napi::Error&) {
      // The TypeScript side wraps onProgress so it never throws; this keeps a stray throw out of libuv.
    }
  }
  void OnError(const Napi::Error& error) override { deferred_.Reject(error.Value()); }

  Napi::Promise::Deferred deferred_;
  std::shared_ptr<std::atomic<bool>> cancel_;
  bool reports_progress_;
  Napi::FunctionReference on_progress_;
};

class BacktestWorker final : public BacktestWorkerBase {
 public:
  using BacktestWorkerBase::BacktestWorkerBase;

  std::vector<double> params;
  strategy::EquityColumns equity;
  std::size_t equity_length = 0;

 protected:
  void Execute(const ExecutionProgress& progress) override {
    try {
      input.program = &program;
      const strategy::Timeline timeline(input.instruments, input.trade_from);
      if (timeline.ActiveSteps() != equity_length) {
        SetError("the equity columns must have one row per bar of the merged timeline from tradeFrom (" +
                 std::to_string(timeline.ActiveSteps()) + "), not " + std::to_string(equity_length));
        return;
      }
      strategy::SetResult result;
      result.stats = stats_.data();
      result.equity = &equity;
      result.trades = &trades_;
      result.traded_value = &traded_value_;
      ProgressContext context{&progress, cancel_.get(), reports_progress_};
      finished_ = strategy::RunParameterSets(input, timeline, params.data(), 1, {result}, &SendProgress, &context);
      if (finished_ && reports_progress_) {
        const std::size_t steps = timeline.Steps();
        progress.Send(&steps, 1);
      }
    } catch (const std::exception& error) {
      SetError(error.what());
    }
  }

  void OnOK() override {
    Napi::Env env = Env();
    Napi::Object outcome = Napi::Object::New(env);
    outcome.Set("status", finished_ ? "ok" : "cancelled");
    Napi::Float64Array stats = Napi::Float64Array::New(env, metrics::kStatCount);
    std::memcpy(stats.Data(), stats_.data(), sizeof(double) * metrics::kStatCount);
    outcome.Set("stats", stats);
    outcome.Set("tradedValue", Napi::Number::New(env, traded_value_));
    outcome.Set("trades", TradesToJs(env, trades_));
    deferred_.Resolve(outcome);
  }

 private:
  metrics::Stats stats_{};
  double traded_value_ = 0;
  std::vector<exchange::Trade> trades_;
  bool finished_ = false;
};

class SweepWorker final : public BacktestWorkerBase {
 public:
  using BacktestWorkerBase::BacktestWorkerBase;

  std::vector<double> param_sets;
  std::size_t count = 0;
  std::size_t threads = 1;
  double* stats = nullptr;
  double* block_returns = nullptr;

 protected:
  void Execute(const ExecutionProgress& progress) override {
    try {
      input.program = &program;
      std::atomic<std::size_t> steps_done{0};
      strategy::SweepOptions options;
      options.threads = threads;
      std::size_t last_sent = 0;
      if (reports_progress_) {
        options.on_wait = [&] {
          const std::size_t done = steps_done.load(std::memory_order_relaxed);
          if (done == last_sent) return;
          last_sent = done;
          progress.Send(&done, 1);
        };
      }
      finished_ = strategy::RunSweep(input, param_sets.data(), count, stats, block_returns, options, *cancel_, steps_done);
    } catch (const std::exception& error) {
      SetError(error.what());
    }
  }

  void OnOK() override {
    Napi::Object outcome = Napi::Object::New(Env());
    outcome.Set("status", finished_ ? "ok" : "cancelled");
    deferred_.Resolve(outcome);
  }

 private:
  bool finished_ = false;
};

Napi::Float64Array OutputColumn(const Napi::Value& value, const char* name, std::size_t length, PinnedArrays* pins) {
  const Napi::Float64Array array = Float64ArrayArgument(value, name);
  if (array.ElementLength() != length) {
    throw Napi::RangeError::New(value.Env(), std::string(name) + " must have " + std::to_string(length) + " values");
  }
  pins->Pin(array);
  return array;
}

Napi::Uint8Array Uint8ArrayArgument(const Napi::Value& value, const char* name) {
  if (!value.IsTypedArray() || value.As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array) {
    throw Napi::TypeError::New(value.Env(), std::string(name) + " must be a Uint8Array");
  }
  return value.As<Napi::Uint8Array>();
}

// runBacktest(program, instruments, params, conventions, options {tradeFrom, chunkSize},
//             equity {time, equity, cash, drawdown, exposed} (rows allocated by the caller), onProgress)
//   → { promise: Promise<{status, stats: Float64Array, tradedValue, trades: {column: typed array}}>, cancel }
Napi::Value RunBacktest(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  auto cancel = std::make_shared<std::atomic<bool>>(false);
  auto* worker = new BacktestWorker(env, "quorum:backtest", info[6], cancel);
  try {
    worker->program = ProgramArgument(info[0]);
    worker->input.instruments = InstrumentsArgument(info[1], &worker->pins);
    worker->params = ParamsArgument(info[2], worker->program, nullptr, "params");
    worker->input.conventions = ConventionsArgument(info[3]);
    OptionsArgument(info[4], &worker->input, nullptr);
    if (!info[5].IsObject()) Fail(env, "equity must be an object of Float64Arrays");
    const Napi::Object equity = info[5].As<Napi::Object>();
    const Napi::Float64Array values = Float64ArrayArgument(equity.Get("equity"), "equity.equity");
    const std::size_t rows = values.ElementLength();
    worker->equity_length = rows;
    if (!equity.Get("time").IsUndefined()) worker->equity.time = OutputColumn(equity.Get("time"), "equity.time", rows, &worker->pins).Data();
    worker->equity.equity = OutputColumn(equity.Get("equity"), "equity.equity", rows, &worker->pins).Data();
    worker->equity.cash = OutputColumn(equity.Get("cash"), "equity.cash", rows, &worker->pins).Data();
    worker->equity.drawdown = OutputColumn(equity.Get("drawdown"), "equity.drawdown", rows, &worker->pins).Data();
    Napi::Uint8Array exposed = Uint8ArrayArgument(equity.Get("exposed"), "equity.exposed");
    if (exposed.ElementLength() != rows) throw Napi::RangeError::New(env, "equity.exposed must have " + std::to_string(rows) + " values");
    worker->pins.Pin(exposed);
    worker->equity.exposed = exposed.Data();
    strategy::ValidateParameterSets(worker->program, worker->params.data(), 1);
  } catch (const ProgramError& error) {
    delete worker;
    throw Napi::RangeError::New(env, error.what());
  } catch (...) {
    delete worker;
    throw;
  }
  return StartJob(env, worker, worker->Promise(), cancel);
}

// runSweep(program, instruments, paramSets, conventions, options {tradeFrom, chunkSize, blocks, threads},
//          stats (n × STAT_NAMES.length), blockReturns (n × blocks × 3), onProgress)
//   → { promise: Promise<{status}>, cancel }
Napi::Value RunSweep(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  auto cancel = std::make_shared<std::atomic<bool>>(false);
  auto* worker = new SweepWorker(env, "quorum:sweep", info[7], cancel);
  try {
    worker->program = ProgramArgument(info[0]);
    worker->input.instruments = InstrumentsArgument(info[1], &worker->pins);
    worker->param_sets = ParamsArgument(info[2], worker->program, &worker->count, "paramSets");
    worker->input.conventions = ConventionsArgument(info[3]);
    OptionsArgument(info[4], &worker->input, &worker->threads);
    worker->stats = OutputColumn(info[5], "stats", worker->count * metrics::kStatCount, &worker->pins).Data();
    worker->block_returns = OutputColumn(info[6], "blockReturns", worker->count * worker->input.blocks * 3, &worker->pins).Data();
    strategy::ValidateParameterSets(worker->program, worker->param_sets.data(), worker->count);
  } catch (const ProgramError& error) {
    delete worker;
    throw Napi::RangeError::New(env, error.what());
  } catch (...) {
    delete worker;
    throw;
  }
  return StartJob(env, worker, worker->Promise(), cancel);
}

// evaluateProgram(program, bars, params, options {tradeFrom, chunkSize}, registers: Float64Array[])
// runs the VM (and, unseen, the exchange) on the calling thread and writes every register's
// values over the bars: the strategy's series, for tests and for plotting them.
Napi::Value EvaluateProgram(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  try {
    Program program = ProgramArgument(info[0]);
    strategy::BacktestInput input;
    input.program = &program;
    input.instruments = {BarColumnsViewArgument(info[1], "bars", nullptr)};
    std::vector<double> params = ParamsArgument(info[2], program, nullptr, "params");
    OptionsArgument(info[3], &input, nullptr);
    if (!info[4].IsArray()) Fail(env, "registers must be an array of Float64Array");
    const Napi::Array columns = info[4].As<Napi::Array>();
    if (columns.Length() != static_cast<std::uint32_t>(program.register_count)) {
      throw Napi::RangeError::New(env, "registers must have one column per register");
    }
    std::vector<double*> registers;
    for (std::uint32_t r = 0; r < columns.Length(); ++r) {
      Napi::Float64Array column = Float64ArrayArgument(columns.Get(r), "registers[r]");
      if (column.ElementLength() != input.instruments[0].length) throw Napi::RangeError::New(env, "each register column must be as long as the bars");
      registers.push_back(column.Data());
    }
    strategy::ValidateParameterSets(program, params.data(), 1);
    const strategy::Timeline timeline(input.instruments, input.trade_from);
    strategy::SetResult result;
    metrics::Stats stats{};
    result.stats = stats.data();
    result.registers = registers.data();
    strategy::RunParameterSets(input, timeline, params.data(), 1, {result}, nullptr, nullptr);
  } catch (const ProgramError& error) {
    throw Napi::RangeError::New(env, error.what());
  }
  return env.Undefined();
}

// computeStats(curve {time, equity: Float64Array, exposed: Uint8Array}, pnl: Float64Array,
//              totals {tradedValue, commissions}, conventions) → Float64Array (STAT_NAMES order)
// runs the metrics accumulators over a given curve and trade list, on the calling thread.
Napi::Value ComputeStats(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  if (!info[0].IsObject()) Fail(env, "curve must be an object of columns");
  const Napi::Object curve = info[0].As<Napi::Object>();
  const Napi::Float64Array time = Float64ArrayArgument(curve.Get("time"), "curve.time");
  const Napi::Float64Array equity = Float64ArrayArgument(curve.Get("equity"), "curve.equity");
  const Napi::Uint8Array exposed = Uint8ArrayArgument(curve.Get("exposed"), "curve.exposed");
  const std::size_t points = time.ElementLength();
  if (equity.ElementLength() != points || exposed.ElementLength() != points) {
    throw Napi::RangeError::New(env, "curve.equity and curve.exposed must have as many values as curve.time");
  }
  const Napi::Float64Array pnl = Float64ArrayArgument(info[1], "pnl");
  if (!info[2].IsObject()) Fail(env, "totals must be an object");
  const Napi::Object totals = info[2].As<Napi::Object>();
  const double traded_value = NumberProperty(totals, "tradedValue", "totals");
  const double commissions = NumberProperty(totals, "commissions", "totals");
  const exchange::Conventions conventions = ConventionsArgument(info[3]);
  const metrics::MetricsConfig config{conventions.starting_cash, conventions.periods_per_year, conventions.risk_free_rate, points, 0};
  const metrics::Stats stats = metrics::ComputeStats(config, time.Data(), equity.Data(), exposed.Data(), points, pnl.Data(),
                                                     pnl.ElementLength(), traded_value, commissions);
  Napi::Float64Array out = Napi::Float64Array::New(env, metrics::kStatCount);
  std::memcpy(out.Data(), stats.data(), sizeof(double) * metrics::kStatCount);
  return out;
}

// firstUnorderedTime(time: Float64Array) → the first index whose time is not finite or not after
// the one before it; -1 when all are in order (and for no times). The order check of every bar
// column the backtester reads, in a pass the compiler vectorises.
Napi::Value FirstUnorderedTime(const Napi::CallbackInfo& info) {
  const Napi::Float64Array array = Float64ArrayArgument(info[0], "time");
  const double* t = array.Data();
  const std::size_t n = array.ElementLength();
  auto result = [&info](double index) { return Napi::Number::New(info.Env(), index); };
  if (n == 0) return result(-1);
  if (!std::isfinite(t[0])) return result(0);
  constexpr std::size_t kBlock = 2048;
  for (std::size_t begin = 1; begin < n; begin += kBlock) {
    const std::size_t end = std::min(n, begin + kBlock);
    // `!(t > previous)` also catches NaN; counted without a branch, then found in the block.
    std::size_t bad = 0;
    for (std::size_t i = begin; i < end; ++i) bad += !(t[i] > t[i - 1]);
    if (bad == 0) continue;
    for (std::size_t i = begin; i < end; ++i) {
      if (!(t[i] > t[i - 1])) return result(static_cast<double>(i));
    }
  }
  return result(t[n - 1] == std::numeric_limits<double>::infinity() ? static_cast<double>(n - 1) : -1.0);
}

}  // namespace

void RegisterBacktestBindings(Napi::Env env, Napi::Object exports) {
  exports.Set("runBacktest", Napi::Function::New(env, RunBacktest, "runBacktest"));
  exports.Set("runSweep", Napi::Function::New(env, RunSweep, "runSweep"));
  exports.Set("evaluateProgram", Napi::Function::New(env, EvaluateProgram, "evaluateProgram"));
  exports.Set("computeStats", Napi::Function::New(env, ComputeStats, "computeStats"));
  exports.Set("firstUnorderedTime", Napi::Function::New(env, FirstUnorderedTime, "firstUnorderedTime"));
}

}  // namespace quorum::addon
