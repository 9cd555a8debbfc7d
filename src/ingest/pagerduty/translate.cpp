#include "ingest/pagerduty/translate.hpp"

#include <boost/json.hpp>

#include <algorithm>

#include "base/http_url.hpp"
#include "ingest/alert_times.hpp"
#include "ingest/json_values.hpp"

namespace warroom::ingest::pagerduty {

namespace json = boost::json;

Event Translate(std::string_view body, const Headers&, TimePoint now,
                const std::function<std::string()>& new_dedup_key) {
  Event e;
  std::vector<std::string>& errors = e.errors;
  SenderJson parsed(body);
  const json::value& v = parsed.value();
  if (parsed.error() || !v.is_object()) {
    errors.push_back("The request body is not a JSON object.");
    return e;
  }
  const json::object& o = v.as_object();
  // A field of another type is named, as PagerDuty's own API does.
  auto str = [&](const json::object& from, const char* key) -> std::string {
    auto* f = from.if_contains(key);
    if (f && !f->is_null() && !f->is_string()) {
      std::string where = &from == &o ? "" : "payload.";
      std::string msg = "'" + where + key + "' must be a string.";
      if (std::find(errors.begin(), errors.end(), msg) == errors.end()) errors.push_back(msg);
    }
    return f && f->is_string() ? std::string(f->as_string()) : std::string();
  };
  e.routing_key = str(o, "routing_key");
  if (e.routing_key.empty()) errors.push_back("'routing_key' is missing or blank.");
  std::string action = str(o, "event_action");
  if (action != "trigger" && action != "acknowledge" && action != "resolve")
    errors.push_back("'event_action' must be one of trigger, acknowledge or resolve.");
  e.dedup_key = str(o, "dedup_key");
  if (e.dedup_key.size() > 255) errors.push_back("'dedup_key' is longer than 255 characters.");
  if (action != "trigger" && e.dedup_key.empty())
    errors.push_back("'dedup_key' is required to " + action + ".");
  core::Alert& a = e.alert;
  a.match_open = true;
  a.starts_at = now;
  a.status = action == "trigger"       ? core::AlertStatus::kFiring
             : action == "acknowledge" ? core::AlertStatus::kAcknowledged
                                       : core::AlertStatus::kResolved;
  if (action == "resolve") a.ends_at = now;
  if (action == "trigger") {
    auto* payload = o.if_contains("payload");
    if (!payload || !payload->is_object()) {
      errors.push_back("'payload' is missing.");
    } else {
      const json::object& p = payload->as_object();
      a.summary = str(p, "summary");
      if (a.summary.empty()) errors.push_back("'payload.summary' is missing or blank.");
      if (a.summary.size() > 1024)
        errors.push_back("'payload.summary' is longer than 1024 characters.");
      if (str(p, "source").empty()) errors.push_back("'payload.source' is missing or blank.");
      std::string severity = str(p, "severity");
      if (severity != "critical" && severity != "error" && severity != "warning" &&
          severity != "info")
        errors.push_back("'payload.severity' must be one of critical, error, warning or info.");
      std::string ts = str(p, "timestamp");
      if (!ts.empty()) {
        auto t = ParseTime(ts);
        if (!t.ok())
          errors.push_back("'payload.timestamp' is not an ISO 8601 date-time.");
        else
          a.starts_at = BoundedStart(*t, now);
      }
      a.labels = {{"severity", severity}, {"source", str(p, "source")}};
      for (const char* k : {"component", "group", "class"})
        if (std::string value = str(p, k); !value.empty()) a.labels.emplace_back(k, value);
      if (auto* d = p.if_contains("custom_details"); d && d->is_object())
        a.annotations = AnnotationsOf(d->as_object());
      // An event is its own group (Alertmanager's pagerduty_config sends one
      // event per alert group, its dedup_key a hash of the group key) unless
      // the sender names a group: `source` is no group (Alertmanager sets it
      // to "Alertmanager" for every group).
      a.group_key = str(p, "group");
    }
    if (e.dedup_key.empty()) e.dedup_key = new_dedup_key();
  }
  a.key = e.dedup_key;
  if (a.group_key.empty()) a.group_key = e.dedup_key;
  a.source_url = str(o, "client_url");
  if (!HttpUrlProblem(a.source_url).empty()) a.source_url.clear();  // dropped, like Alertmanager's
  return e;
}

}  // namespace warroom::ingest::pagerduty
