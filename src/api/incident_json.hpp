#pragma once

#include <boost/json.hpp>

#include "core/clocks/clocks.hpp"
#include "core/incident/state.hpp"
#include "core/metrics/incident_metrics.hpp"
#include "core/severity/policy.hpp"

namespace warroom::api {

// GET /api/v1/incidents/{id} and `warroom show --json`: a public format.
boost::json::object EncodeState(const core::IncidentState& s);
boost::json::array EncodeClocks(const std::vector<core::ClockView>& clocks);
boost::json::object EncodeMetrics(const core::IncidentMetrics& m);

// One row of GET /api/v1/incidents.
boost::json::object EncodeListRow(const core::IncidentState& s);

// GET /api/v1/policy and `warroom policy show --json`.
boost::json::object EncodePolicy(const core::Policy& p);

}  // namespace warroom::api
