#pragma once

#include <string>
#include <vector>

#include "base/result.hpp"
#include "core/incident/state.hpp"
#include "engine/caller.hpp"
#include "store/records.hpp"

namespace warroom::engine {

// Who may see an incident, and what one they may not see answers: the
// rule every service asks (incidents, their alerts, freezes, triage).

// The one rule: everyone when the incident is public, otherwise admins and
// its participants.
bool CanSee(const Caller& caller, core::Visibility visibility,
            const std::vector<std::string>& participants);
// The same, for the incident's state and for its list row.
bool CanSee(const Caller& caller, const core::IncidentState& s);
bool CanSee(const Caller& caller, const store::IncidentRow& r);

// kNotFound for an unknown incident, and as well for one the caller may not
// see: a restricted incident's existence does not leak.
Error NoSuchIncident(const std::string& id);

}  // namespace warroom::engine
