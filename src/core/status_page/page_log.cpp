#include "core/status_page/page_log.hpp"

namespace warroom::core::status_page {

std::vector<ManualStatus> ManualStatusesOf(const std::vector<Event>& chain,
                                           const std::vector<Component>& components) {
  std::vector<ManualStatus> out;
  for (const Event& e : chain) {
    const auto* set = std::get_if<events::ComponentStatusSet>(&e.payload);
    if (!set) continue;
    auto status = ParseComponentStatus(set->status);
    if (!IsComponent(components, set->component) || !status.ok()) continue;
    out.push_back(ManualStatus{set->component, *status, e.occurred_at, e.actor.id});
  }
  return out;
}

}  // namespace warroom::core::status_page
