#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/incident/event.hpp"
#include "core/status_page/component_status.hpp"

namespace warroom::core::status_page {

// A component of the page (configured: id, name, group).
struct Component {
  std::string id;  // api, dashboard, ... (what incidents name as affected, and the API's id)
  std::string name;
  std::string group;  // empty: not in a group
  std::string description;
  bool operator==(const Component&) const = default;
};

// How an incident's severity shows on the page: the status it gives the
// components it affects until it is mitigated, and its impact while open.
struct PublicRules {
  std::vector<Component> components;
  std::map<Severity, ComponentStatus> component_status{
      {Severity::kP0, ComponentStatus::kMajorOutage},
      {Severity::kP1, ComponentStatus::kPartialOutage},
      {Severity::kP2, ComponentStatus::kDegradedPerformance},
      {Severity::kP3, ComponentStatus::kDegradedPerformance}};
  std::map<Severity, Impact> impact{{Severity::kP0, Impact::kCritical},
                                    {Severity::kP1, Impact::kMajor},
                                    {Severity::kP2, Impact::kMinor},
                                    {Severity::kP3, Impact::kMinor}};
  // What the page calls a restricted incident whose statement was published:
  // never its summary, which the responders wrote for themselves.
  std::string restricted_name = "Security incident";
};

// One update as the public reads it.
struct PublicUpdate {
  std::string status;  // the incident's then: investigating, identified, monitoring, resolved
  std::string body;
  TimePoint at;
  bool operator==(const PublicUpdate&) const = default;
};

// A stretch of time an incident held a component at a status.
struct Contribution {
  std::string component;
  ComponentStatus status = ComponentStatus::kOperational;
  TimePoint from;
  std::optional<TimePoint> to;  // still held
  bool operator==(const Contribution&) const = default;
};

// An incident as the status page shows it. Its id is never shown (a gap in
// the sequence would reveal a hidden incident): the slug names it.
struct PublicIncident {
  std::string id;
  std::string slug;
  std::string name;
  std::string status;  // investigating, identified, monitoring, resolved
  Impact impact = Impact::kNone;
  TimePoint started_at;  // the impact's start (else the declaration)
  TimePoint created_at;  // its first public update
  TimePoint updated_at;  // its latest public update or change
  std::optional<TimePoint> monitoring_at;
  std::optional<TimePoint> resolved_at;
  std::vector<std::string> components;  // affected, as component ids
  std::vector<PublicUpdate> updates;    // newest first
  std::vector<Contribution> contributions;
  bool Resolved() const { return resolved_at.has_value(); }
};

// What the page says of a lifecycle status: closed and dismissed read as
// resolved (Statuspage's statuses).
std::string PublicStatus(Status s);

// The public face of one incident from its history, or nullopt while it has
// none: an incident appears once something was posted to the status-page
// audience. A restricted one appears only through the statements posted
// while it was restricted (which only a publisher may post), under
// rules.restricted_name, with no components and no part in the uptime: what
// was said before it was restricted, its summary and what it affects stay
// internal. Its components' outage counts from when it really began, so the
// history is honest about an incident published late.
std::optional<PublicIncident> PublicIncidentOf(const std::vector<Event>& history,
                                               const PublicRules& rules, std::string slug);

// Whether `id` is a configured component's.
bool IsComponent(const std::vector<Component>& components, const std::string& id);

// The component ids of `names` (an impact's affected components, as people
// wrote them): matched by id or by name, in any case; unknown ones dropped.
std::vector<std::string> ComponentIds(const std::vector<std::string>& names,
                                      const std::vector<Component>& components);

}  // namespace warroom::core::status_page
