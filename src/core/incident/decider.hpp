#pragma once

#include <vector>

#include "core/incident/command.hpp"

namespace warroom::core::decide {

// Decide's visitor: one overload per command, each checking the command
// against the state and the context and returning the events it produces,
// or the Error that refuses it (Decide has already checked the command's
// time). Pure. The overloads live by family: decide_lifecycle.cpp,
// decide_people.cpp, decide_action_items.cpp, decide_timeline.cpp, decide_controls.cpp and
// decide_recorded.cpp (what warroom itself records).
struct Decider {
  const IncidentState& s;
  const CommandContext& ctx;
  TimePoint at;  // when the events occur

  using R = Result<std::vector<EventPayload>>;
  static R One(EventPayload p) { return std::vector<EventPayload>{std::move(p)}; }

  // decide_lifecycle.cpp
  R operator()(const commands::Declare& c);
  R operator()(const commands::Acknowledge& c);
  R operator()(const commands::ChangeSeverity& c);
  R operator()(const commands::Identify& c);
  R operator()(const commands::Mitigate& c);
  R operator()(const commands::Resolve& c);
  R operator()(const commands::Close& c);
  R operator()(const commands::Reopen& c);
  R operator()(const commands::Dismiss& c);
  // decide_people.cpp
  R operator()(const commands::AssignRole& c);
  R operator()(const commands::Join& c);
  R operator()(const commands::Leave& c);
  R operator()(const commands::AddTask& c);
  R operator()(const commands::CompleteTask& c);
  // decide_action_items.cpp
  R operator()(const commands::AddActionItem& c);
  R operator()(const commands::UpdateActionItem& c);
  R operator()(const commands::RemindActionItem& c);
  // decide_timeline.cpp
  R operator()(const commands::AddNote& c);
  R operator()(const commands::PostUpdate& c);
  R operator()(const commands::AddLink& c);
  R operator()(const commands::UpdateImpact& c);
  // decide_controls.cpp
  R operator()(const commands::Page& c);
  R operator()(const commands::Freeze& c);
  R operator()(const commands::Unfreeze& c);
  R operator()(const commands::ChangeVisibility& c);
  // decide_recorded.cpp
  R operator()(const commands::RecordBreach& c);
  R operator()(const commands::RecordMessageOutcome& c);
  R operator()(const commands::AttachAlerts& c);
  R operator()(const commands::RecordAlertsResolved& c);
};

}  // namespace warroom::core::decide
