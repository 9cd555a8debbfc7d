#pragma once

// An incident's timeline as the incident page shows it: each event as the
// API answers it (api::EncodeEvent), with a sentence a person reads
// ("Severity P2 -> P1: checkout failing") and the filter it belongs to
// (updates, findings, decisions, alerts, deliveries, or lifecycle).

#include <boost/json.hpp>
#include <string_view>

#include "core/incident/event.hpp"

namespace warroom::http::ui {

// "update", "finding", "decision", "alert", "delivery" or "lifecycle".
std::string_view TimelineCategory(const core::EventPayload& p);

// The sentence for an event (plain text: the template escapes it).
std::string TimelineHeadline(const core::EventPayload& p);

// EncodeEvent(e) with "category", "headline" and "body" (the note's, the
// update's or the resolution's own text, shown whole; "" for others).
boost::json::object TimelineEntry(const core::Event& e);

}  // namespace warroom::http::ui
