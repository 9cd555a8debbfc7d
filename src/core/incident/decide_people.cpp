// Decide (command.hpp) for who takes part: roles, responders and their tasks.
#include <algorithm>

#include "core/incident/decide_checks.hpp"
#include "core/incident/decider.hpp"

namespace warroom::core::decide {

Decider::R Decider::operator()(const commands::AssignRole& c) {
  if (s.status == Status::kClosed || s.status == Status::kDismissed)
    return Refuse(s, "assign a role");
  WARROOM_RETURN_IF_ERROR(RequireText(c.user, "the user to assign", kMaxShortText));
  if (c.role == Role::kIncidentCommander)
    WARROOM_RETURN_IF_ERROR(RequireMayAssignCommander(s, ctx, c.user));
  WARROOM_RETURN_IF_ERROR(RequireNotViewer(s, ctx, c.user, "hold a role"));
  auto it = s.roles.find(c.role);
  std::string previous = it == s.roles.end() ? std::string() : it->second;
  if (previous == c.user)
    return Error::FailedPrecondition(c.user + " is already " + std::string(RoleTitle(c.role)) +
                                     " of " + s.id);
  return One(events::RoleAssigned{c.role, c.user, previous});
}

Decider::R Decider::operator()(const commands::Join& c) {
  if (s.status == Status::kClosed || s.status == Status::kDismissed) return Refuse(s, "join");
  WARROOM_RETURN_IF_ERROR(RequireText(c.user, "the responder", kMaxShortText));
  WARROOM_RETURN_IF_ERROR(RequireNotViewer(s, ctx, c.user, "join as a responder"));
  if (std::find(s.responders.begin(), s.responders.end(), c.user) != s.responders.end())
    return Error::FailedPrecondition(c.user + " is already a responder on " + s.id);
  return One(events::ResponderJoined{c.user});
}

Decider::R Decider::operator()(const commands::Leave& c) {
  if (std::find(s.responders.begin(), s.responders.end(), c.user) == s.responders.end())
    return Error::FailedPrecondition(c.user + " is not a responder on " + s.id);
  return One(events::ResponderLeft{c.user});
}

Decider::R Decider::operator()(const commands::AddTask& c) {
  if (s.status == Status::kClosed || s.status == Status::kDismissed) return Refuse(s, "add a task");
  WARROOM_RETURN_IF_ERROR(RequireText(c.title, "task title", kMaxShortText));
  if (!c.assignee.empty())
    WARROOM_RETURN_IF_ERROR(RequireNotViewer(s, ctx, c.assignee, "be assigned a task"));
  return One(events::TaskAdded{static_cast<std::int64_t>(s.tasks.size()) + 1, c.title, c.assignee});
}

Decider::R Decider::operator()(const commands::CompleteTask& c) {
  for (const Task& t : s.tasks) {
    if (t.id == c.task_id) {
      if (t.done)
        return Error::FailedPrecondition("task " + std::to_string(t.id) + " of " + s.id +
                                         " is already done");
      return One(events::TaskCompleted{c.task_id});
    }
  }
  return Error::NotFound(s.id + " has no task " + std::to_string(c.task_id));
}

}  // namespace warroom::core::decide
