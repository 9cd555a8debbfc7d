#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/time_zone.hpp"
#include "core/status_page/maintenance.hpp"
#include "core/status_page/public_incident.hpp"

namespace warroom::core::status_page {

struct Link {
  std::string name;
  std::string url;
  bool operator==(const Link&) const = default;
};

// The page as configured: what it is called, where it is served, and how
// incidents show on it.
struct PageSettings {
  std::string name = "Status";
  std::string url;  // its public address, for links in the feed and mails (empty: the server's)
  std::string logo_url;
  std::string time_zone = "UTC";  // how the page shows times
  std::shared_ptr<const TimeZone> zone = std::make_shared<FixedOffsetZone>();  // time_zone's
  std::vector<Link> links;
  int history_days = 90;
  PublicRules rules{DefaultComponents()};
  bool subscriptions = false;  // the page offers subscriptions (a link to /status/subscribe)

  // API, Dashboard, Scheduler and Integrations.
  static std::vector<Component> DefaultComponents();
};

// A status a person set for a component (the page's own record of it).
struct ManualStatus {
  std::string component;
  ComponentStatus status = ComponentStatus::kOperational;
  TimePoint at;
  std::string by;
};

// One day (UTC) of a component's history.
struct DayUptime {
  TimePoint day;  // its midnight, UTC
  double uptime = 1.0;
  ComponentStatus worst = ComponentStatus::kOperational;
  Duration major{};    // in major outage
  Duration partial{};  // in partial outage
  Duration degraded{};
};

struct ComponentView {
  Component component;
  ComponentStatus status = ComponentStatus::kOperational;
  TimePoint updated_at;         // when it last changed (the page's start when never)
  std::vector<DayUptime> days;  // oldest first, today last
  double uptime = 1.0;          // over all the days
};

struct PageView {
  std::vector<ComponentView> components;   // in configured order
  std::vector<PublicIncident> unresolved;  // newest first
  std::vector<PublicIncident> incidents;   // every public incident of the window, newest first
  // Every maintenance not completed before the window, latest window first.
  std::vector<Maintenance> maintenances;
  Indicator indicator = Indicator::kNone;
  std::string description;  // "All Systems Operational", ...
  TimePoint updated_at;
  TimePoint built_at;  // the `now` it was built for

  std::vector<const Maintenance*> MaintenancesIn(MaintenanceStatus s) const;
  // In progress or verifying.
  std::vector<const Maintenance*> ActiveMaintenances() const;
};

// The status of one component at `t`: the latest of what a person set and
// what incidents (and maintenances: `incidents` holds both) hold decides.
// While incidents hold it, their worst status, unless a person set one since
// the latest of them began; with none, what a person last set (operational
// when never). So an incident's outage ends with it, unless a person said
// otherwise meanwhile.
ComponentStatus StatusAt(const std::string& component, const std::vector<PublicIncident>& incidents,
                         const std::vector<ManualStatus>& manual, TimePoint t);

// The page as of `now`: each component's status and `days` days of history
// (a day's uptime counts a major outage whole and a partial outage at 30%,
// as the hosted Statuspage does), the unresolved and recent incidents, and
// the roll-up (the worst of the unresolved incidents' impact and the
// components' statuses; maintenance when that is all, or a maintenance runs).
// A running maintenance holds its components under maintenance as an
// incident holds them, so an incident's outage still shows over it.
PageView BuildPage(const std::vector<Component>& components, std::vector<PublicIncident> incidents,
                   const std::vector<ManualStatus>& manual, std::vector<Maintenance> maintenances,
                   TimePoint now, int days = 90);

}  // namespace warroom::core::status_page
