#pragma once

// The notifier's rules, one per thing that happened: each a pure function
// from its input (the incident after the command, the event, the policy,
// the routing, the people, now) to the messages that event owes, written to
// the outbox in the command's transaction. rule_table.cpp maps event types
// to them; an event type without a rule (acknowledged, severity changed,
// ...) owes nothing. Every text is rendered from a template
// (notify/builtin_templates.cpp, overridable in the templates file).
#include <vector>

#include "engine/notify_rules/rule_input.hpp"

namespace warroom::engine::notify_rules {

using Outbox = std::vector<store::OutboxMessage>;

// INCIDENT DECLARED to the internal route; the war room; a page to the
// pages route naming the groups the row pages, and to their members.
Outbox Declared(const RuleInput& in, const core::events::Declared& d);
// The update to its audience's route, stating when the next one is due.
Outbox UpdatePosted(const RuleInput& in, const core::events::UpdatePosted& u);
// The IC pages someone: the pages route, and the person or group's members
// (restricted incident or not).
Outbox PageRequested(const RuleInput& in, const core::events::PageRequested& p);
Outbox FreezeDeclared(const RuleInput& in, const core::events::FreezeDeclared& f);
Outbox FreezeLifted(const RuleInput& in, const core::events::FreezeLifted& f);
// A recurrence (alerts of a group fire again) reminds the IC.
Outbox AlertGroupAttached(const RuleInput& in, const core::events::AlertGroupAttached& a);
// Every alert resolved on an open incident: the IC is told to resolve it.
Outbox AlertsResolved(const RuleInput& in, const core::events::AlertsResolved& r);
// Sent, but whether it arrived is unknown: the Communications Lead checks.
Outbox MessageOutcomeUnknown(const RuleInput& in, const core::events::MessageOutcomeUnknown& u);
// An action item added for someone else: its owner is told, in person.
Outbox ActionItemAdded(const RuleInput& in, const core::events::ActionItemAdded& a);
// An overdue action item: its owner (later also the IC), in person.
Outbox ActionItemReminded(const RuleInput& in, const core::events::ActionItemReminded& r);
// INCIDENT RESOLVED to the internal route.
Outbox Resolved(const RuleInput& in, const core::events::Resolved& r);
// A live breach (never a retroactive one): acknowledgment missed -> re-page
// and escalate; update missed -> remind the IC and CL; customer
// communication overdue -> remind the CL; executives not told -> remind the
// IC; target resolution passed -> the engineering manager (P0: the
// executives); PIR due -> remind the IC.
Outbox ClockBreached(const RuleInput& in, const core::events::ClockBreached& b);

// The severity's row of the incident's policy.
inline const core::SeverityLevel& Level(const RuleInput& in) {
  return in.policy.policy.Level(in.state.severity);
}

}  // namespace warroom::engine::notify_rules
