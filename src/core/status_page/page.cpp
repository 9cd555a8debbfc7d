#include "core/status_page/page.hpp"

#include <algorithm>
#include <set>

namespace warroom::core::status_page {

namespace {

constexpr Duration kDay = std::chrono::hours(24);

TimePoint MidnightOf(TimePoint t) { return std::chrono::floor<std::chrono::days>(t); }

Indicator IndicatorOf(ComponentStatus s) {
  switch (s) {
    case ComponentStatus::kMajorOutage:
      return Indicator::kCritical;
    case ComponentStatus::kPartialOutage:
      return Indicator::kMajor;
    case ComponentStatus::kDegradedPerformance:
      return Indicator::kMinor;
    case ComponentStatus::kUnderMaintenance:
      return Indicator::kMaintenance;
    default:
      return Indicator::kNone;
  }
}

Indicator IndicatorOf(Impact i) {
  switch (i) {
    case Impact::kCritical:
      return Indicator::kCritical;
    case Impact::kMajor:
      return Indicator::kMajor;
    case Impact::kMinor:
      return Indicator::kMinor;
    default:
      return Indicator::kNone;
  }
}

// Severity order for the roll-up: maintenance ranks above none only.
int Rank(Indicator i) {
  switch (i) {
    case Indicator::kMaintenance:
      return 1;
    case Indicator::kMinor:
      return 2;
    case Indicator::kMajor:
      return 3;
    case Indicator::kCritical:
      return 4;
    default:
      return 0;
  }
}

std::string Describe(Indicator i) {
  switch (i) {
    case Indicator::kCritical:
      return "Major Service Outage";
    case Indicator::kMajor:
      return "Partial System Outage";
    case Indicator::kMinor:
      return "Minor Service Outage";
    case Indicator::kMaintenance:
      return "Service Under Maintenance";
    default:
      return "All Systems Operational";
  }
}

// Every time at which `component`'s status may change.
std::vector<TimePoint> ChangesOf(const std::string& component,
                                 const std::vector<PublicIncident>& incidents,
                                 const std::vector<ManualStatus>& manual) {
  std::set<TimePoint> out;
  for (const PublicIncident& p : incidents)
    for (const Contribution& c : p.contributions) {
      if (c.component != component) continue;
      out.insert(c.from);
      if (c.to) out.insert(*c.to);
    }
  for (const ManualStatus& m : manual)
    if (m.component == component) out.insert(m.at);
  return {out.begin(), out.end()};
}

}  // namespace

std::vector<Component> PageSettings::DefaultComponents() {
  return {{"api", "API", "", "The public API"},
          {"dashboard", "Dashboard", "", "The web application"},
          {"scheduler", "Scheduler", "", "Scheduled and background work"},
          {"integrations", "Integrations", "", "Connections to other services"}};
}

ComponentStatus StatusAt(const std::string& component, const std::vector<PublicIncident>& incidents,
                         const std::vector<ManualStatus>& manual, TimePoint t) {
  const ManualStatus* set = nullptr;
  for (const ManualStatus& m : manual)
    if (m.component == component && m.at <= t && (!set || m.at >= set->at)) set = &m;
  bool held = false;
  ComponentStatus worst = ComponentStatus::kOperational;
  TimePoint latest{};
  for (const PublicIncident& p : incidents)
    for (const Contribution& c : p.contributions) {
      if (c.component != component || c.from > t || (c.to && *c.to <= t)) continue;
      worst = held ? std::max(worst, c.status) : c.status;
      latest = held ? std::max(latest, c.from) : c.from;
      held = true;
    }
  if (held && !(set && set->at > latest)) return worst;
  return set ? set->status : ComponentStatus::kOperational;
}

std::vector<const Maintenance*> PageView::MaintenancesIn(MaintenanceStatus s) const {
  std::vector<const Maintenance*> out;
  for (const Maintenance& m : maintenances)
    if (m.StatusAt(built_at) == s) out.push_back(&m);
  return out;
}

std::vector<const Maintenance*> PageView::ActiveMaintenances() const {
  std::vector<const Maintenance*> out;
  for (const Maintenance& m : maintenances)
    if (m.Running(built_at)) out.push_back(&m);
  return out;
}

PageView BuildPage(const std::vector<Component>& components, std::vector<PublicIncident> incidents,
                   const std::vector<ManualStatus>& manual, std::vector<Maintenance> maintenances,
                   TimePoint now, int days) {
  PageView v;
  v.built_at = now;
  TimePoint first_day = MidnightOf(now) - (days - 1) * kDay;
  std::sort(
      incidents.begin(), incidents.end(),
      [](const PublicIncident& a, const PublicIncident& b) { return a.created_at > b.created_at; });
  std::erase_if(maintenances, [&](const Maintenance& m) { return m.EndsAt() < first_day; });
  std::sort(
      maintenances.begin(), maintenances.end(),
      [](const Maintenance& a, const Maintenance& b) { return a.scheduled_for > b.scheduled_for; });
  // What holds components: the incidents, and each maintenance as one more
  // holder with only its span under maintenance.
  std::vector<PublicIncident> holders = incidents;
  for (const Maintenance& m : maintenances) {
    PublicIncident h;
    h.contributions = m.Contributions();
    holders.push_back(std::move(h));
  }
  Indicator roll = Indicator::kNone;
  for (const Maintenance& m : maintenances)
    if (m.Running(now)) roll = Indicator::kMaintenance;
  for (const Component& c : components) {
    ComponentView cv;
    cv.component = c;
    cv.status = StatusAt(c.id, holders, manual, now);
    cv.updated_at = first_day;
    std::vector<TimePoint> changes = ChangesOf(c.id, holders, manual);
    for (TimePoint t : changes)
      if (t <= now) cv.updated_at = std::max(cv.updated_at, t);
    Duration down{}, total{};
    for (int d = 0; d < days; ++d) {
      DayUptime day;
      day.day = first_day + d * kDay;
      TimePoint end = std::min(day.day + kDay, now);
      // Piecewise constant between changes: evaluated once per piece.
      std::vector<TimePoint> cuts{day.day};
      for (TimePoint t : changes)
        if (t > day.day && t < end) cuts.push_back(t);
      cuts.push_back(end);
      for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
        Duration len = cuts[i + 1] - cuts[i];
        if (len <= Duration::zero()) continue;
        ComponentStatus s = StatusAt(c.id, holders, manual, cuts[i]);
        day.worst = std::max(day.worst, s);
        if (s == ComponentStatus::kMajorOutage) day.major += len;
        if (s == ComponentStatus::kPartialOutage) day.partial += len;
        if (s == ComponentStatus::kDegradedPerformance) day.degraded += len;
      }
      Duration span = end > day.day ? end - day.day : Duration::zero();
      Duration lost = day.major + day.partial * 3 / 10;
      day.uptime = span > Duration::zero() ? 1.0 - std::chrono::duration<double>(lost).count() /
                                                       std::chrono::duration<double>(span).count()
                                           : 1.0;
      down += lost;
      total += span;
      cv.days.push_back(day);
    }
    cv.uptime = total > Duration::zero() ? 1.0 - std::chrono::duration<double>(down).count() /
                                                     std::chrono::duration<double>(total).count()
                                         : 1.0;
    Indicator i = IndicatorOf(cv.status);
    if (Rank(i) > Rank(roll)) roll = i;
    v.updated_at = std::max(v.updated_at, cv.updated_at);
    v.components.push_back(std::move(cv));
  }
  for (PublicIncident& p : incidents) {
    v.updated_at = std::max(v.updated_at, p.updated_at);
    if (!p.Resolved()) {
      Indicator i = IndicatorOf(p.impact);
      if (Rank(i) > Rank(roll)) roll = i;
      v.unresolved.push_back(p);
    }
  }
  v.incidents = std::move(incidents);
  for (const Maintenance& m : maintenances) v.updated_at = std::max(v.updated_at, m.ChangedAt(now));
  v.maintenances = std::move(maintenances);
  v.indicator = roll;
  v.description = Describe(roll);
  return v;
}

}  // namespace warroom::core::status_page
