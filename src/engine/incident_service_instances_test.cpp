// IncidentService as several instances on one database run it (memory
// reads off, as with PostgreSQL): what one instance appends reaches the
// other's next command and read, applied to the state it held.
#include <gtest/gtest.h>

#include "engine/engine_test_support.hpp"
#include "engine/incident_service.hpp"
#include "engine/stored_events.hpp"

namespace warroom::engine {
namespace {

namespace cmd = core::commands;
using IncidentServiceInstancesTest = testing::EngineTest;

// Two instances on one database (memory reads off, as with PostgreSQL):
// what one appends reaches the other's next command and read, applied to
// the state it held; both end with the state the whole timeline folds to.
TEST_F(IncidentServiceInstancesTest, AnotherInstancesAppendsAreAppliedToTheStateThisOneHeld) {
  IncidentService a(store_, clock_, policies_, /*memory_reads=*/false);
  IncidentService b(store_, clock_, policies_, /*memory_reads=*/false);
  auto run = [&](IncidentService& s, const Caller& c, const std::string& id, core::Command cmd) {
    std::optional<Result<IncidentView>> out;
    s.Execute(c, {id, std::move(cmd), std::nullopt},
              [&out](Result<IncidentView> r) { out.emplace(std::move(r)); });
    return out ? std::move(*out) : Result<IncidentView>(Error::Internal("no answer"));
  };
  auto get = [&](IncidentService& s, const std::string& id) {
    std::optional<Result<IncidentView>> out;
    s.Get(Admin(), id, [&out](Result<IncidentView> r) { out.emplace(std::move(r)); });
    return out ? std::move(*out) : Result<IncidentView>(Error::Internal("no answer"));
  };
  cmd::Declare declare;
  declare.severity = core::Severity::kP2;
  declare.summary = "shared";
  auto declared = run(a, As("alice"), "", declare);
  ASSERT_TRUE(declared.ok()) << declared.error().message;
  const std::string id = declared->state.id;
  ASSERT_TRUE(get(b, id).ok());  // b holds the state as of the declaration
  ASSERT_TRUE(run(a, As("bob"), id, cmd::Acknowledge{}).ok());
  ASSERT_TRUE(run(a, As("bob"), id, cmd::AddNote{core::NoteKind::kFinding, "from a"}).ok());
  // b's command starts from a's appends: no conflict, nothing lost.
  auto noted = run(b, As("alice"), id, cmd::AddNote{core::NoteKind::kFinding, "from b"});
  ASSERT_TRUE(noted.ok()) << noted.error().message;
  EXPECT_EQ(noted->state.last_seq, 4);
  EXPECT_EQ(noted->state.acknowledged_by, std::vector<std::string>{"bob"});
  // a's next read applies b's append to what a held.
  auto seen = get(a, id);
  ASSERT_TRUE(seen.ok());
  std::vector<store::StoredEvent> rows;
  ASSERT_TRUE(store_
                  .ReadSync([&](store::ReadTx& tx) -> Outcome {
                    WARROOM_ASSIGN_OR_RETURN(rows, tx.LoadEvents(id));
                    return Success();
                  })
                  .ok());
  auto history = FromStored(rows);
  ASSERT_TRUE(history.ok());
  core::IncidentState whole = core::Fold(*history);
  for (const auto& v : {*seen, *get(b, id)}) {
    EXPECT_EQ(v.state.last_seq, whole.last_seq);
    EXPECT_EQ(v.state.acknowledged_by, whole.acknowledged_by);
    EXPECT_EQ(v.state.Participants(), whole.Participants());
    EXPECT_EQ(v.state.updated_at, whole.updated_at);
  }
}

}  // namespace
}  // namespace warroom::engine
