#include "core/severity/classifier.hpp"

#include <gtest/gtest.h>

namespace warroom::core {
namespace {

Severity ByShare(double pct) {
  ImpactAssessment a;
  a.customers_affected_pct = pct;
  auto c = Classify(DefaultPolicy(), a);
  EXPECT_TRUE(c.ok());
  return c->severity;
}

TEST(Classifier, SharesLandOnTheSpecsBoundaries) {
  EXPECT_EQ(ByShare(100), Severity::kP0);
  EXPECT_EQ(ByShare(90.1), Severity::kP0);
  EXPECT_EQ(ByShare(90), Severity::kP1);
  EXPECT_EQ(ByShare(40), Severity::kP1);
  EXPECT_EQ(ByShare(30), Severity::kP1);
  EXPECT_EQ(ByShare(29.9), Severity::kP2);
  EXPECT_EQ(ByShare(5), Severity::kP2);
  EXPECT_EQ(ByShare(4.9), Severity::kP3);
  EXPECT_EQ(ByShare(0), Severity::kP3);
}

TEST(Classifier, DataLossSecurityAndPaymentsAreAlwaysP0) {
  ImpactAssessment a;
  a.customers_affected_pct = 1;
  a.data_loss = true;
  auto c = Classify(DefaultPolicy(), a);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->severity, Severity::kP0);
  EXPECT_EQ(c->reasons.size(), 2u);
  EXPECT_NE(c->reasons[0].find("data loss"), std::string::npos);

  ImpactAssessment s;
  s.security_breach = true;
  EXPECT_EQ(Classify(DefaultPolicy(), s)->severity, Severity::kP0);
  ImpactAssessment p;
  p.payments_down = true;
  EXPECT_EQ(Classify(DefaultPolicy(), p)->severity, Severity::kP0);
}

TEST(Classifier, ExplainsWhy) {
  ImpactAssessment a;
  a.customers_affected_pct = 40;
  auto c = Classify(DefaultPolicy(), a);
  ASSERT_EQ(c->reasons.size(), 1u);
  EXPECT_EQ(c->reasons[0], "40% of customers affected is within 30% to 90% (P1)");
}

TEST(Classifier, RejectsSharesOutsideZeroToHundred) {
  ImpactAssessment a;
  a.customers_affected_pct = 140;
  auto c = Classify(DefaultPolicy(), a);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code, ErrorCode::kInvalidArgument);
}

TEST(Severity, ParsesNamesAndAliases) {
  EXPECT_EQ(*ParseSeverity("P0"), Severity::kP0);
  EXPECT_EQ(*ParseSeverity("sev-2"), Severity::kP1);
  EXPECT_EQ(*ParseSeverity("SEV4"), Severity::kP3);
  EXPECT_FALSE(ParseSeverity("P4").ok());
  EXPECT_FALSE(ParseSeverity("SEV-0").ok());
  EXPECT_EQ(SeverityAlias(Severity::kP2), "SEV-3");
}

TEST(DefaultPolicy, IsTheSpecsTable) {
  const Policy& p = DefaultPolicy();
  EXPECT_TRUE(ValidatePolicy(p).empty());
  using namespace std::chrono;
  EXPECT_EQ(p.Level(Severity::kP0).acknowledge, Deadline::Within(minutes(5)));
  EXPECT_EQ(p.Level(Severity::kP1).acknowledge, Deadline::Within(minutes(15)));
  EXPECT_EQ(p.Level(Severity::kP2).acknowledge, Deadline::Within(minutes(30)));
  EXPECT_EQ(p.Level(Severity::kP2).time_basis, TimeBasis::kBusiness);
  EXPECT_EQ(p.Level(Severity::kP3).acknowledge, Deadline::CloseOfNextBusinessDay());
  EXPECT_EQ(p.Level(Severity::kP0).page_groups.size(), 3u);
  EXPECT_TRUE(p.Level(Severity::kP2).chat_notification);
  EXPECT_TRUE(p.Level(Severity::kP3).page_groups.empty());
  EXPECT_EQ(*p.Level(Severity::kP1).update_cadence, minutes(30));
  EXPECT_FALSE(p.Level(Severity::kP3).update_cadence.has_value());
  EXPECT_EQ(p.Level(Severity::kP2).customer_communication.customers_over, 10);
  EXPECT_EQ(p.Level(Severity::kP0).target_resolution_max, hours(4));
  EXPECT_EQ(p.Level(Severity::kP3).target_resolution_max, weeks(2));
  EXPECT_EQ(p.Level(Severity::kP0).pir.within, hours(48));
  EXPECT_EQ(p.Level(Severity::kP1).pir.within, weeks(1));
  EXPECT_EQ(p.Level(Severity::kP2).pir.kind, PirRequirement::Kind::kOptional);
  EXPECT_EQ(p.targets.size(), 4u);
}

}  // namespace
}  // namespace warroom::core
