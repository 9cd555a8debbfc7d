#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/time.hpp"

namespace warroom::core {

// Where an alert stands, as its sender reports it.
enum class AlertStatus { kFiring, kAcknowledged, kResolved };
std::string_view AlertStatusName(AlertStatus s);  // firing, acknowledged, resolved
std::optional<AlertStatus> ParseAlertStatus(std::string_view s);

// A sender's name -> value pairs, in the order the sender gave them (a name
// given twice keeps its last value, as a JSON object read keeps it).
using LabelPairs = std::vector<std::pair<std::string, std::string>>;

// One annotation. Most are text; PagerDuty's custom_details may nest
// (numbers, lists, objects): such a value is kept as the sender wrote it, a
// JSON text with `structured` set, so the alerts API shows it as it came.
struct Annotation {
  std::string name;
  std::string value;
  bool structured = false;  // `value` is a JSON number, list or object
};
using Annotations = std::vector<Annotation>;

// One report of one alert, as a sender's translator reads it (src/ingest/):
// no integration (the ingest service knows which one it came by) and nothing
// warroom adds (ids, counts, where it went).
struct Alert {
  std::string key;  // identifies the alert at its sender: fingerprint, dedup_key, key
  AlertStatus status = AlertStatus::kFiring;
  std::string group_key;  // alerts of one group are routed together
  std::string summary;
  LabelPairs labels;
  Annotations annotations;
  std::string source_url;  // an http(s) URL or ""
  TimePoint starts_at;
  std::optional<TimePoint> ends_at;
  // The sender gives no start (PagerDuty Events v2, generic without
  // starts_at): the report belongs to the open alert with the same key, or
  // starts one at `starts_at`.
  bool match_open = false;
};

// The value of `name` among `pairs`, or null.
const std::string* Find(const LabelPairs& pairs, std::string_view name);

}  // namespace warroom::core
