#pragma once

#include <string>

#include "core/alerts/alert.hpp"
#include "core/alerts/routing.hpp"
#include "store/records.hpp"

namespace warroom::engine {

// The row the store keeps for `alert`, reported by `integration` and seen
// `now` (first and last seen). Labels and annotations become the JSON object
// text of their columns here, once: the sender's order kept, a structured
// annotation written as the JSON it is. The row's disposition is the
// store's default (triage) until the router sets it.
store::AlertRecord AlertRow(const core::Alert& alert, const std::string& integration,
                            TimePoint now);

// An alert's labels or annotations as the routing rules match them.
core::Labels LabelsForRouting(const core::LabelPairs& labels);
core::Labels LabelsForRouting(const core::Annotations& annotations);

}  // namespace warroom::engine
