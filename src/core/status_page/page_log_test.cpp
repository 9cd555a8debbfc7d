#include "core/status_page/page_log.hpp"

#include <gtest/gtest.h>

namespace warroom::core::status_page {
namespace {

Event Set(const char* at, std::string component, std::string status) {
  Event e;
  e.incident_id = std::string(events::kStatusPageChain);
  e.occurred_at = e.recorded_at = *ParseTime(at);
  e.actor = Actor::User("carol");
  e.payload = events::ComponentStatusSet{std::move(component), std::move(status), "why"};
  return e;
}

TEST(ManualStatusesOf, EverySettingOfAKnownComponentInOrder) {
  std::vector<Component> components{{"api", "API", "", ""}, {"web", "Web", "", ""}};
  std::vector<Event> chain{Set("2026-02-12T14:00:00Z", "api", "partial_outage"),
                           Set("2026-02-12T14:05:00Z", "gone", "major_outage"),
                           Set("2026-02-12T14:06:00Z", "web", "on_fire"),
                           Set("2026-02-12T15:00:00Z", "api", "operational")};
  auto m = ManualStatusesOf(chain, components);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].component, "api");
  EXPECT_EQ(m[0].status, ComponentStatus::kPartialOutage);
  EXPECT_EQ(m[0].by, "carol");
  EXPECT_EQ(m[1].status, ComponentStatus::kOperational);
  EXPECT_EQ(m[1].at, *ParseTime("2026-02-12T15:00:00Z"));
  // What the page makes of them: the person's word stands, then ends.
  auto page = BuildPage(components, {}, m, {}, *ParseTime("2026-02-12T14:30:00Z"), 1);
  EXPECT_EQ(page.components[0].status, ComponentStatus::kPartialOutage);
  EXPECT_EQ(page.indicator, Indicator::kMajor);
}

}  // namespace
}  // namespace warroom::core::status_page
