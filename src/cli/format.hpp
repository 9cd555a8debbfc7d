#pragma once

#include <boost/json.hpp>
#include <string>

namespace warroom::cli {

// Human renderings of the API's JSON answers.
std::string FormatIncident(const boost::json::object& incident);
std::string FormatIncidentList(const boost::json::object& page);
std::string FormatTimeline(const boost::json::object& timeline);
std::string FormatPolicy(const boost::json::object& policy);
// A left-aligned text table.
std::string Table(const std::vector<std::string>& header,
                  const std::vector<std::vector<std::string>>& rows);
// The text of a JSON string, a number, or "-" for null.
std::string Text(const boost::json::value* v);

}  // namespace warroom::cli
