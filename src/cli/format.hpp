#pragma once

#include <boost/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace warroom::cli {

// Human renderings of the API's JSON answers.
// One line: id, severity, status and summary (what incident commands print).
std::string FormatIncidentLine(const boost::json::object& incident);
std::string FormatIncident(const boost::json::object& incident);
std::string FormatIncidentList(const boost::json::object& page);
std::string FormatTimeline(const boost::json::object& timeline);
std::string FormatPolicy(const boost::json::object& policy);
// A left-aligned text table.
std::string Table(const std::vector<std::string>& header,
                  const std::vector<std::vector<std::string>>& rows);
// The text of a JSON string, a number, or "-" for null, Printable: what
// every human rendering prints a value through.
std::string Text(const boost::json::value* v);
// A number in plain decimal notation, never an exponent (Boost.JSON
// serializes 100.0 as 1E2): integers as they are, other values rounded to
// at most `max_decimals` decimals with trailing zeros trimmed.
std::string Decimal(double v, int max_decimals);
// A share from 0 to 100 for people, without the sign: at most two decimals
// (12.3, 0.05, 100), and never rounded to a bound it is not: a share above
// 0 but below 0.005 is "<0.01", one below 100 but above 99.995 is ">99.99".
std::string Percent(double share);
// The same, for a value that is several lines of text (a rendered message):
// newlines and tabs are kept, every other control character escaped.
std::string MultilineText(const boost::json::value* v);

// Text safe to print on one line of a terminal: control characters (C0, DEL
// and C1) and the Unicode line separators and bidirectional overrides are
// escaped (\n, \r, \t, \xNN, \u{NNNN}), so a value can neither forge a row
// of a table nor send escape sequences to the terminal. Invalid UTF-8 bytes
// become \xNN too. `--json` output never goes through this.
std::string Printable(std::string_view s, bool keep_newlines = false);

}  // namespace warroom::cli
