#pragma once

#include <boost/json.hpp>
#include <string>

namespace warroom::ingest {

// A sender's JSON as stored with an alert (labels, annotations, Grafana's
// values): json::serialize, except that a number past a double's range
// (1e999), which Boost.JSON reads as an infinity and would write as the bare
// word Infinity, is stored as the string "Infinity" or "-Infinity". The
// stored text stays JSON (the alerts API reads it back), and the alert is
// kept: senders do not resend a refused alert. Found by fuzz/pagerduty.cpp.
std::string StoredJson(const boost::json::value& v);

}  // namespace warroom::ingest
