#pragma once

#include <boost/json.hpp>
#include <string>
#include <string_view>

#include "core/alerts/alert.hpp"

namespace warroom::ingest {

// A sender's JSON value as text: json::serialize, except that a number past
// a double's range (1e999), which Boost.JSON reads as an infinity and would
// write as the bare word Infinity, is written as the string "Infinity" or
// "-Infinity". The text stays JSON (the alerts API shows it), and the alert
// is kept: senders do not resend a refused alert. Found by fuzz/pagerduty.cpp.
std::string StoredJson(const boost::json::value& v);

// A label's value as text: a string's own characters; any other value (no
// sender's documented shape has one) its StoredJson text.
std::string LabelText(const boost::json::value& v);

// Every member of a JSON object as a label, in the sender's order.
core::LabelPairs LabelsOf(const boost::json::object& o);

// Every member of a JSON object as an annotation, in the sender's order: a
// string as text, anything else structured (its StoredJson text).
core::Annotations AnnotationsOf(const boost::json::object& o);

// Sets `name` among `annotations` (in its place when present, else last).
void SetAnnotation(core::Annotations& annotations, std::string_view name, std::string value,
                   bool structured = false);

}  // namespace warroom::ingest
