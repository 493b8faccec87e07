#include <algorithm>
#include <stdexcept>

#include "indicator.h"

namespace quorum::ind {

void Registry::Add(IndicatorInfo info, std::size_t class_outputs) {
  for (const auto& existing : items_) {
    if (existing.name == info.name) throw std::logic_error("indicator registered twice: " + info.name);
  }
  if (info.outputs.size() != class_outputs) {
    throw std::logic_error("indicator " + info.name + " lists a different number of outputs than its class writes");
  }
  items_.push_back(std::move(info));
}

const std::vector<IndicatorInfo>& AllIndicators() {
  static const std::vector<IndicatorInfo> all = [] {
    Registry registry;
    RegisterOverlapStudies(registry);
    RegisterPriceTransforms(registry);
    RegisterMomentumIndicators(registry);
    RegisterMaBasedMomentum(registry);
    RegisterVolatilityIndicators(registry);
    RegisterVolumeIndicators(registry);
    RegisterStatisticFunctions(registry);
    std::vector<IndicatorInfo> items = registry.All();
    std::sort(items.begin(), items.end(), [](const IndicatorInfo& a, const IndicatorInfo& b) { return a.name < b.name; });
    return items;
  }();
  return all;
}

const IndicatorInfo* FindIndicator(const std::string& name) {
  for (const auto& info : AllIndicators()) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

}  // namespace quorum::ind
