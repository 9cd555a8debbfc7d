#include "core/metrics/period.hpp"

#include <cctype>
#include <chrono>
#include <cstdio>

namespace warroom::core {

namespace {

using std::chrono::month;
using std::chrono::sys_days;
using std::chrono::year;
using std::chrono::year_month_day;

constexpr int kFirstYear = 1970, kLastYear = 9999;

TimePoint StartOf(int y, unsigned m) {
  return TimePoint(sys_days(year_month_day{year(y), month(m), std::chrono::day(1)}));
}

// `months` months from y-m (m 1..12), for the month after a span.
TimePoint StartAfter(int y, unsigned m, unsigned months) {
  unsigned total = (m - 1) + months;
  return StartOf(y + static_cast<int>(total / 12), total % 12 + 1);
}

std::string Two(unsigned v) { return (v < 10 ? "0" : "") + std::to_string(v); }

ReportPeriod Month(int y, unsigned m) {
  return {ReportPeriod::Kind::kMonth, std::to_string(y) + "-" + Two(m), StartOf(y, m),
          StartAfter(y, m, 1)};
}

ReportPeriod Quarter(int y, unsigned q) {
  unsigned first = (q - 1) * 3 + 1;
  return {ReportPeriod::Kind::kQuarter, std::to_string(y) + "-Q" + std::to_string(q),
          StartOf(y, first), StartAfter(y, first, 3)};
}

// Four digits, as a year of the calendar the reports cover.
bool YearOf(std::string_view s, int& y) {
  if (s.size() != 4) return false;
  y = 0;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    y = y * 10 + (c - '0');
  }
  return y >= kFirstYear && y <= kLastYear;
}

year_month_day DayOf(TimePoint t) {
  return year_month_day(std::chrono::floor<std::chrono::days>(t));
}

}  // namespace

std::vector<ReportPeriod> ReportPeriod::Months() const {
  if (kind == Kind::kMonth) return {*this};
  year_month_day d = DayOf(from);
  std::vector<ReportPeriod> out;
  for (unsigned i = 0; i < 3; ++i) {
    unsigned total = static_cast<unsigned>(d.month()) - 1 + i;
    out.push_back(Month(static_cast<int>(d.year()) + static_cast<int>(total / 12), total % 12 + 1));
  }
  return out;
}

Result<ReportPeriod> ParseMonth(std::string_view text) {
  int y = 0;
  auto bad = [&] {
    return Error::InvalidArgument("'" + std::string(text.substr(0, 32)) +
                                  "' is not a month: give YYYY-MM, such as 2026-02");
  };
  if (text.size() != 7 || text[4] != '-' || !YearOf(text.substr(0, 4), y)) return bad();
  char a = text[5], b = text[6];
  if (!std::isdigit(static_cast<unsigned char>(a)) || !std::isdigit(static_cast<unsigned char>(b)))
    return bad();
  unsigned m = static_cast<unsigned>((a - '0') * 10 + (b - '0'));
  if (m < 1 || m > 12)
    return Error::InvalidArgument(
        "'" + std::string(text) +
        "' is not a month: months run from 01 to 12 (YYYY-MM, such as 2026-02)");
  return Month(y, m);
}

Result<ReportPeriod> ParseQuarter(std::string_view text) {
  int y = 0;
  if (text.size() != 7 || text[4] != '-' || (text[5] != 'Q' && text[5] != 'q') ||
      !YearOf(text.substr(0, 4), y) || text[6] < '1' || text[6] > '4')
    return Error::InvalidArgument("'" + std::string(text.substr(0, 32)) +
                                  "' is not a quarter: give YYYY-Q1 to YYYY-Q4, such as 2026-Q1");
  return Quarter(y, static_cast<unsigned>(text[6] - '0'));
}

ReportPeriod MonthOf(TimePoint t) {
  year_month_day d = DayOf(t);
  return Month(static_cast<int>(d.year()), static_cast<unsigned>(d.month()));
}

ReportPeriod QuarterOf(TimePoint t) {
  year_month_day d = DayOf(t);
  return Quarter(static_cast<int>(d.year()), (static_cast<unsigned>(d.month()) - 1) / 3 + 1);
}

ReportPeriod Previous(const ReportPeriod& p) {
  TimePoint just_before = p.from - Duration(1);
  return p.kind == ReportPeriod::Kind::kMonth ? MonthOf(just_before) : QuarterOf(just_before);
}

}  // namespace warroom::core
