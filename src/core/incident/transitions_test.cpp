// Every lifecycle command from every status: allowed exactly when
// AllowedNextSteps says so, and a refusal names the status and the steps.
#include <gtest/gtest.h>

#include "core/incident/history_builder.hpp"

namespace warroom::core {
namespace {

namespace c = commands;
TimePoint At(int minute) {
  return *ParseTime("2026-02-12T10:00:00Z") + std::chrono::minutes(minute);
}

// An incident brought to `target` by the shortest path.
HistoryBuilder Reach(Status target) {
  HistoryBuilder h;
  c::Declare d;
  d.severity = Severity::kP2;
  d.summary = "x";
  EXPECT_TRUE(h.Run(d, At(0)).ok());
  auto step = [&](const Command& cmd, int minute) { EXPECT_TRUE(h.Run(cmd, At(minute)).ok()); };
  switch (target) {
    case Status::kInvestigating:
      break;
    case Status::kIdentified:
      step(c::Identify{"cause", "deployment"}, 1);
      break;
    case Status::kMonitoring:
      step(c::Identify{"cause", "deployment"}, 1);
      step(c::Mitigate{"rollback"}, 2);
      break;
    case Status::kResolved:
    case Status::kClosed:
      step(c::Identify{"cause", "deployment"}, 1);
      step(c::Mitigate{"rollback"}, 2);
      step(c::Resolve{"done", false, ""}, 70);
      if (target == Status::kClosed) step(c::Close{""}, 71);
      break;
    case Status::kDismissed:
      step(c::Dismiss{DismissReason::kFalseAlarm, ""}, 1);
      break;
  }
  EXPECT_EQ(h.state().status, target);
  return h;
}

struct Step {
  std::string name;
  Command command;
};

TEST(Transitions, EveryLifecycleCommandFromEveryStatus) {
  const std::vector<Step> steps = {
      {"identify", c::Identify{"cause", "deployment"}},
      {"mitigate", c::Mitigate{"rollback"}},
      {"resolve", c::Resolve{"done", true, "verified"}},
      {"close", c::Close{"https://pir"}},
      {"reopen", c::Reopen{"back"}},
      {"dismiss", c::Dismiss{DismissReason::kFalseAlarm, ""}},
  };
  for (Status from : {Status::kInvestigating, Status::kIdentified, Status::kMonitoring,
                      Status::kResolved, Status::kClosed, Status::kDismissed}) {
    auto allowed = AllowedNextSteps(from);
    for (const Step& s : steps) {
      HistoryBuilder h = Reach(from);
      std::size_t before = h.history().size();
      auto r = h.Run(s.command, At(200));
      bool expect = std::find(allowed.begin(), allowed.end(), s.name) != allowed.end();
      // Resolving needs a root cause, which every reachable monitoring state has here.
      EXPECT_EQ(r.ok(), expect) << s.name << " from " << StatusName(from)
                                << (r.ok() ? "" : ": " + r.error().message);
      if (!r.ok()) {
        EXPECT_EQ(h.history().size(), before);
        EXPECT_EQ(r.error().code, ErrorCode::kFailedPrecondition);
        EXPECT_NE(r.error().message.find("is " + std::string(StatusName(from))), std::string::npos)
            << r.error().message;
      }
    }
  }
}

TEST(Transitions, AcknowledgeOnlyWhileOpenAndOncePerPerson) {
  auto h = Reach(Status::kMonitoring);
  EXPECT_TRUE(h.Run(c::Acknowledge{}, At(3), "mike").ok());
  EXPECT_FALSE(h.Run(c::Acknowledge{}, At(4), "mike").ok());
  EXPECT_TRUE(h.Run(c::Acknowledge{}, At(4), "ann").ok());
  EXPECT_EQ(h.state().first_acknowledged_at, At(3));
  auto closed = Reach(Status::kClosed);
  EXPECT_FALSE(closed.Run(c::Acknowledge{}, At(100), "mike").ok());
}

TEST(Transitions, SeverityChangesUntilClosed) {
  auto resolved = Reach(Status::kResolved);
  EXPECT_TRUE(
      resolved.Run(c::ChangeSeverity{Severity::kP1, "bigger than we thought"}, At(80)).ok());
  auto closed = Reach(Status::kClosed);
  auto r = closed.Run(c::ChangeSeverity{Severity::kP1, "too late"}, At(80));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("no lifecycle step is allowed from closed"), std::string::npos);
}

}  // namespace
}  // namespace warroom::core
