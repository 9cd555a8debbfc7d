#pragma once

// The JSON of the action-item events (docs/event-format.md) and of an action
// item as the API shows it, apart from the other events' so each file keeps
// one purpose.

#include <boost/json.hpp>

#include "core/incident/event.hpp"
#include "core/incident/state.hpp"

namespace warroom::api {

boost::json::object EncodeActionItemEvent(const core::events::ActionItemAdded& a);
boost::json::object EncodeActionItemEvent(const core::events::ActionItemUpdated& u);
boost::json::object EncodeActionItemEvent(const core::events::ActionItemReminded& r);

Result<core::EventPayload> DecodeActionItemAdded(const boost::json::object& o);
Result<core::EventPayload> DecodeActionItemUpdated(const boost::json::object& o);
Result<core::EventPayload> DecodeActionItemReminded(const boost::json::object& o);

// One action item as GET /api/v1/incidents/{id}'s "action_items" has it
// (what the events say; whether it is overdue depends on the day, so the
// action-item list adds it).
boost::json::object EncodeActionItem(const core::ActionItem& a);

}  // namespace warroom::api
