#include "config/policy_yaml.hpp"

#include <gtest/gtest.h>

#include "config/tz_zone.hpp"
#include "core/clocks/business_calendar.hpp"

namespace warroom::config {
namespace {

using namespace core;

std::string All(const PolicyLoad& l) {
  std::string s;
  for (const auto& p : l.problems) s += p.ToString() + "\n";
  return s;
}

TEST(PolicyYaml, TheDefaultRoundTrips) {
  std::string yaml = PolicyToYaml(DefaultPolicy());
  auto l = ParsePolicy(yaml, "default.yaml");
  ASSERT_TRUE(l.ok()) << All(l);
  EXPECT_TRUE(l.policy == DefaultPolicy());
}

// Found by fuzz/policy_yaml.cpp: a version with a byte that is not UTF-8 was
// accepted, then written back (PolicyToYaml, and every incident's JSON) as
// other text. YAML is UTF-8: such a file is refused with the bad byte's line.
TEST(PolicyYaml, AFileThatIsNotUtf8IsRefusedWithItsLine) {
  for (const char* bad : {"\xa2", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x82"}) {
    auto l = ParsePolicy(std::string("# policy\nversion: fast-") + bad + "\n", "policy.yaml");
    ASSERT_EQ(l.problems.size(), 1u) << All(l);
    EXPECT_EQ(l.problems[0].line, 2);
    EXPECT_NE(l.problems[0].message.find("not valid UTF-8"), std::string::npos) << All(l);
  }
  EXPECT_TRUE(ParsePolicy("version: caf\xc3\xa9 \xe2\x80\xa6 \xf0\x9f\x9a\x92\n", "p.yaml").ok());
}

// Found by fuzz/policy_yaml.cpp: a role given as text, not a map, made
// yaml-cpp throw (BadSubscript), which ended `warroom policy check`.
TEST(PolicyYaml, ARoleThatIsNotAMapIsAProblemNotAThrow) {
  auto l = ParsePolicy("version: v1\nroles:\n  technical-lead: leads\n", "policy.yaml");
  ASSERT_EQ(l.problems.size(), 1u) << All(l);
  EXPECT_EQ(l.problems[0].line, 3);
  EXPECT_EQ(l.problems[0].key, "roles.technical-lead");
  auto t = ParsePolicy("version: v1\nmetric_targets:\n  - mttr\n", "policy.yaml");
  ASSERT_EQ(t.problems.size(), 1u) << All(t);
  EXPECT_EQ(t.problems[0].line, 3);
}

// Found by fuzz/policy_yaml.cpp in a 10-million-execution run: a NUL in a
// text value was read, then not written back the same (yaml-cpp's emitter
// turns it into U+FFFD). Control characters are refused where they are.
TEST(PolicyYaml, ControlCharactersInTextAreAProblemWithTheirLine) {
  for (std::string bad : {std::string("metri\x19_targ"), std::string("v\x01x")}) {
    auto l = ParsePolicy("# policy\nversion: " + bad + "\n", "policy.yaml");
    ASSERT_EQ(l.problems.size(), 1u) << All(l);
    EXPECT_EQ(l.problems[0].line, 2);
    EXPECT_EQ(l.problems[0].key, "version");
    EXPECT_NE(l.problems[0].message.find("control character"), std::string::npos) << All(l);
  }
  // A NUL anywhere is refused before YAML is read (yaml-cpp takes it for
  // another encoding), with its line.
  for (std::string bad : {std::string("metri\x19\0_targ", 12), std::string("metri?\0_tar", 11)}) {
    auto l = ParsePolicy("# policy\nversion: " + bad + "\n", "policy.yaml");
    ASSERT_EQ(l.problems.size(), 1u) << All(l);
    EXPECT_EQ(l.problems[0].line, 2);
    EXPECT_NE(l.problems[0].message.find("NUL byte"), std::string::npos) << All(l);
  }
  auto list =
      ParsePolicy("version: v1\nseverities:\n  P0:\n    examples: [ok, \"b\\x01d\"]\n", "p.yaml");
  ASSERT_EQ(list.problems.size(), 1u) << All(list);
  EXPECT_EQ(list.problems[0].line, 4);
  // Tabs and line breaks are text.
  EXPECT_TRUE(ParsePolicy("version: \"a\\tb\\nc\"\n", "p.yaml").ok());
}

// Found by fuzz/policy_yaml.cpp: a classifier percentage of 9e98 was read,
// then written back with six digits (%g) and read as another number.
// Percentages are 0 to 100; numbers are written back exactly.
TEST(PolicyYaml, ClassifierPercentagesAreBoundedAndRoundTripExactly) {
  for (const char* bad : {"902222222222222222222", "-1", "100.5", ".nan"}) {
    auto l = ParsePolicy(std::string("version: v1\nclassifier: {p0_above_pct: ") + bad + "}\n",
                         "p.yaml");
    ASSERT_EQ(l.problems.size(), 1u) << bad << All(l);
    EXPECT_EQ(l.problems[0].key, "classifier.p0_above_pct");
  }
  auto fine =
      ParsePolicy("version: v1\nclassifier: {p0_above_pct: 33.333333333333336}\n", "p.yaml");
  ASSERT_TRUE(fine.ok()) << All(fine);
  auto again = ParsePolicy(PolicyToYaml(fine.policy), "w.yaml");
  ASSERT_TRUE(again.ok()) << All(again);
  EXPECT_EQ(again.policy.classifier.p0_above_pct, fine.policy.classifier.p0_above_pct);
  auto huge = ParsePolicy(
      "version: v1\nseverities:\n  P1:\n    customer_communication: {when_customers_over: 1e99}\n",
      "p.yaml");
  ASSERT_EQ(huge.problems.size(), 1u) << All(huge);
  EXPECT_EQ(huge.problems[0].line, 4);
}

TEST(PolicyYaml, KeysLeftOutKeepTheDefault) {
  auto l = ParsePolicy(
      "version: acme-1\n"
      "business_hours: {time_zone: Europe/London, holidays: [2026-12-25]}\n"
      "severities:\n"
      "  SEV-3:\n"
      "    acknowledge: 1h\n"
      "    customer_communication: {when_customers_over: 25}\n",
      "acme.yaml");
  ASSERT_TRUE(l.ok()) << All(l);
  EXPECT_EQ(l.policy.version, "acme-1");
  EXPECT_EQ(l.policy.Level(Severity::kP2).acknowledge, Deadline::Within(std::chrono::hours(1)));
  EXPECT_EQ(l.policy.Level(Severity::kP2).customer_communication.customers_over, 25);
  EXPECT_EQ(l.policy.Level(Severity::kP0), DefaultPolicy().Level(Severity::kP0));
  EXPECT_EQ(l.policy.business_hours.time_zone, "Europe/London");
  EXPECT_EQ(l.policy.business_hours.holidays.size(), 1u);
}

TEST(PolicyYaml, ReportsEveryProblemWithFileLineAndKey) {
  auto l = ParsePolicy(
      "version: x\n"
      "severities:\n"
      "  P1:\n"
      "    acknowledge: soon\n"
      "    update_cadance: 30m\n"
      "  P7: {}\n"
      "business_hours:\n"
      "  days: [mon, funday]\n",
      "bad.yaml");
  ASSERT_FALSE(l.ok());
  std::string all = All(l);
  EXPECT_NE(all.find("bad.yaml:4: severities.P1.acknowledge: 'soon' is not a duration"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("bad.yaml:5: severities.P1.update_cadance: unknown key"), std::string::npos)
      << all;
  EXPECT_NE(all.find("bad.yaml:6: severities.P7: unknown severity"), std::string::npos) << all;
  EXPECT_NE(all.find("bad.yaml:8: business_hours.days: 'funday' is not a day"), std::string::npos)
      << all;
  EXPECT_EQ(l.problems.size(), 4u) << all;
}

TEST(PolicyYaml, RequiresAVersionAndValidYaml) {
  auto nov = ParsePolicy("severities: {}\n", "p.yaml");
  ASSERT_FALSE(nov.ok());
  EXPECT_EQ(nov.problems[0].key, "version");
  auto syntax = ParsePolicy("version: x\nseverities: [\n", "p.yaml");
  ASSERT_FALSE(syntax.ok());
  EXPECT_NE(syntax.problems[0].message.find("not valid YAML"), std::string::npos);
  EXPECT_GT(syntax.problems[0].line, 0);
}

TEST(PolicyYaml, InconsistentPoliciesAreRejected) {
  auto l = ParsePolicy(
      "version: x\n"
      "business_hours:\n"
      "  start: \"18:00\"\n"
      "  end: \"09:00\"\n",
      "p.yaml");
  ASSERT_FALSE(l.ok());
  EXPECT_EQ(l.problems[0].key, "business_hours");
  EXPECT_EQ(l.problems[0].line, 3);
}

TEST(PolicyYaml, MissingFileSaysSo) {
  auto l = LoadPolicyFile("/nonexistent/policy.yaml");
  ASSERT_FALSE(l.ok());
  EXPECT_NE(l.problems[0].ToString().find("cannot read"), std::string::npos);
}

TEST(TimeZones, BusinessHoursFollowTheZonesDaylightSaving) {
  auto london = LoadTimeZone("Europe/London");
  ASSERT_TRUE(london.ok()) << london.error().message;
  BusinessCalendar cal({}, *london);
  // In July London is UTC+1: 09:00 local opens at 08:00 UTC.
  auto t = *ParseTime("2026-07-14T06:00:00Z");
  EXPECT_EQ(FormatTime(cal.Add(t, std::chrono::minutes(30), TimeBasis::kBusiness)),
            "2026-07-14T08:30:00Z");
  // In January it is UTC+0.
  auto w = *ParseTime("2026-01-14T06:00:00Z");
  EXPECT_EQ(FormatTime(cal.Add(w, std::chrono::minutes(30), TimeBasis::kBusiness)),
            "2026-01-14T09:30:00Z");
  EXPECT_FALSE(LoadTimeZone("Mars/Olympus_Mons").ok());
}

}  // namespace
}  // namespace warroom::config
