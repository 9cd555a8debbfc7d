#include "core/metrics/period.hpp"

#include <gtest/gtest.h>

namespace warroom::core {
namespace {

TimePoint T(const char* s) { return *ParseTime(s); }

TEST(ReportPeriod, AMonthIsItsCalendarMonthInUtc) {
  auto feb = ParseMonth("2026-02");
  ASSERT_TRUE(feb.ok()) << feb.error().message;
  EXPECT_EQ(feb->label, "2026-02");
  EXPECT_EQ(feb->from, T("2026-02-01T00:00:00Z"));
  EXPECT_EQ(feb->until, T("2026-03-01T00:00:00Z"));
  EXPECT_TRUE(feb->Contains(T("2026-02-28T23:59:59Z")));
  EXPECT_FALSE(feb->Contains(T("2026-03-01T00:00:00Z")));
  auto dec = ParseMonth("2026-12");
  EXPECT_EQ(dec->until, T("2027-01-01T00:00:00Z"));
  EXPECT_EQ(ParseMonth("2028-02")->until, T("2028-03-01T00:00:00Z"));  // a leap year's 29 days
}

TEST(ReportPeriod, AQuarterIsThreeMonthsAndListsThem) {
  auto q = ParseQuarter("2026-Q1");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->from, T("2026-01-01T00:00:00Z"));
  EXPECT_EQ(q->until, T("2026-04-01T00:00:00Z"));
  auto months = q->Months();
  ASSERT_EQ(months.size(), 3u);
  EXPECT_EQ(months[0].label, "2026-01");
  EXPECT_EQ(months[2].label, "2026-03");
  EXPECT_EQ(months[2].until, q->until);
  EXPECT_EQ(ParseQuarter("2026-q4")->until, T("2027-01-01T00:00:00Z"));
  EXPECT_EQ(ParseQuarter("2026-Q4")->Months()[2].label, "2026-12");
}

TEST(ReportPeriod, BadPeriodsSayWhatIsExpected) {
  for (const char* bad :
       {"2026-13", "2026-00", "2026-2", "Feb 2026", "", "26-02", "2026-02-01", "2026/02"}) {
    auto r = ParseMonth(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(r.error().message.find("2026-02"), std::string::npos) << r.error().message;
  }
  EXPECT_NE(ParseMonth("2026-13").error().message.find("01 to 12"), std::string::npos);
  for (const char* bad : {"2026-Q0", "2026-Q5", "2026Q1", "2026-1", "Q1-2026"}) {
    auto r = ParseQuarter(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.error().message.find("YYYY-Q1"), std::string::npos);
  }
}

TEST(ReportPeriod, TheCurrentAndThePreviousPeriodOfAMoment) {
  TimePoint t = T("2026-02-12T14:23:00Z");
  EXPECT_EQ(MonthOf(t).label, "2026-02");
  EXPECT_EQ(QuarterOf(t).label, "2026-Q1");
  EXPECT_EQ(Previous(MonthOf(t)).label, "2026-01");
  EXPECT_EQ(Previous(*ParseMonth("2026-01")).label, "2025-12");
  EXPECT_EQ(Previous(QuarterOf(t)).label, "2025-Q4");
  EXPECT_EQ(MonthOf(T("2026-03-01T00:00:00Z")).label, "2026-03");
}

}  // namespace
}  // namespace warroom::core
