#include "engine/incident_access.hpp"

#include <algorithm>

namespace warroom::engine {

bool CanSee(const Caller& caller, core::Visibility visibility,
            const std::vector<std::string>& participants) {
  return visibility == core::Visibility::kPublic || caller.IsAdmin() ||
         std::find(participants.begin(), participants.end(), caller.handle) != participants.end();
}

bool CanSee(const Caller& caller, const core::IncidentState& s) {
  return CanSee(caller, s.visibility, s.Participants());
}

bool CanSee(const Caller& caller, const store::IncidentRow& r) {
  return CanSee(caller, r.visibility, r.participants);
}

Error NoSuchIncident(const std::string& id) {
  return Error::NotFound("no incident " + id + " (list incidents with `warroom list`)");
}

}  // namespace warroom::engine
