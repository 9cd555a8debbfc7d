#pragma once

// The JSON of the status-page chain's events (docs/event-format.md), apart
// from the incidents' so each file keeps one purpose.

#include <boost/json.hpp>

#include "core/incident/event.hpp"

namespace warroom::api {

boost::json::object EncodeStatusPageEvent(const core::events::ComponentStatusSet& c);
boost::json::object EncodeStatusPageEvent(const core::events::MaintenanceScheduled& m);
boost::json::object EncodeStatusPageEvent(const core::events::MaintenanceUpdated& m);

Result<core::EventPayload> DecodeComponentStatusSet(const boost::json::object& o);
Result<core::EventPayload> DecodeMaintenanceScheduled(const boost::json::object& o);
Result<core::EventPayload> DecodeMaintenanceUpdated(const boost::json::object& o);

}  // namespace warroom::api
