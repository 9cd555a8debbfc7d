#include "core/clocks/clocks.hpp"

#include <gtest/gtest.h>

#include "core/incident/history_builder.hpp"

namespace warroom::core {
namespace {

namespace c = commands;
TimePoint T(const char* s) { return *ParseTime(s); }

const BusinessCalendar& Cal() {
  static const BusinessCalendar cal({}, std::make_shared<FixedOffsetZone>());
  return cal;
}

ClockView Clock(const HistoryBuilder& h, ClockKind k, const char* now) {
  auto all = ComputeClocks(DefaultPolicy(), Cal(), h.history(), T(now));
  return all[static_cast<int>(k)];
}

std::string Due(const ClockView& v) { return v.due_at ? FormatTime(*v.due_at) : "-"; }

HistoryBuilder Declare(Severity sev, const char* at, const char* recorded = nullptr) {
  HistoryBuilder h;
  c::Declare d;
  d.severity = sev;
  d.summary = "x";
  std::optional<TimePoint> rec;
  if (recorded) rec = T(recorded);
  EXPECT_TRUE(h.Run(d, T(at), "sarah", false, rec).ok());
  return h;
}

TEST(Clocks, P1RowFromDeclaration) {
  auto h = Declare(Severity::kP1, "2026-02-12T14:23:00Z");
  const char* now = "2026-02-12T14:24:00Z";
  EXPECT_EQ(Due(Clock(h, ClockKind::kAcknowledge, now)), "2026-02-12T14:38:00Z");
  EXPECT_EQ(Due(Clock(h, ClockKind::kUpdate, now)), "2026-02-12T14:53:00Z");
  EXPECT_EQ(Due(Clock(h, ClockKind::kCustomerCommunication, now)), "2026-02-12T15:23:00Z");
  EXPECT_EQ(Due(Clock(h, ClockKind::kExecutiveNotification, now)), "2026-02-12T14:23:00Z");
  EXPECT_EQ(Due(Clock(h, ClockKind::kTargetResolution, now)), "2026-02-13T14:23:00Z");
  EXPECT_EQ(Clock(h, ClockKind::kPostIncidentReview, now).status, ClockStatus::kNotApplicable);
  EXPECT_EQ(Clock(h, ClockKind::kAcknowledge, now).status, ClockStatus::kPending);
}

TEST(Clocks, AcknowledgeMetOnTimeOrBreached) {
  auto h = Declare(Severity::kP0, "2026-02-12T14:00:00Z");
  EXPECT_EQ(Clock(h, ClockKind::kAcknowledge, "2026-02-12T14:06:00Z").status,
            ClockStatus::kBreached);
  ASSERT_TRUE(h.Run(c::Acknowledge{}, T("2026-02-12T14:04:00Z"), "mike").ok());
  auto v = Clock(h, ClockKind::kAcknowledge, "2026-02-12T14:06:00Z");
  EXPECT_EQ(v.status, ClockStatus::kMet);
  EXPECT_EQ(FormatTime(*v.met_at), "2026-02-12T14:04:00Z");
}

TEST(Clocks, P2DeclaredFridayEveningIsDueMondayMorning) {
  auto h = Declare(Severity::kP2, "2026-02-13T17:50:00Z");
  EXPECT_EQ(Due(Clock(h, ClockKind::kAcknowledge, "2026-02-13T18:00:00Z")), "2026-02-16T09:20:00Z");
  EXPECT_EQ(Clock(h, ClockKind::kAcknowledge, "2026-02-15T12:00:00Z").status,
            ClockStatus::kPending);
  // P2: customer communication only once more than 10 customers are affected.
  EXPECT_EQ(Clock(h, ClockKind::kCustomerCommunication, "2026-02-13T18:00:00Z").status,
            ClockStatus::kNotApplicable);
  c::UpdateImpact u;
  u.change.customers_affected = 11;
  ASSERT_TRUE(h.Run(u, T("2026-02-16T10:00:00Z")).ok());
  EXPECT_EQ(Due(Clock(h, ClockKind::kCustomerCommunication, "2026-02-16T10:00:00Z")),
            "2026-02-16T12:00:00Z");
}

TEST(Clocks, P3AcknowledgeByCloseOfNextBusinessDay) {
  auto h = Declare(Severity::kP3, "2026-02-12T11:00:00Z");
  EXPECT_EQ(Due(Clock(h, ClockKind::kAcknowledge, "2026-02-12T11:00:00Z")), "2026-02-13T18:00:00Z");
  EXPECT_EQ(Clock(h, ClockKind::kUpdate, "2026-02-12T11:00:00Z").status,
            ClockStatus::kNotApplicable);
  EXPECT_EQ(Clock(h, ClockKind::kCustomerCommunication, "2026-02-12T11:00:00Z").status,
            ClockStatus::kNotApplicable);
}

TEST(Clocks, UpdatesMeetTheCadenceAndRearmIt) {
  auto h = Declare(Severity::kP0, "2026-02-12T14:00:00Z");
  ASSERT_TRUE(
      h.Run(c::PostUpdate{Audience::kInternal, "looking", "", false, ""}, T("2026-02-12T14:10:00Z"))
          .ok());
  EXPECT_EQ(Due(Clock(h, ClockKind::kUpdate, "2026-02-12T14:10:00Z")), "2026-02-12T14:25:00Z");
  ASSERT_TRUE(h.Run(c::PostUpdate{Audience::kStatusPage, "Investigating", "", false, ""},
                    T("2026-02-12T14:30:00Z"))
                  .ok());
  auto up = Clock(h, ClockKind::kUpdate, "2026-02-12T14:31:00Z");
  EXPECT_EQ(up.missed_updates, 1);
  EXPECT_EQ(Due(up), "2026-02-12T14:45:00Z");
  EXPECT_EQ(up.status, ClockStatus::kPending);
  // The status page update came 30 minutes in: the customer clock (15 min) was met late.
  EXPECT_EQ(Clock(h, ClockKind::kCustomerCommunication, "2026-02-12T14:31:00Z").status,
            ClockStatus::kBreached);
}

TEST(Clocks, SeverityChangeRearmsPendingClocksAndKeepsTheRest) {
  auto h = Declare(Severity::kP2, "2026-02-12T10:00:00Z");
  ASSERT_TRUE(h.Run(c::Acknowledge{}, T("2026-02-12T10:10:00Z")).ok());
  ASSERT_TRUE(h.Run(c::ChangeSeverity{Severity::kP0, "spreading"}, T("2026-02-12T11:00:00Z")).ok());
  const char* now = "2026-02-12T11:01:00Z";
  auto ack = Clock(h, ClockKind::kAcknowledge, now);
  EXPECT_EQ(ack.status, ClockStatus::kMet);  // met stays met
  EXPECT_EQ(Due(ack), "2026-02-12T10:30:00Z");
  // Pending clocks re-arm from the change under the P0 row.
  EXPECT_EQ(Due(Clock(h, ClockKind::kUpdate, now)), "2026-02-12T11:15:00Z");
  EXPECT_EQ(Due(Clock(h, ClockKind::kTargetResolution, now)), "2026-02-12T15:00:00Z");
  // Newly required clocks start at the change.
  EXPECT_EQ(Due(Clock(h, ClockKind::kCustomerCommunication, now)), "2026-02-12T11:15:00Z");
  EXPECT_EQ(Due(Clock(h, ClockKind::kExecutiveNotification, now)), "2026-02-12T11:00:00Z");
}

TEST(Clocks, BreachedClocksStayBreachedAcrossSeverityChange) {
  auto h = Declare(Severity::kP0, "2026-02-12T14:00:00Z");
  ASSERT_TRUE(h.Run(c::ChangeSeverity{Severity::kP1, "smaller"}, T("2026-02-12T14:10:00Z")).ok());
  auto ack = Clock(h, ClockKind::kAcknowledge, "2026-02-12T14:11:00Z");
  EXPECT_EQ(ack.status, ClockStatus::kBreached);
  EXPECT_EQ(Due(ack), "2026-02-12T14:05:00Z");
}

TEST(Clocks, ReopenRearmsTheUpdateClock) {
  auto h = Declare(Severity::kP1, "2026-02-12T14:00:00Z");
  ASSERT_TRUE(h.Run(c::Identify{"x", "deployment"}, T("2026-02-12T14:10:00Z")).ok());
  ASSERT_TRUE(h.Run(c::Mitigate{"y"}, T("2026-02-12T14:20:00Z")).ok());
  ASSERT_TRUE(
      h.Run(c::PostUpdate{Audience::kInternal, "ok", "", false, ""}, T("2026-02-12T14:25:00Z"))
          .ok());
  ASSERT_TRUE(h.Run(c::Resolve{"z", false, ""}, T("2026-02-12T15:30:00Z")).ok());
  EXPECT_EQ(Clock(h, ClockKind::kTargetResolution, "2026-02-12T15:31:00Z").status,
            ClockStatus::kMet);
  EXPECT_EQ(Due(Clock(h, ClockKind::kPostIncidentReview, "2026-02-12T15:31:00Z")),
            "2026-02-19T15:30:00Z");
  ASSERT_TRUE(h.Run(c::Reopen{"back"}, T("2026-02-12T16:00:00Z")).ok());
  const char* now = "2026-02-12T16:01:00Z";
  EXPECT_EQ(Due(Clock(h, ClockKind::kUpdate, now)), "2026-02-12T16:30:00Z");
  EXPECT_EQ(Clock(h, ClockKind::kTargetResolution, now).status, ClockStatus::kPending);
  EXPECT_EQ(Clock(h, ClockKind::kPostIncidentReview, now).status, ClockStatus::kNotApplicable);
}

TEST(Clocks, PirIsDueFortyEightHoursAfterAP0ResolutionAndMetByClose) {
  auto h = Declare(Severity::kP0, "2026-02-12T14:00:00Z");
  ASSERT_TRUE(h.Run(c::Identify{"x", "deployment"}, T("2026-02-12T14:10:00Z")).ok());
  ASSERT_TRUE(h.Run(c::Mitigate{"y"}, T("2026-02-12T14:20:00Z")).ok());
  ASSERT_TRUE(h.Run(c::Resolve{"z", false, ""}, T("2026-02-12T15:30:00Z")).ok());
  EXPECT_EQ(Due(Clock(h, ClockKind::kPostIncidentReview, "2026-02-12T15:31:00Z")),
            "2026-02-14T15:30:00Z");
  EXPECT_EQ(Clock(h, ClockKind::kPostIncidentReview, "2026-02-14T15:31:00Z").status,
            ClockStatus::kBreached);
  ASSERT_TRUE(h.Run(c::Close{"https://pir"}, T("2026-02-13T10:00:00Z")).ok());
  EXPECT_EQ(Clock(h, ClockKind::kPostIncidentReview, "2026-02-14T15:31:00Z").status,
            ClockStatus::kMet);
}

TEST(Clocks, LateRecordedDeclarationBreachesRetroactively) {
  // Declared at 14:00 but recorded at 15:00: the ack clock (14:05) was
  // already past due when warroom learned of it.
  auto h = Declare(Severity::kP0, "2026-02-12T14:00:00Z", "2026-02-12T15:00:00Z");
  auto ack = Clock(h, ClockKind::kAcknowledge, "2026-02-12T15:00:00Z");
  EXPECT_EQ(ack.status, ClockStatus::kBreached);
  EXPECT_TRUE(ack.retroactive);
  auto live = Declare(Severity::kP0, "2026-02-12T14:00:00Z");
  EXPECT_FALSE(Clock(live, ClockKind::kAcknowledge, "2026-02-12T15:00:00Z").retroactive);
}

TEST(Clocks, RestrictedIncidentsHaveNoCustomerClock) {
  HistoryBuilder h;
  c::Declare d;
  d.severity = Severity::kP0;
  d.summary = "breach";
  d.source = DetectionSource::kSecurityAlert;
  ASSERT_TRUE(h.Run(d, T("2026-02-12T14:00:00Z")).ok());
  EXPECT_EQ(Clock(h, ClockKind::kCustomerCommunication, "2026-02-12T14:01:00Z").status,
            ClockStatus::kNotApplicable);
}

}  // namespace
}  // namespace warroom::core

#include "core/clocks/next_update.hpp"

namespace warroom::core {
namespace {

TEST(NextUpdate, AnnouncesTheLastQuarterHourAtOrBeforeTheDeadline) {
  EXPECT_EQ(FormatTime(AnnouncedNextUpdate(*ParseTime("2026-02-12T14:53:00Z"))),
            "2026-02-12T14:45:00Z");
  EXPECT_EQ(FormatTime(AnnouncedNextUpdate(*ParseTime("2026-02-12T14:45:00Z"))),
            "2026-02-12T14:45:00Z");
  EXPECT_EQ(FormatTime(AnnouncedNextUpdate(*ParseTime("2026-02-12T15:14:59Z"))),
            "2026-02-12T15:00:00Z");
}

}  // namespace
}  // namespace warroom::core
