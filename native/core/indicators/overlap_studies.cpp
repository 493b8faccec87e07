#include "indicator.h"
#include "rolling.h"

namespace quorum::ind {
namespace {

// SMA as TA-Lib computes it: a running sum over the window (the first value once `period` bars
// are in), adding the new close and subtracting the one that left, then dividing.
class Sma {
 public:
  static constexpr std::size_t kOutputs = 1;
  static int Lookback(const Params& p) { return static_cast<int>(p[0]) - 1; }

  explicit Sma(const Params& p) : period_(static_cast<std::size_t>(p[0])), window_(period_) {}

  void Update(const Bar& bar, double* out) {
    if (window_.Full()) sum_ -= window_.Oldest();
    window_.Push(bar.close);
    sum_ += bar.close;
    out[0] = window_.Full() ? sum_ / static_cast<double>(period_) : kNaN;
  }

 private:
  std::size_t period_;
  RingBuffer window_;
  double sum_ = 0.0;
};

}  // namespace

void RegisterOverlapStudies(Registry& registry) {
  Register<Sma>(registry, {"SMA", "Simple Moving Average", "Overlap Studies", kClose,
                           {{"period", "Period", ParamKind::kInteger, 30, 2, 100000}}, {"real"}, true, true,
                           nullptr, nullptr, nullptr});
}

}  // namespace quorum::ind
