#include "base/time.hpp"

#include <gtest/gtest.h>

namespace warroom {
namespace {

TEST(Time, ParsesAndFormatsUtc) {
  auto t = ParseTime("2026-02-12T14:23:00Z");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(FormatTime(*t), "2026-02-12T14:23:00Z");
  EXPECT_EQ(FormatClockTime(*t), "14:23 UTC");
  EXPECT_EQ(FormatDate(*t), "2026-02-12");
}

TEST(Time, AppliesOffsetsAndFractions) {
  auto t = ParseTime("2026-02-12T20:00:00.25+05:30");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(FormatTime(*t), "2026-02-12T14:30:00.25Z");
}

TEST(Time, RejectsTimesWithoutZoneAndGarbage) {
  for (const char* bad : {"2026-02-12T14:23:00", "yesterday", "2026-02-30T10:00:00Z",
                          "2026-02-12T25:00:00Z", "2026-02-12T14:23:00Zjunk", ""}) {
    auto t = ParseTime(bad);
    ASSERT_FALSE(t.ok()) << bad;
    EXPECT_EQ(t.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(t.error().message.find("RFC 3339"), std::string::npos);
  }
}

TEST(Time, ParsesDurations) {
  EXPECT_EQ(*ParseDuration("30m"), std::chrono::minutes(30));
  EXPECT_EQ(*ParseDuration("1h30m"), std::chrono::minutes(90));
  EXPECT_EQ(*ParseDuration("2w"), std::chrono::weeks(2));
  EXPECT_EQ(*ParseDuration("500ms"), std::chrono::milliseconds(500));
  EXPECT_FALSE(ParseDuration("").ok());
  EXPECT_FALSE(ParseDuration("10").ok());
  EXPECT_FALSE(ParseDuration("5 parsecs").ok());
  EXPECT_FALSE(ParseDuration("-5m").ok());
}

// Found by fuzz/time.cpp: 22222222w is more microseconds than an int64 holds
// (signed overflow, undefined behaviour); so is a sum of large parts.
TEST(Duration, LongerThanACenturyIsRefusedNotOverflowed) {
  EXPECT_EQ(*ParseDuration("36525d"), std::chrono::days(36525));
  for (const char* text : {"36526d", "22222222w", "1000000000w", "1000000000d", "1000000000h",
                           "999999999h999999999h999999999h"}) {
    auto d = ParseDuration(text);
    ASSERT_FALSE(d.ok()) << text;
    EXPECT_NE(d.error().message.find("longer than 100 years"), std::string::npos) << text;
  }
}

TEST(Time, FormatsDurationsInTheSpecsWords) {
  using namespace std::chrono;
  EXPECT_EQ(FormatDurationWords(hours(2) + minutes(37)), "2 hours 37 minutes");
  EXPECT_EQ(FormatDurationWords(hours(1) + minutes(1)), "1 hour 1 minute");
  EXPECT_EQ(FormatDurationWords(minutes(22)), "22 minutes");
  EXPECT_EQ(FormatDuration(hours(1) + minutes(37)), "1h37m");
  EXPECT_EQ(FormatDuration(Duration::zero()), "0s");
}

// A policy's durations are written back by FormatDuration and read again by
// ParseDuration: "230ms" once came back as "0s" (found by fuzz/policy_yaml).
TEST(Time, FormattedDurationsReadBackToTheSameValue) {
  using namespace std::chrono;
  EXPECT_EQ(FormatDuration(milliseconds(230)), "230ms");
  EXPECT_EQ(FormatDuration(seconds(1) + milliseconds(500)), "1s500ms");
  EXPECT_EQ(FormatDuration(minutes(2) + milliseconds(5)), "2m5ms");
  EXPECT_EQ(FormatDuration(-milliseconds(230)), "-230ms");
  EXPECT_EQ(FormatDuration(microseconds(1999)), "1ms");  // below a millisecond is not written
  for (Duration d : {Duration(milliseconds(230)), Duration(hours(25) + milliseconds(1)),
                     Duration(weeks(3) + seconds(59) + milliseconds(999)), Duration(seconds(90))}) {
    auto back = ParseDuration(FormatDuration(d));
    ASSERT_TRUE(back.ok()) << FormatDuration(d);
    EXPECT_EQ(*back, d) << FormatDuration(d);
  }
}

}  // namespace
}  // namespace warroom

namespace warroom {
namespace {

TEST(Time, RefusesAnOffsetThatCarriesTheInstantPastTheFourDigitYears) {
  // Found by fuzz_time: it formatted as "+10000-01-01..." and never parsed back.
  auto late = ParseTime("9999-12-31T23:49-12:02");
  ASSERT_FALSE(late.ok());
  EXPECT_NE(late.error().message.find("outside the years 0000 to 9999"), std::string::npos);
  EXPECT_FALSE(ParseTime("0000-01-01T00:30+01:00").ok());
  auto edge = ParseTime("9999-12-31T23:59:59Z");
  ASSERT_TRUE(edge.ok());
  EXPECT_EQ(*ParseTime(FormatTime(*edge)), *edge);
}

TEST(ParseDate, ReadsACalendarDayAsMidnightUtc) {
  auto d = ParseDate("2028-02-29");
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(FormatTime(*d), "2028-02-29T00:00:00Z");
  EXPECT_EQ(FormatDate(*d), "2028-02-29");
}

TEST(ParseDate, RefusesWhatIsNotARealDay) {
  for (const char* bad : {"2026-02-29", "2026-13-01", "2026-00-10", "2026-1-10",
                          "2026-01-10T00:00Z", "", "20260110", "2026-01-32"}) {
    auto d = ParseDate(bad);
    ASSERT_FALSE(d.ok()) << bad;
    EXPECT_NE(d.error().message.find("YYYY-MM-DD"), std::string::npos) << d.error().message;
  }
}

}  // namespace
}  // namespace warroom
