// The change bus: local listeners, the peers' announcements (this
// instance's own ignored, malformed ones dropped, a lost connection as
// "everything"), and the announcement's text.
#include "engine/change_bus.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace warroom::engine {
namespace {

struct Heard {
  std::vector<std::string> lines;
  ChangeBus::Listener Listener() {
    return [this](const Change& c) {
      lines.push_back(std::string(ChangeKindName(c.kind)) + ":" + c.id +
                      (c.from_peer ? "@peer" : ""));
    };
  }
};

TEST(ChangeBusTest, APublishedChangeReachesEveryListenerAndThePeers) {
  ChangeBus bus;
  Heard a, b;
  std::vector<std::string> sent;
  bus.Subscribe(a.Listener());
  int second = bus.Subscribe(b.Listener());
  bus.SetPeers("host-1", [&sent](std::string p) { sent.push_back(std::move(p)); });
  bus.Publish(ChangeKind::kIncident, "INC-2026-02-12-001");
  bus.Unsubscribe(second);
  bus.Publish(ChangeKind::kOutbox);
  EXPECT_EQ(a.lines, (std::vector<std::string>{"incident:INC-2026-02-12-001", "outbox:"}));
  EXPECT_EQ(b.lines, (std::vector<std::string>{"incident:INC-2026-02-12-001"}));
  EXPECT_EQ(sent, (std::vector<std::string>{"v1 host-1 incident INC-2026-02-12-001",
                                            "v1 host-1 outbox "}));
}

TEST(ChangeBusTest, PeersAnnouncementsArriveButNotOurOwnNorMalformedOnes) {
  ChangeBus bus;
  Heard h;
  bus.Subscribe(h.Listener());
  bus.SetPeers("host-1", [](std::string) {});
  bus.FromPeers("v1 host-2 incident INC-2026-02-12-007");
  bus.FromPeers("v1 host-1 incident INC-2026-02-12-008");  // our own, back from the server
  bus.FromPeers("v1 host-2 clock ");
  for (const char* bad :
       {"v2 host-2 incident x", "v1 host-2", "v1 host-2 explode x", "v1  incident x", "garbage"})
    bus.FromPeers(bad);
  bus.FromPeers("");  // the connection was lost: anything may have changed
  EXPECT_EQ(h.lines, (std::vector<std::string>{"incident:INC-2026-02-12-007@peer", "clock:@peer",
                                               "everything:@peer"}));
}

TEST(ChangeBusTest, TheAnnouncementTextRoundTrips) {
  for (ChangeKind k : {ChangeKind::kIncident, ChangeKind::kAlerts, ChangeKind::kOutbox,
                       ChangeKind::kUsers, ChangeKind::kClock, ChangeKind::kEverything}) {
    auto d = ChangeBus::Decode(ChangeBus::Encode("h-42", k, "id with spaces"));
    ASSERT_TRUE(d) << ChangeKindName(k);
    EXPECT_EQ(d->instance, "h-42");
    EXPECT_EQ(d->change.kind, k);
    EXPECT_EQ(d->change.id, "id with spaces");
  }
}

}  // namespace
}  // namespace warroom::engine
