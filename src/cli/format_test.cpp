#include "cli/format.hpp"

#include <gtest/gtest.h>

namespace warroom::cli {
namespace {

namespace json = boost::json;

TEST(Printable, EscapesEveryControlCharacter) {
  EXPECT_EQ(Printable("a\nb\rc\td"), "a\\nb\\rc\\td");
  EXPECT_EQ(Printable("\x1b[31mred"), "\\x1b[31mred");
  EXPECT_EQ(Printable(std::string("nul\0del\x7f", 8)), "nul\\x00del\\x7f");
  EXPECT_EQ(Printable("\xc2\x9b"
                      "31m"),
            "\\u{009B}31m");  // C1 CSI
  EXPECT_EQ(Printable("abc\xe2\x80\xae"
                      "fed"),
            "abc\\u{202E}fed");  // right-to-left override
  EXPECT_EQ(Printable("line\xe2\x80\xa8"
                      "sep"),
            "line\\u{2028}sep");
  EXPECT_EQ(Printable("bad \xff\xc3"), "bad \\xff\\xc3");  // not UTF-8
  EXPECT_EQ(Printable("Zürich ✓ 日本"), "Zürich ✓ 日本");
  EXPECT_EQ(Printable("two\nlines\tand \x1b", true), "two\nlines\tand \\x1b");
}

TEST(Printable, AValueCannotForgeARowOfTheList) {
  json::object page{
      {"items", json::array{json::object{
                    {"id", "INC-2026-02-12-001"},
                    {"severity", "P1"},
                    {"status", "investigating"},
                    {"declared_at", "2026-02-12T14:23:00Z"},
                    {"summary", "real\nINC-2026-02-12-999  P0  resolved  forged\x1b[2J"}}}}};
  std::string out = FormatIncidentList(page);
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 2) << out;  // header and one row
  EXPECT_EQ(out.find('\x1b'), std::string::npos);
  EXPECT_NE(out.find("real\\nINC-2026-02-12-999"), std::string::npos);
}

TEST(Printable, TimelineDetailsAreEscapedAndCutOnACharacter) {
  std::string text = std::string(90, 'x') + "\x7f" + "ééééééé";
  json::object t{{"events", json::array{json::object{{"seq", 1},
                                                     {"occurred_at", "2026-02-12T14:23:00Z"},
                                                     {"actor", json::object{{"id", "a\x1b"}}},
                                                     {"type", "note_added"},
                                                     {"payload", json::object{{"text", text}}}}}}};
  std::string out = FormatTimeline(t);
  EXPECT_EQ(out.find('\x1b'), std::string::npos);
  EXPECT_EQ(out.find('\x7f'), std::string::npos);
  EXPECT_NE(out.find("a\\x1b"), std::string::npos);
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 2) << out;
}

TEST(Percent, PrintsAtMostTwoDecimalsWithoutTrailingZeros) {
  EXPECT_EQ(Percent(12.3), "12.3");
  EXPECT_EQ(Percent(100), "100");
  EXPECT_EQ(Percent(0), "0");
  EXPECT_EQ(Percent(0.05), "0.05");
  EXPECT_EQ(Percent(40), "40");
  EXPECT_EQ(Percent(33.333333), "33.33");
  EXPECT_EQ(Percent(12.5), "12.5");
  EXPECT_EQ(Percent(99.5), "99.5");
}

TEST(Percent, NeverRoundsASmallOrLargeShareToZeroOrAll) {
  EXPECT_EQ(Percent(0.001), "<0.01");
  EXPECT_EQ(Percent(0.004), "<0.01");
  EXPECT_EQ(Percent(0.006), "0.01");
  EXPECT_EQ(Percent(99.999), ">99.99");
  EXPECT_EQ(Percent(99.994), "99.99");
}

TEST(Decimal, NeverPrintsAnExponent) {
  EXPECT_EQ(Decimal(100.0, 6), "100");
  EXPECT_EQ(Decimal(1e7, 6), "10000000");
  EXPECT_EQ(Decimal(0.000001, 6), "0.000001");
  EXPECT_EQ(Decimal(-0.0000001, 6), "0");
  EXPECT_EQ(Decimal(-2.5, 2), "-2.5");
  json::value hundred = 100.0;
  EXPECT_EQ(Text(&hundred), "100");  // Boost.JSON would serialize 1E2
  json::value count = std::int64_t{1840};
  EXPECT_EQ(Text(&count), "1840");
}

TEST(FormatIncident, ShowsTheShareOfCustomersAsAPercentage) {
  auto impact_line = [](json::object impact) {
    std::string out =
        FormatIncident(json::object{{"id", "INC-2026-02-12-001"}, {"impact", impact}});
    auto at = out.find("Impact:");
    return out.substr(at, out.find('\n', at) - at);
  };
  EXPECT_EQ(impact_line({{"customers_affected", 1840}, {"customers_affected_pct", 12.3}}),
            "Impact:       1840 customers (12.3%), components -, since -");
  EXPECT_EQ(impact_line({{"customers_affected", nullptr}, {"customers_affected_pct", 100.0}}),
            "Impact:       100% of customers, components -, since -");
  EXPECT_EQ(impact_line({{"customers_affected", 5}, {"customers_affected_pct", nullptr}}),
            "Impact:       5 customers, components -, since -");
  EXPECT_EQ(impact_line({}), "Impact:       customers -, components -, since -");
}

}  // namespace
}  // namespace warroom::cli
