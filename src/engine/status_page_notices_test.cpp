#include "engine/status_page_notices.hpp"

#include <gtest/gtest.h>

#include "core/status_page/public_incident.hpp"

namespace warroom::engine {
namespace {

namespace sp = core::status_page;
using namespace std::chrono_literals;

TimePoint At(const char* s) { return *ParseTime(s); }

StatusPageNotices Notices() {
  sp::PageSettings settings;
  settings.name = "ACME Status";
  return StatusPageNotices(settings, "a-slug-key", "http://127.0.0.1:8080/");
}

core::IncidentState Incident(core::Visibility v) {
  core::IncidentState s;
  s.id = "INC-2026-02-12-001";
  s.severity = core::Severity::kP1;
  s.status = core::Status::kIdentified;
  s.summary = "db primary out of disk";
  s.visibility = v;
  s.impact.affected_components = {"API", "scheduler"};
  return s;
}

core::Event Posted(core::Audience a, std::string text) {
  core::Event e;
  e.incident_id = "INC-2026-02-12-001";
  e.incident_seq = 7;
  e.occurred_at = At("2026-02-12T14:30:00Z");
  e.payload = core::events::UpdatePosted{a, std::move(text), ""};
  return e;
}

TEST(StatusPageNotices, AStatusPageUpdateIsANoticeForSubscribersOthersAreNot) {
  auto n = Notices();
  TimePoint now = At("2026-02-12T14:30:01Z");
  EXPECT_FALSE(n.ForIncident(Incident(core::Visibility::kPublic),
                             Posted(core::Audience::kInternal, "internal word"), now));
  auto m = n.ForIncident(Incident(core::Visibility::kPublic),
                         Posted(core::Audience::kStatusPage, "We are investigating."), now);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->destination, "subscribers");
  EXPECT_EQ(m->kind, store::OutboxKind::kNotice);
  EXPECT_EQ(store::LaneOf(m->kind), store::OutboxLane::kSubscribers);
  EXPECT_EQ(m->idempotency_key, "notice:INC-2026-02-12-001:7");
  EXPECT_EQ(m->next_attempt_at, now);
  auto notice = ParseNotice(m->body);
  ASSERT_TRUE(notice.ok());
  EXPECT_EQ(notice->name, "db primary out of disk");
  EXPECT_EQ(notice->status, "identified");
  EXPECT_EQ(notice->impact, "major");
  EXPECT_EQ(notice->components, (std::vector<std::string>{"api", "scheduler"}));
  EXPECT_EQ(notice->component_names, (std::vector<std::string>{"API", "Scheduler"}));
  EXPECT_EQ(notice->shortlink,
            "http://127.0.0.1:8080/status/incidents/" + n.SlugOf("INC-2026-02-12-001"));
  EXPECT_EQ(notice->body, "We are investigating.");
}

TEST(StatusPageNotices, ARestrictedIncidentsStatementNeverCarriesItsSummaryOrComponents) {
  auto n = Notices();
  auto m = n.ForIncident(Incident(core::Visibility::kRestricted),
                         Posted(core::Audience::kStatusPage, "We are looking into a report."),
                         At("2026-02-12T14:30:01Z"));
  ASSERT_TRUE(m);
  EXPECT_EQ(m->body.find("db primary"), std::string::npos);
  EXPECT_EQ(m->subject.find("db primary"), std::string::npos);
  auto notice = ParseNotice(m->body);
  ASSERT_TRUE(notice.ok());
  EXPECT_EQ(notice->name, "Security incident");
  EXPECT_TRUE(notice->components.empty());
  EXPECT_EQ(notice->impact, "none");
}

sp::Maintenance Window() {
  sp::Maintenance m;
  m.id = "0123456789abcdef0123";
  m.name = "Database upgrade";
  m.scheduled_for = At("2026-02-12T15:00:00Z");
  m.scheduled_until = At("2026-02-12T17:00:00Z");
  m.components = {"api"};
  return m;
}

TEST(StatusPageNotices, AMaintenancesStartAndEndAreDueThenAndHoldOnlyIfNothingChanged) {
  auto n = Notices();
  sp::Maintenance m = Window();
  TimePoint now = At("2026-02-12T14:00:00Z");
  auto start = n.AtBoundary(m, NoticeBoundary::kStart, now);
  auto end = n.AtBoundary(m, NoticeBoundary::kEnd, now);
  ASSERT_TRUE(start && end);
  EXPECT_EQ(start->next_attempt_at, m.scheduled_for);
  EXPECT_EQ(end->next_attempt_at, m.scheduled_until);
  EXPECT_NE(start->idempotency_key, end->idempotency_key);
  auto s = ParseNotice(start->body), e = ParseNotice(end->body);
  ASSERT_TRUE(s.ok() && e.ok());
  EXPECT_EQ(s->status, "in_progress");
  EXPECT_EQ(e->status, "completed");
  EXPECT_TRUE(BoundaryHolds(*s, m));
  EXPECT_TRUE(BoundaryHolds(*e, m));
  // The end moved: the old end's notice no longer holds (a new one is queued).
  sp::Maintenance moved = m;
  moved.scheduled_until = At("2026-02-12T18:00:00Z");
  EXPECT_FALSE(BoundaryHolds(*e, moved));
  EXPECT_TRUE(BoundaryHolds(*s, moved));
  // A person started it early: the start by the schedule is not sent.
  sp::Maintenance started = m;
  started.started_at = At("2026-02-12T14:50:00Z");
  EXPECT_FALSE(BoundaryHolds(*s, started));
  EXPECT_FALSE(n.AtBoundary(started, NoticeBoundary::kStart, now));
  // Past boundaries are not queued.
  EXPECT_FALSE(n.AtBoundary(m, NoticeBoundary::kStart, At("2026-02-12T16:00:00Z")));
}

TEST(StatusPageNotices, ASubscriberHearsOfTheComponentsTheyChose) {
  EXPECT_TRUE(Concerns({}, {"api"}));
  EXPECT_TRUE(Concerns({"api"}, {"api", "scheduler"}));
  EXPECT_FALSE(Concerns({"dashboard"}, {"api"}));
  EXPECT_TRUE(Concerns({"dashboard"}, {}));  // a word about no one component reaches all
}

TEST(StatusPageNotices, AStoredNoticeReadsBackAndGarbageIsRefused) {
  EXPECT_FALSE(ParseNotice("not json").ok());
  EXPECT_FALSE(ParseNotice("{\"kind\":\"other\"}").ok());
  Notice n;
  n.kind = "maintenance";
  n.id = "abc";
  n.name = "x";
  n.at = At("2026-02-12T14:00:00Z");
  n.scheduled_for = At("2026-02-12T15:00:00Z");
  n.boundary = "start";
  auto back = ParseNotice(NoticeJson(n));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->id, "abc");
  EXPECT_EQ(back->scheduled_for, n.scheduled_for);
  EXPECT_FALSE(back->scheduled_until);
  EXPECT_EQ(back->boundary, "start");
}

}  // namespace
}  // namespace warroom::engine
