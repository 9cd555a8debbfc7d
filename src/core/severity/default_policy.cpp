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

Policy BuildDefaultPolicy() {
  Policy p;
  p.version = "builtin-1.0";

  SeverityLevel& p0 = p.levels[0];
  p0.severity = Severity::kP0;
  p0.name = "Critical";
  p0.definition = "Complete or near-complete service outage affecting all or most customers";
  p0.examples = {"API completely down (returning 500/503)",
                 "Database inaccessible",
                 "Authentication system down (no one can login)",
                 "Data loss or corruption",
                 "Security breach or active attack",
                 "Payment processing completely broken"};
  p0.impact = {">90% of customers affected", "Core functionality unavailable",
               "Revenue impact significant", "Potential legal/compliance issues"};
  p0.time_basis = TimeBasis::kWall;
  p0.acknowledge = Deadline::Within(minutes(5));
  p0.page_groups = {"incident-commander", "oncall-sre", "oncall-backend"};
  p0.update_cadence = minutes(15);
  p0.customer_communication = {CustomerCommunication::Kind::kWithin, minutes(15), 0};
  p0.executive_notification = {"cto", "ceo"};
  p0.target_resolution_min = hours(1);
  p0.target_resolution_max = hours(4);
  p0.pir = {PirRequirement::Kind::kMandatory, hours(48)};

  SeverityLevel& p1 = p.levels[1];
  p1.severity = Severity::kP1;
  p1.name = "High";
  p1.definition =
      "Major degradation affecting significant portion of customers or critical feature "
      "unavailable";
  p1.examples = {"Scheduler not executing goals",
                 "Social platform integrations failing (all platforms)",
                 "Trading functionality broken",
                 "Severe performance degradation (>5 second response times)",
                 "Credential rotation system down",
                 "Backup failure"};
  p1.impact = {"30-90% of customers affected", "Major feature unavailable",
               "Workarounds difficult or impossible", "Moderate revenue impact"};
  p1.time_basis = TimeBasis::kWall;
  p1.acknowledge = Deadline::Within(minutes(15));
  p1.page_groups = {"oncall-sre"};
  p1.update_cadence = minutes(30);
  p1.customer_communication = {CustomerCommunication::Kind::kWithin, hours(1), 0};
  p1.executive_notification = {"cto", "engineering-manager"};
  p1.target_resolution_min = hours(4);
  p1.target_resolution_max = hours(24);
  p1.pir = {PirRequirement::Kind::kMandatory, weeks(1)};

  SeverityLevel& p2 = p.levels[2];
  p2.severity = Severity::kP2;
  p2.name = "Medium";
  p2.definition =
      "Partial degradation or non-critical feature impaired, affecting subset of customers";
  p2.examples = {"Single platform integration failing (Instagram only)",
                 "Performance degradation (<5 second response times)",
                 "Non-critical API endpoints down", "Intermittent errors (<10% failure rate)",
                 "CP UI bug affecting workflow"};
  p2.impact = {"<30% of customers affected", "Workarounds available", "Minor revenue impact",
               "Business continuity maintained"};
  p2.time_basis = TimeBasis::kBusiness;
  p2.acknowledge = Deadline::Within(minutes(30));
  p2.chat_notification = true;
  p2.update_cadence = hours(2);
  p2.customer_communication = {CustomerCommunication::Kind::kWhenCustomersOver, {}, 10};
  p2.target_resolution_min = days(1);
  p2.target_resolution_max = days(3);
  p2.pir = {PirRequirement::Kind::kOptional, {}};

  SeverityLevel& p3 = p.levels[3];
  p3.severity = Severity::kP3;
  p3.name = "Low";
  p3.definition = "Minor issues, cosmetic bugs, or isolated customer issues";
  p3.examples = {"Single customer experiencing unique issue", "UI cosmetic bug",
                 "Documentation incorrect", "Non-customer-facing system degraded",
                 "Monitoring alert with no customer impact"};
  p3.impact = {"<5% of customers (or single customer)", "No business impact", "Easy workarounds"};
  p3.time_basis = TimeBasis::kBusiness;
  p3.acknowledge = Deadline::CloseOfNextBusinessDay();
  p3.customer_communication = {CustomerCommunication::Kind::kDirectToAffected, {}, 0};
  p3.target_resolution_min = weeks(1);
  p3.target_resolution_max = weeks(2);
  p3.pir = {PirRequirement::Kind::kNone, {}};

  p.roles = {
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
