#pragma once

#include <string>
#include <string_view>

#include "base/result.hpp"

namespace warroom::core {

// Where an incident is in the spec's lifecycle; the names are the status
// page's words.
enum class Status {
  kInvestigating,  // declared; the cause is being looked for
  kIdentified,     // the root cause is known; service not yet restored
  kMonitoring,     // service restored (mitigated); watching for stability
  kResolved,       // fully resolved; the PIR may still be owed
  kClosed,         // the PIR is done or none is required
  kDismissed,      // a false alarm: kept out of the metrics
};

// Who may see an incident.
enum class Visibility {
  kPublic,      // every user of this warroom
  kRestricted,  // only its participants and admins (security incidents)
};

// How the incident was detected (the spec's Phase 1).
enum class DetectionSource {
  kAutomatedMonitoring,  // an alert from Prometheus, Grafana, PagerDuty, ...
  kCustomerReport,       // a support ticket or customer escalation
  kInternalDiscovery,    // a team member noticed
  kSecurityAlert,        // a security scanner or threat detection
};

// What a timeline note records.
enum class NoteKind {
  kFinding,         // something learned during investigation
  kDecision,        // a decision made (rollback, freeze, ...)
  kAction,          // something done
  kCustomerReport,  // what a customer reported
  kDeployment,      // a deployment or rollback
};

// Who an update is written for.
enum class Audience {
  kInternal,    // the responders and the incidents channel
  kExecutives,  // executive updates; meets the executive notification clock
  kStatusPage,  // the public status page; meets the customer communication clock
  kCustomers,   // direct customer communication; meets the customer clock
};

// Why an incident was dismissed.
enum class DismissReason {
  kFalseAlarm,  // nothing was wrong
  kDuplicate,   // another incident covers it
};

// Where an action item (a PIR's preventive action) stands: the template's
// Status column.
enum class ActionStatus {
  kNotStarted,
  kInProgress,
  kDone,
  kWontDo,  // decided against, with a reason
};

std::string_view StatusName(Status s);
std::string_view VisibilityName(Visibility v);
std::string_view DetectionSourceName(DetectionSource s);
std::string_view NoteKindName(NoteKind k);
std::string_view AudienceName(Audience a);
std::string_view DismissReasonName(DismissReason r);
std::string_view ActionStatusName(ActionStatus s);
// "Not Started", "In Progress", "Done", "Won't Do": the template's words.
std::string_view ActionStatusTitle(ActionStatus s);

Result<Status> ParseStatus(std::string_view s);
Result<Visibility> ParseVisibility(std::string_view s);
Result<DetectionSource> ParseDetectionSource(std::string_view s);
Result<NoteKind> ParseNoteKind(std::string_view s);
Result<Audience> ParseAudience(std::string_view s);
Result<DismissReason> ParseDismissReason(std::string_view s);
Result<ActionStatus> ParseActionStatus(std::string_view s);

// Not started or in progress: still owed.
inline bool IsOpen(ActionStatus s) {
  return s == ActionStatus::kNotStarted || s == ActionStatus::kInProgress;
}

// Investigating, identified or monitoring.
inline bool IsOpen(Status s) {
  return s == Status::kInvestigating || s == Status::kIdentified || s == Status::kMonitoring;
}

}  // namespace warroom::core
