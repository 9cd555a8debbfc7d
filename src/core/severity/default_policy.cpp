// The spec's procedures (incident-response-procedures.md, version 1.0) as
// warroom's default configuration. Every number here is data an operator can
// replace with `warroom serve --policy FILE`.
#include <algorithm>

#include "core/severity/policy.hpp"

namespace warroom::core {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::weeks;

// P0, "Critical" in the spec.
SeverityLevel P0Level() {
  SeverityLevel l;
  l.severity = Severity::kP0;
  l.name = "Critical";
  l.definition = "Complete or near-complete service outage affecting all or most customers";
  l.examples = {"API completely down (returning 500/503)",
                "Database inaccessible",
                "Authentication system down (no one can login)",
                "Data loss or corruption",
                "Security breach or active attack",
                "Payment processing completely broken"};
  l.impact = {">90% of customers affected", "Core functionality unavailable",
              "Revenue impact significant", "Potential legal/compliance issues"};
  l.time_basis = TimeBasis::kWall;
  l.acknowledge = Deadline::Within(minutes(5));
  l.page_groups = {"incident-commander", "oncall-sre", "oncall-backend"};
  l.update_cadence = minutes(15);
  l.customer_communication = {CustomerCommunication::Kind::kWithin, minutes(15), 0};
  l.executive_notification = {"cto", "ceo"};
  l.target_resolution_min = hours(1);
  l.target_resolution_max = hours(4);
  l.pir = {PirRequirement::Kind::kMandatory, hours(48)};
  return l;
}

// P1, "High" in the spec.
SeverityLevel P1Level() {
  SeverityLevel l;
  l.severity = Severity::kP1;
  l.name = "High";
  l.definition =
      "Major degradation affecting significant portion of customers or critical feature "
      "unavailable";
  l.examples = {"Scheduler not executing goals",
                "Social platform integrations failing (all platforms)",
                "Trading functionality broken",
                "Severe performance degradation (>5 second response times)",
                "Credential rotation system down",
                "Backup failure"};
  l.impact = {"30-90% of customers affected", "Major feature unavailable",
              "Workarounds difficult or impossible", "Moderate revenue impact"};
  l.time_basis = TimeBasis::kWall;
  l.acknowledge = Deadline::Within(minutes(15));
  l.page_groups = {"oncall-sre"};
  l.update_cadence = minutes(30);
  l.customer_communication = {CustomerCommunication::Kind::kWithin, hours(1), 0};
  l.executive_notification = {"cto", "engineering-manager"};
  l.target_resolution_min = hours(4);
  l.target_resolution_max = hours(24);
  l.pir = {PirRequirement::Kind::kMandatory, weeks(1)};
  return l;
}

// P2, "Medium" in the spec.
SeverityLevel P2Level() {
  SeverityLevel l;
  l.severity = Severity::kP2;
  l.name = "Medium";
  l.definition =
      "Partial degradation or non-critical feature impaired, affecting subset of customers";
  l.examples = {"Single platform integration failing (Instagram only)",
                "Performance degradation (<5 second response times)",
                "Non-critical API endpoints down", "Intermittent errors (<10% failure rate)",
                "CP UI bug affecting workflow"};
  l.impact = {"<30% of customers affected", "Workarounds available", "Minor revenue impact",
              "Business continuity maintained"};
  l.time_basis = TimeBasis::kBusiness;
  l.acknowledge = Deadline::Within(minutes(30));
  l.chat_notification = true;
  l.update_cadence = hours(2);
  l.customer_communication = {CustomerCommunication::Kind::kWhenCustomersOver, {}, 10};
  l.target_resolution_min = days(1);
  l.target_resolution_max = days(3);
  l.pir = {PirRequirement::Kind::kOptional, {}};
  return l;
}

// P3, "Low" in the spec.
SeverityLevel P3Level() {
  SeverityLevel l;
  l.severity = Severity::kP3;
  l.name = "Low";
  l.definition = "Minor issues, cosmetic bugs, or isolated customer issues";
  l.examples = {"Single customer experiencing unique issue", "UI cosmetic bug",
                "Documentation incorrect", "Non-customer-facing system degraded",
                "Monitoring alert with no customer impact"};
  l.impact = {"<5% of customers (or single customer)", "No business impact", "Easy workarounds"};
  l.time_basis = TimeBasis::kBusiness;
  l.acknowledge = Deadline::CloseOfNextBusinessDay();
  l.customer_communication = {CustomerCommunication::Kind::kDirectToAffected, {}, 0};
  l.target_resolution_min = weeks(1);
  l.target_resolution_max = weeks(2);
  l.pir = {PirRequirement::Kind::kNone, {}};
  return l;
}

// The four roles, their duties, their authority and who fills them.
std::vector<RoleDefinition> DefaultRoles() {
  return {
      {Role::kIncidentCommander,
       {"Declares incident and assigns severity", "Coordinates all response activities",
        "Decides on mitigation strategies", "Maintains incident timeline",
        "Communicates to stakeholders", "Declares incident resolved",
        "Schedules post-incident review"},
       {"Can page anyone, even off-duty", "Can make rollback decisions without approval",
        "Can declare code freeze", "Can escalate to executives"},
       "On-call SRE Lead (primary), Engineering Manager (backup)",
       {"oncall-sre-lead", "engineering-manager"}},
      {Role::kTechnicalLead,
       {"Leads technical investigation", "Proposes mitigation strategies",
        "Coordinates with other engineers", "Reviews code/config changes",
        "Validates fixes before deployment"},
       {},
       "On-call Backend Engineer or most experienced engineer available",
       {"oncall-backend"}},
      {Role::kCommunicationsLead,
       {"Drafts customer communications", "Updates status page", "Handles executive updates",
        "Manages support ticket responses", "Coordinates with PR/marketing (if public incident)"},
       {},
       "Operations Lead or Customer Success Manager",
       {"operations-lead", "customer-success"}},
      {Role::kScribe,
       {"Documents timeline in incident doc", "Records decisions made", "Notes action items",
        "Captures metrics (time to detect, time to mitigate, etc.)", "Prepares PIR summary"},
       {},
       "Any available team member (rotates)",
       {}},
  };
}

Policy BuildDefaultPolicy() {
  Policy p;
  p.version = "builtin-1.0";
  p.levels = {P0Level(), P1Level(), P2Level(), P3Level()};
  p.roles = DefaultRoles();

  p.targets = {{"mttd", Severity::kP0, minutes(5)},
               {"mtta", Severity::kP0, minutes(5)},
               {"mttr", Severity::kP0, hours(4)},
               {"mttr", Severity::kP1, hours(24)}};

  p.root_cause_categories = {"deployment", "code-defect", "configuration", "infrastructure",
                             "capacity",   "database",    "dependency",    "data-corruption",
                             "security",   "human-error", "unknown"};
  return p;
}

}  // namespace

const Policy& DefaultPolicy() {
  static const Policy kPolicy = BuildDefaultPolicy();
  return kPolicy;
}

const RoleDefinition* Policy::FindRole(Role r) const {
  for (const auto& d : roles) {
    if (d.role == r) return &d;
  }
  return nullptr;
}

bool Policy::HasRootCauseCategory(std::string_view c) const {
  return std::find(root_cause_categories.begin(), root_cause_categories.end(), c) !=
         root_cause_categories.end();
}

std::vector<std::string> ValidatePolicy(const Policy& p) {
  std::vector<std::string> errors;
  if (p.version.empty()) errors.push_back("version: must not be empty");
  for (std::size_t i = 0; i < p.levels.size(); ++i) {
    const SeverityLevel& l = p.levels[i];
    std::string where = "severities." + std::string(SeverityName(static_cast<Severity>(i)));
    if (l.severity != static_cast<Severity>(i)) errors.push_back(where + ": out of order");
    if (l.name.empty()) errors.push_back(where + ".name: must not be empty");
    if (l.acknowledge.kind == Deadline::Kind::kWithin && l.acknowledge.within <= Duration::zero())
      errors.push_back(where + ".acknowledge: must be a positive duration");
    if (l.update_cadence && *l.update_cadence <= Duration::zero())
      errors.push_back(where + ".update_cadence: must be a positive duration");
    if (l.target_resolution_max < l.target_resolution_min)
      errors.push_back(where + ".target_resolution: the upper bound is below the lower bound");
    if (l.customer_communication.kind == CustomerCommunication::Kind::kWhenCustomersOver &&
        !l.update_cadence)
      errors.push_back(where +
                       ".customer_communication: 'when customers over' is due one update "
                       "cadence later, so the level needs an update_cadence");
    if (l.pir.kind == PirRequirement::Kind::kMandatory && l.pir.within <= Duration::zero())
      errors.push_back(where + ".post_incident_review: a mandatory PIR needs 'within'");
  }
  const BusinessHours& b = p.business_hours;
  if (b.days.empty()) errors.push_back("business_hours.days: at least one working day");
  for (unsigned d : b.days)
    if (d > 6) errors.push_back("business_hours.days: day numbers are 0 (Sunday) to 6");
  if (b.end <= b.start) errors.push_back("business_hours: end must be after start");
  if (b.end > std::chrono::hours(24)) errors.push_back("business_hours.end: at most 24:00");
  if (p.root_cause_categories.empty())
    errors.push_back("root_cause_categories: at least one category");
  const ClassifierRules& c = p.classifier;
  if (!(c.p2_from_pct <= c.p1_from_pct && c.p1_from_pct <= c.p0_above_pct))
    errors.push_back("classifier: thresholds must rise from p2_from_pct to p0_above_pct");
  return errors;
}

}  // namespace warroom::core
