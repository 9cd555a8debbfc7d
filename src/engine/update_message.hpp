#pragma once

#include <map>
#include <string>

#include "core/incident/state.hpp"
#include "engine/message_renderer.hpp"
#include "engine/policy_registry.hpp"

namespace warroom::engine {

// The fields the "update-posted" notification renders an update with:
// its text and, for an internal or status-page update of an open incident
// whose severity has a cadence (unless the text already says), when the
// next update is due: the last quarter-hour at or before `posted` + the
// cadence. One rule for the message sent and the preview that shows it.
std::map<std::string, std::string> UpdateMessageFields(const core::IncidentState& s,
                                                       const PolicyEntry& p,
                                                       const std::string& text,
                                                       core::Audience audience, TimePoint posted);

// A templated update rendered as posting it at `at` would render it: the
// template (the next update a cadence from `at`) and, in delivered_text,
// the message its audience's destinations then receive (the update as the
// timeline records it, with the "update-posted" notification around it).
// The preview and the send both call this: equal digests, equal messages.
Result<RenderedMessage> RenderUpdate(const MessageRenderer& r, const PolicyEntry& p,
                                     const core::IncidentState& s, TimePoint at,
                                     std::string_view template_name);

}  // namespace warroom::engine
