// The notifications config (`destinations`, `responders`, `people`, `routes`):
// a value of the wrong shape anywhere is a problem with its line and key,
// never an exception out of the loader (`warroom config check` died on one).
#include "notify/destinations.hpp"

#include <gtest/gtest.h>

#include <string>

namespace warroom::notify {
namespace {

// The problems of loading `text`, one per line as `config check` prints them.
std::string ProblemsOf(const std::string& text) {
  DestinationsConfig c;
  EXPECT_NO_THROW(c = LoadDestinations(text, "warroom.yaml")) << text;
  std::string out;
  for (const auto& p : c.problems) out += p.ToString() + "\n";
  return out;
}

TEST(Destinations, AContactPointThatIsNotAMapIsAProblemWithItsLine) {
  std::string problems = ProblemsOf("people:\n  email: 3\n  slack: [a]\n");
  EXPECT_NE(problems.find("warroom.yaml:2: people.email: must be a map"), std::string::npos)
      << problems;
  EXPECT_NE(problems.find("people.email"), std::string::npos) << problems;
  EXPECT_NE(problems.find("people.slack"), std::string::npos) << problems;
}

TEST(Destinations, NoValueOfTheWrongShapeThrows) {
  for (const char* text : {
           "destinations: 3\n",
           "destinations:\n  a: 3\n",
           "destinations:\n  a: [1, 2]\n",
           "destinations:\n  a: {type: webhook, url: [1], timeout: {x: 1}}\n",
           "destinations:\n  a: {type: email, to: {x: 1}}\n",
           "destinations:\n  a: {type: slack-webhook, max_attempts: [1]}\n",
           "responders: [a]\n",
           "responders:\n  sre: [[a], {b: 1}]\n",
           "people: [email]\n",
           "people:\n  email: [1]\n",
           "people:\n  email: {from: [1], smtp_url: {a: 1}}\n",
           "people:\n  slack: {token: [1]}\n",
           "people:\n  [a]: 1\n",
           "routes:\n  internal: [[a]]\n",
           "routes:\n  {a: 1}: [b]\n",
           "routes: 1\n",
       }) {
    std::string problems = ProblemsOf(text);
    EXPECT_FALSE(problems.empty()) << text;
  }
}

TEST(Destinations, AWellFormedContactPointLoadsWithoutProblems) {
  DestinationsConfig c = LoadDestinations(
      "people:\n  email: {smtp_url: 'smtp://127.0.0.1:25', from: 'warroom <w@example.com>'}\n",
      "warroom.yaml");
  EXPECT_TRUE(c.problems.empty()) << c.problems.front().ToString();
  ASSERT_EQ(c.people.size(), 1u);
  EXPECT_EQ(c.people[0].contact, "email");
}

}  // namespace
}  // namespace warroom::notify
