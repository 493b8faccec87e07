#include "indicator.h"

namespace quorum::ind {
namespace {

// One value per bar from its own prices, no parameters and no warm-up; the divisions are the
// ones TA-Lib does (a sum divided once).
template <double (*Transform)(const Bar&)>
class PriceTransform {
 public:
  static constexpr std::size_t kOutputs = 1;
  static int Lookback(const Params&) { return 0; }

  explicit PriceTransform(const Params&) {}
  void Update(const Bar& bar, double* out) { out[0] = Transform(bar); }
};

double AveragePrice(const Bar& b) { return (b.high + b.low + b.close + b.open) / 4; }
double MedianPrice(const Bar& b) { return (b.high + b.low) / 2.0; }
double TypicalPrice(const Bar& b) { return (b.high + b.low + b.close) / 3.0; }
double WeightedClosePrice(const Bar& b) { return (b.high + b.low + (b.close * 2.0)) / 4.0; }

constexpr const char* kGroup = "Price Transform";

}  // namespace

void RegisterPriceTransforms(Registry& registry) {
  Register<PriceTransform<AveragePrice>>(registry, {"AVGPRICE", "Average Price", kGroup, kOpen | kHigh | kLow | kClose, {},
                                                    {"real"}, true, true, nullptr, nullptr, nullptr});
  Register<PriceTransform<MedianPrice>>(registry, {"MEDPRICE", "Median Price", kGroup, kHigh | kLow, {}, {"real"}, true, true,
                                                   nullptr, nullptr, nullptr});
  Register<PriceTransform<TypicalPrice>>(registry, {"TYPPRICE", "Typical Price", kGroup, kHigh | kLow | kClose, {}, {"real"},
                                                    true, true, nullptr, nullptr, nullptr});
  Register<PriceTransform<WeightedClosePrice>>(registry, {"WCLPRICE", "Weighted Close Price", kGroup, kHigh | kLow | kClose, {},
                                                          {"real"}, true, true, nullptr, nullptr, nullptr});
}

}  // namespace quorum::ind
