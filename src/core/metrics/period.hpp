#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "base/time.hpp"

namespace warroom::core {

// A report's span: a calendar month or quarter in UTC, [from, until). An
// incident belongs to the period it was declared in.
struct ReportPeriod {
  enum class Kind { kMonth, kQuarter };
  Kind kind = Kind::kMonth;
  std::string label;  // "2026-02", "2026-Q1"
  TimePoint from, until;
  bool Contains(TimePoint t) const { return t >= from && t < until; }
  // The months of a quarter (a month is its own single month), in order.
  std::vector<ReportPeriod> Months() const;
};

// "2026-02": kInvalidArgument, saying what is expected, for "2026-13",
// "2026-2", "Feb 2026" and the like.
Result<ReportPeriod> ParseMonth(std::string_view text);
// "2026-Q1" (Q1 to Q4; "q1" too).
Result<ReportPeriod> ParseQuarter(std::string_view text);
// The month or quarter holding `t` (the default of a report: the current one).
ReportPeriod MonthOf(TimePoint t);
ReportPeriod QuarterOf(TimePoint t);
// The period just before `p`, of the same kind (last month, last quarter).
ReportPeriod Previous(const ReportPeriod& p);

}  // namespace warroom::core
