#pragma once

// An incident as the pages show it: the API's own JSON of it (so a page and
// GET /api/v1/incidents/{id} never disagree), with what a template cannot
// compute itself: the roles as a list with their titles, the clocks that
// still matter (pending or breached), the caller's open tasks, and flags
// such as "breached" for sections.

#include <boost/json.hpp>

#include "engine/caller.hpp"
#include "engine/incident_service.hpp"

namespace warroom::http::ui {

boost::json::object IncidentData(const engine::IncidentView& v, const engine::Caller& caller);

// The caller's tasks that are not done, across `views`, each with its
// incident's id and summary.
boost::json::array MyOpenTasks(const std::vector<engine::IncidentView>& views,
                               const engine::Caller& caller);

}  // namespace warroom::http::ui
