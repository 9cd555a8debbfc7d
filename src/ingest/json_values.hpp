#pragma once

#include <boost/json.hpp>
#include <string>
#include <string_view>

#include "core/alerts/alert.hpp"

namespace warroom::ingest {

// A sender's body parsed into its own arena, for reading once: the whole
// tree is a few blocks, freed together, where the default allocator made
// and freed every member and string apart (a batch of 100 alerts' parse and
// teardown were about 40% of its translation, measured under callgrind).
// Values read from it must not outlive it (the translators copy what they
// keep into core::Alert). Not movable: the value points into the arena.
class SenderJson {
 public:
  explicit SenderJson(std::string_view body);
  SenderJson(const SenderJson&) = delete;
  SenderJson& operator=(const SenderJson&) = delete;

  // Set when the body is not JSON (or deeper than Boost.JSON's default).
  const boost::system::error_code& error() const { return error_; }
  const boost::json::value& value() const { return value_; }

 private:
  unsigned char first_block_[4096];  // small bodies (a single event) never reach the heap
  boost::json::monotonic_resource arena_;
  boost::system::error_code error_;
  boost::json::value value_;
};

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
