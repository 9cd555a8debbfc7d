#include "ingest/generic/translate.hpp"

#include <boost/json.hpp>

#include "base/http_url.hpp"
#include "ingest/alert_times.hpp"
#include "ingest/json_values.hpp"

namespace warroom::ingest::generic {

namespace json = boost::json;

namespace {

Error Bad(const std::string& what) {
  return Error::InvalidArgument("not a warroom generic alert payload: " + what +
                                " (see docs/api.md, \"Generic alerts\")");
}

// A map of strings (labels, annotations); anything else is a problem.
Result<core::LabelPairs> StringMap(const json::object& o, const char* key,
                                   const std::string& where) {
  auto* v = o.if_contains(key);
  if (!v) return core::LabelPairs();
  if (!v->is_object()) return Bad(where + "." + key + " must be an object of strings");
  for (const auto& [k, val] : v->as_object())
    if (!val.is_string())
      return Bad(where + "." + key + "." + std::string(k) + " must be a string");
  return LabelsOf(v->as_object());
}

Result<std::string> Text(const json::object& o, const char* key, const std::string& where,
                         std::size_t max) {
  auto* v = o.if_contains(key);
  if (!v || v->is_null()) return std::string();
  if (!v->is_string()) return Bad(where + "." + key + " must be a string");
  if (v->as_string().size() > max)
    return Bad(where + "." + key + " is longer than " + std::to_string(max) + " characters");
  return std::string(v->as_string());
}

}  // namespace

Result<std::vector<core::Alert>> Translate(std::string_view body, const Headers&, TimePoint now) {
  SenderJson parsed(body);
  if (const auto& ec = parsed.error())
    return Bad("the body is not valid JSON (" + ec.message() + ")");
  const json::value& v = parsed.value();
  if (!v.is_object()) return Bad("the body must be a JSON object");
  auto* alerts = v.as_object().if_contains("alerts");
  if (!alerts || !alerts->is_array()) return Bad("'alerts' must be a list");
  if (alerts->as_array().empty()) return Bad("'alerts' is empty");
  if (alerts->as_array().size() > kMaxGenericAlerts)
    return Bad("at most " + std::to_string(kMaxGenericAlerts) + " alerts a request");
  std::vector<core::Alert> out;
  std::size_t n = 0;
  for (const auto& item : alerts->as_array()) {
    std::string where = "alerts[" + std::to_string(n++) + "]";
    if (!item.is_object()) return Bad(where + " must be an object");
    const json::object& o = item.as_object();
    core::Alert r;
    WARROOM_ASSIGN_OR_RETURN(r.key, Text(o, "key", where, 255));
    if (r.key.empty()) return Bad(where + ".key is required");
    WARROOM_ASSIGN_OR_RETURN(std::string status, Text(o, "status", where, 16));
    if (status.empty()) status = "firing";
    if (status != "firing" && status != "resolved")
      return Bad(where + ".status must be \"firing\" or \"resolved\"");
    bool firing = status == "firing";
    r.status = firing ? core::AlertStatus::kFiring : core::AlertStatus::kResolved;
    WARROOM_ASSIGN_OR_RETURN(r.summary, Text(o, "summary", where, 1024));
    if (r.summary.empty() && firing) return Bad(where + ".summary is required");
    WARROOM_ASSIGN_OR_RETURN(r.group_key, Text(o, "group", where, 255));
    if (r.group_key.empty()) r.group_key = r.key;
    WARROOM_ASSIGN_OR_RETURN(r.labels, StringMap(o, "labels", where));
    WARROOM_ASSIGN_OR_RETURN(auto annotations, StringMap(o, "annotations", where));
    for (auto& [k, v] : annotations) r.annotations.push_back({std::move(k), std::move(v), false});
    WARROOM_ASSIGN_OR_RETURN(r.source_url, Text(o, "source_url", where, 2048));
    if (std::string_view problem = HttpUrlProblem(r.source_url);
        !r.source_url.empty() && !problem.empty())
      return Bad(where + ".source_url " + std::string(problem) +
                 ": give an absolute http:// or https:// URL");
    bool has_start = false;
    for (const char* field : {"starts_at", "ends_at"}) {
      WARROOM_ASSIGN_OR_RETURN(std::string t, Text(o, field, where, 64));
      if (t.empty()) continue;
      auto parsed = ParseTime(t);
      if (!parsed.ok()) return Bad(where + "." + field + ": " + parsed.error().message);
      if (std::string_view(field) == "starts_at") {
        r.starts_at = BoundedStart(*parsed, now);
        has_start = true;
      } else {
        r.ends_at = BoundedEnd(*parsed);
      }
    }
    // Absent, null or "" alike (an empty starts_at was left at 1970, found
    // by fuzz/generic.cpp).
    if (!has_start) {
      r.match_open = true;  // the open alert with this key, or a new one now
      r.starts_at = now;
    }
    if (!firing && !r.ends_at) r.ends_at = now;
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace warroom::ingest::generic
