#include "core/incident/kinds.hpp"

#include <array>
#include <utility>

#include "base/enum_names.hpp"
#include "base/enum_parse.hpp"

namespace warroom::core {
namespace {

template <typename E, std::size_t N>
using Names = EnumNames<E, N>;

constexpr Names<Status, 6> kStatus{{{Status::kInvestigating, "investigating"},
                                    {Status::kIdentified, "identified"},
                                    {Status::kMonitoring, "monitoring"},
                                    {Status::kResolved, "resolved"},
                                    {Status::kClosed, "closed"},
                                    {Status::kDismissed, "dismissed"}}};
constexpr Names<Visibility, 2> kVisibility{
    {{Visibility::kPublic, "public"}, {Visibility::kRestricted, "restricted"}}};
constexpr Names<DetectionSource, 4> kSource{
    {{DetectionSource::kAutomatedMonitoring, "automated-monitoring"},
     {DetectionSource::kCustomerReport, "customer-report"},
     {DetectionSource::kInternalDiscovery, "internal-discovery"},
     {DetectionSource::kSecurityAlert, "security-alert"}}};
constexpr Names<NoteKind, 5> kNoteKind{{{NoteKind::kFinding, "finding"},
                                        {NoteKind::kDecision, "decision"},
                                        {NoteKind::kAction, "action"},
                                        {NoteKind::kCustomerReport, "customer-report"},
                                        {NoteKind::kDeployment, "deployment"}}};
constexpr Names<Audience, 4> kAudience{{{Audience::kInternal, "internal"},
                                        {Audience::kExecutives, "executives"},
                                        {Audience::kStatusPage, "status-page"},
                                        {Audience::kCustomers, "customers"}}};
constexpr Names<DismissReason, 2> kDismiss{
    {{DismissReason::kFalseAlarm, "false-alarm"}, {DismissReason::kDuplicate, "duplicate"}}};
constexpr Names<ActionStatus, 4> kActionStatus{{{ActionStatus::kNotStarted, "not-started"},
                                                {ActionStatus::kInProgress, "in-progress"},
                                                {ActionStatus::kDone, "done"},
                                                {ActionStatus::kWontDo, "wont-do"}}};
constexpr Names<ActionStatus, 4> kActionStatusTitle{{{ActionStatus::kNotStarted, "Not Started"},
                                                     {ActionStatus::kInProgress, "In Progress"},
                                                     {ActionStatus::kDone, "Done"},
                                                     {ActionStatus::kWontDo, "Won't Do"}}};

template <typename E, std::size_t N>
std::string_view NameOf(const Names<E, N>& names, E e) {
  return NameIn(names, e, "unknown");
}

}  // namespace

std::string_view StatusName(Status s) { return NameOf(kStatus, s); }
std::string_view VisibilityName(Visibility v) { return NameOf(kVisibility, v); }
std::string_view DetectionSourceName(DetectionSource s) { return NameOf(kSource, s); }
std::string_view NoteKindName(NoteKind k) { return NameOf(kNoteKind, k); }
std::string_view AudienceName(Audience a) { return NameOf(kAudience, a); }
std::string_view DismissReasonName(DismissReason r) { return NameOf(kDismiss, r); }
std::string_view ActionStatusName(ActionStatus s) { return NameOf(kActionStatus, s); }
std::string_view ActionStatusTitle(ActionStatus s) { return NameOf(kActionStatusTitle, s); }

Result<Status> ParseStatus(std::string_view s) { return ParseName(kStatus, s, "status"); }
Result<Visibility> ParseVisibility(std::string_view s) {
  return ParseName(kVisibility, s, "visibility");
}
Result<DetectionSource> ParseDetectionSource(std::string_view s) {
  return ParseName(kSource, s, "detection source");
}
Result<NoteKind> ParseNoteKind(std::string_view s) { return ParseName(kNoteKind, s, "note kind"); }
Result<Audience> ParseAudience(std::string_view s) { return ParseName(kAudience, s, "audience"); }
Result<DismissReason> ParseDismissReason(std::string_view s) {
  return ParseName(kDismiss, s, "dismiss reason");
}
Result<ActionStatus> ParseActionStatus(std::string_view s) {
  return ParseName(kActionStatus, s, "action item status");
}

}  // namespace warroom::core
