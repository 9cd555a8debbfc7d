#pragma once

#include <vector>

#include "core/incident/event.hpp"
#include "core/status_page/page.hpp"

namespace warroom::core::status_page {

// What people set on the page, from the status-page chain's events (in
// order): each component's statuses as set, for BuildPage. A setting of a
// component the configuration no longer has, or of a status this version
// does not know, is skipped: the page shows what it can.
std::vector<ManualStatus> ManualStatusesOf(const std::vector<Event>& chain,
                                           const std::vector<Component>& components);

}  // namespace warroom::core::status_page
