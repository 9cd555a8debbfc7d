#include "core/metrics/aggregate.hpp"

#include <gtest/gtest.h>

namespace warroom::core {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

MetricSample Sample(std::string id, Severity s, std::optional<Duration> mttr,
                    std::optional<Duration> mtta = std::nullopt) {
  MetricSample out{std::move(id), s, {}};
  out.metrics.mttr = mttr ? Measure::Of(*mttr) : Measure::Undefined("not resolved");
  out.metrics.mtta = mtta ? Measure::Of(*mtta) : Measure::Undefined("never acknowledged");
  return out;
}

TEST(AggregateMetric, MeanMedianAndNearestRankP90OverTheDefinedValues) {
  std::vector<MetricSample> s;
  for (int i = 1; i <= 10; ++i)
    s.push_back(Sample("INC-" + std::to_string(i), Severity::kP2, minutes(i * 10)));
  s.push_back(Sample("INC-11", Severity::kP2, std::nullopt));
  MetricAggregate a = AggregateMetric(s, MetricName::kMttr);
  EXPECT_EQ(a.count, 10);
  EXPECT_EQ(a.undefined, 1);
  EXPECT_EQ(*a.mean, minutes(55));
  EXPECT_EQ(*a.median, minutes(55));  // (50 + 60) / 2
  EXPECT_EQ(*a.p90, minutes(90));     // the 9th of 10
  EXPECT_EQ(*a.min, minutes(10));
  EXPECT_EQ(*a.max, minutes(100));
  EXPECT_FALSE(a.target.has_value());
  EXPECT_FALSE(a.mean_within_target.has_value());
  EXPECT_TRUE(a.over_target.empty());
}

TEST(AggregateMetric, AnOddCountHasItsMiddleAsMedianAndOneValueIsEveryFigure) {
  std::vector<MetricSample> s{Sample("a", Severity::kP1, minutes(3)),
                              Sample("b", Severity::kP1, minutes(1)),
                              Sample("c", Severity::kP1, minutes(2))};
  MetricAggregate a = AggregateMetric(s, MetricName::kMttr);
  EXPECT_EQ(*a.median, minutes(2));
  EXPECT_EQ(*a.p90, minutes(3));
  MetricAggregate one =
      AggregateMetric({Sample("x", Severity::kP1, minutes(7))}, MetricName::kMttr);
  EXPECT_EQ(*one.mean, minutes(7));
  EXPECT_EQ(*one.median, minutes(7));
  EXPECT_EQ(*one.p90, minutes(7));
}

TEST(AggregateMetric, NothingDefinedHasNoFiguresButCountsTheUndefined) {
  MetricAggregate a =
      AggregateMetric({Sample("a", Severity::kP0, std::nullopt)}, MetricName::kMttr, hours(4));
  EXPECT_EQ(a.count, 0);
  EXPECT_EQ(a.undefined, 1);
  EXPECT_FALSE(a.mean.has_value());
  EXPECT_FALSE(a.mean_within_target.has_value());
  EXPECT_EQ(*a.target, hours(4));
}

TEST(AggregateMetric, TheTargetJudgesTheMeanAndNamesTheIncidentsOverIt) {
  std::vector<MetricSample> s{Sample("fast", Severity::kP0, hours(1)),
                              Sample("slow", Severity::kP0, hours(5)),
                              Sample("edge", Severity::kP0, hours(4))};
  MetricAggregate a = AggregateMetric(s, MetricName::kMttr, hours(4));
  EXPECT_EQ(*a.mean, Duration(hours(10)) / 3);
  EXPECT_TRUE(*a.mean_within_target);  // 3 h 20 m < 4 h, though two were not
  EXPECT_EQ(a.over_target, (std::vector<std::string>{"slow", "edge"}));  // "< 4 hours": 4 h is over
}

TEST(AggregateBySeverity, EachSeverityAgainstItsOwnTargetFromThePolicy) {
  const Policy& p = DefaultPolicy();
  std::vector<MetricSample> s{Sample("p0", Severity::kP0, hours(5), minutes(2)),
                              Sample("p1", Severity::kP1, hours(5), std::nullopt),
                              Sample("p3", Severity::kP3, hours(50), minutes(30))};
  MetricsBySeverity by = AggregateBySeverity(s, p);
  EXPECT_EQ(by.incidents[0], 1);
  EXPECT_EQ(by.incidents[2], 0);
  EXPECT_EQ(*by.At(Severity::kP0, MetricName::kMttr).target, hours(4));
  EXPECT_FALSE(*by.At(Severity::kP0, MetricName::kMttr).mean_within_target);
  EXPECT_EQ(*by.At(Severity::kP1, MetricName::kMttr).target, hours(24));
  EXPECT_TRUE(*by.At(Severity::kP1, MetricName::kMttr).mean_within_target);
  EXPECT_EQ(by.At(Severity::kP1, MetricName::kMtta).undefined, 1);
  EXPECT_TRUE(*by.At(Severity::kP0, MetricName::kMtta).mean_within_target);  // 2 m < 5 m
  EXPECT_FALSE(by.At(Severity::kP3, MetricName::kMttr).target.has_value());
  EXPECT_EQ(by.At(Severity::kP2, MetricName::kMttr).count, 0);
}

TEST(MetricName, NamesRoundTripAndAnUnknownOneSaysWhatIsKnown) {
  for (MetricName m : kMetricNames) EXPECT_EQ(*ParseMetricName(MetricNameText(m)), m);
  auto bad = ParseMetricName("mtbf");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("mttd, mtta, mtti, mttm or mttr"), std::string::npos);
}

}  // namespace
}  // namespace warroom::core
