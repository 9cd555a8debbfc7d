#include "core/clocks/business_calendar.hpp"

#include <gtest/gtest.h>

namespace warroom::core {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

TimePoint T(const char* s) { return *ParseTime(s); }

BusinessCalendar Utc() { return BusinessCalendar({}, std::make_shared<FixedOffsetZone>()); }

TEST(BusinessCalendar, FridayEveningP2IsDueMondayMorning) {
  // 2026-02-13 is a Friday.
  EXPECT_EQ(FormatTime(Utc().Add(T("2026-02-13T17:50:00Z"), minutes(30), TimeBasis::kBusiness)),
            "2026-02-16T09:20:00Z");
}

TEST(BusinessCalendar, StartsCountingAtOpeningWhenDeclaredAtNight) {
  EXPECT_EQ(FormatTime(Utc().Add(T("2026-02-12T03:00:00Z"), hours(2), TimeBasis::kBusiness)),
            "2026-02-12T11:00:00Z");
  EXPECT_EQ(FormatTime(Utc().Add(T("2026-02-12T18:00:00Z"), minutes(1), TimeBasis::kBusiness)),
            "2026-02-13T09:01:00Z");
}

TEST(BusinessCalendar, ExactlyAtCloseCountsToClose) {
  EXPECT_EQ(FormatTime(Utc().Add(T("2026-02-12T17:30:00Z"), minutes(30), TimeBasis::kBusiness)),
            "2026-02-12T18:00:00Z");
}

TEST(BusinessCalendar, WholeDaysAreWorkingDays) {
  // Thursday 10:00 + 3 business days = Tuesday 10:00.
  EXPECT_EQ(FormatTime(Utc().Add(T("2026-02-12T10:00:00Z"), hours(72), TimeBasis::kBusiness)),
            "2026-02-17T10:00:00Z");
}

TEST(BusinessCalendar, WallTimeCountsEveryMinute) {
  EXPECT_EQ(FormatTime(Utc().Add(T("2026-02-13T17:50:00Z"), minutes(30), TimeBasis::kWall)),
            "2026-02-13T18:20:00Z");
}

TEST(BusinessCalendar, SkipsHolidays) {
  BusinessHours h;
  h.holidays.push_back(std::chrono::year_month_day{std::chrono::year(2026), std::chrono::month(2),
                                                   std::chrono::day(16)});
  BusinessCalendar cal(h, std::make_shared<FixedOffsetZone>());
  EXPECT_EQ(FormatTime(cal.Add(T("2026-02-13T17:50:00Z"), minutes(30), TimeBasis::kBusiness)),
            "2026-02-17T09:20:00Z");
}

TEST(BusinessCalendar, CloseOfNextBusinessDay) {
  EXPECT_EQ(FormatTime(Utc().CloseOfNextBusinessDay(T("2026-02-12T14:00:00Z"))),
            "2026-02-13T18:00:00Z");
  // Friday -> Monday.
  EXPECT_EQ(FormatTime(Utc().CloseOfNextBusinessDay(T("2026-02-13T10:00:00Z"))),
            "2026-02-16T18:00:00Z");
}

TEST(BusinessCalendar, EvaluatesHoursInTheConfiguredZone) {
  // At UTC+05:30, 09:00 local is 03:30 UTC.
  BusinessCalendar cal({}, std::make_shared<FixedOffsetZone>("IST", minutes(330)));
  EXPECT_EQ(FormatTime(cal.Add(T("2026-02-12T00:00:00Z"), minutes(30), TimeBasis::kBusiness)),
            "2026-02-12T04:00:00Z");
}

}  // namespace
}  // namespace warroom::core
