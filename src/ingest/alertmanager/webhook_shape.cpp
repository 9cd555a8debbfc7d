#include "ingest/alertmanager/webhook_shape.hpp"

#include <boost/json.hpp>

#include "base/http_url.hpp"
#include "ingest/alert_times.hpp"
#include "ingest/json_values.hpp"

namespace warroom::ingest {

namespace json = boost::json;

namespace {

Error Bad(const WebhookShape& shape, const std::string& what) {
  return Error::InvalidArgument(std::string("not a ") + shape.sender + " (version " +
                                shape.version + ") payload: " + what);
}

// Grafana's extra fields, kept with the annotations so a responder sees them
// with the alert (a URL that is not http(s) is dropped).
void AddGrafanaExtras(const json::object& ao, core::Annotations& annotations) {
  for (auto [field, name] : {std::pair{"silenceURL", "silence_url"},
                             {"dashboardURL", "dashboard_url"},
                             {"panelURL", "panel_url"},
                             {"imageURL", "image_url"}}) {
    auto* f = ao.if_contains(field);
    if (f && f->is_string() && HttpUrlProblem(f->as_string()).empty())
      SetAnnotation(annotations, name, std::string(f->as_string()));
  }
  // A string holding the values' JSON, as it always was stored.
  if (auto* values = ao.if_contains("values"); values && values->is_object())
    SetAnnotation(annotations, "values", StoredJson(*values));
}

Result<core::Alert> ReadAlert(const WebhookShape& shape, const json::value& a,
                              const std::string& where, const std::string& group_key,
                              TimePoint now) {
  auto Bad = [&shape](const std::string& what) { return ingest::Bad(shape, what); };
  if (!a.is_object()) return Bad(where + " must be an object");
  const json::object& ao = a.as_object();
  core::Alert r;
  auto* status = ao.if_contains("status");
  if (!status || !status->is_string() ||
      (status->as_string() != "firing" && status->as_string() != "resolved"))
    return Bad(where + ".status must be \"firing\" or \"resolved\"");
  r.status =
      status->as_string() == "firing" ? core::AlertStatus::kFiring : core::AlertStatus::kResolved;
  auto* labels = ao.if_contains("labels");
  if (!labels || !labels->is_object()) return Bad(where + ".labels must be an object");
  r.labels = LabelsOf(labels->as_object());
  auto* annotations = ao.if_contains("annotations");
  if (annotations && annotations->is_object())
    r.annotations = AnnotationsOf(annotations->as_object());
  if (shape.grafana_extras) AddGrafanaExtras(ao, r.annotations);
  auto* starts = ao.if_contains("startsAt");
  if (!starts || !starts->is_string()) return Bad(where + ".startsAt is required");
  auto st = ParseTime(starts->as_string());
  if (!st.ok()) return Bad(where + ".startsAt: " + st.error().message);
  r.starts_at = BoundedStart(*st, now);
  if (auto* ends = ao.if_contains("endsAt"); ends && ends->is_string()) {
    auto et = ParseTime(ends->as_string());
    if (!et.ok()) return Bad(where + ".endsAt: " + et.error().message);
    r.ends_at = BoundedEnd(*et);  // Alertmanager writes "no end" as the zero time, year 1
  }
  auto* fp = ao.if_contains("fingerprint");
  if (fp && fp->is_string() && !fp->as_string().empty()) {
    r.key = std::string(fp->as_string());
  } else {
    // Older senders: the label set itself identifies the alert.
    r.key = "labels:" + StoredJson(*labels);
  }
  // A sender's URL that is not http(s) (javascript:, data:) is dropped, not
  // refused: the alert itself still counts.
  if (auto* url = ao.if_contains("generatorURL");
      url && url->is_string() && HttpUrlProblem(url->as_string()).empty())
    r.source_url = std::string(url->as_string());
  const json::object& lo = labels->as_object();
  auto* name = lo.if_contains("alertname");
  std::string alertname =
      name && name->is_string() ? std::string(name->as_string()) : std::string("alert");
  r.summary = alertname;
  if (annotations && annotations->is_object())
    if (auto* sm = annotations->as_object().if_contains("summary"); sm && sm->is_string())
      r.summary = std::string(sm->as_string());
  r.group_key = group_key.empty() ? alertname : group_key;
  return r;
}

}  // namespace

Result<std::vector<core::Alert>> ReadWebhook(const WebhookShape& shape, std::string_view body,
                                             TimePoint now) {
  auto Bad = [&shape](const std::string& what) { return ingest::Bad(shape, what); };
  SenderJson parsed(body);
  if (const auto& ec = parsed.error())
    return Bad("the body is not valid JSON (" + ec.message() + ")");
  const json::value& v = parsed.value();
  if (!v.is_object()) return Bad("the body must be a JSON object");
  const json::object& o = v.as_object();
  auto* version = o.if_contains("version");
  if (!version || !version->is_string() || version->as_string() != shape.version)
    return Bad(std::string("'version' must be \"") + shape.version + "\" (" + shape.advice + ")");
  auto* alerts = o.if_contains("alerts");
  if (!alerts || !alerts->is_array()) return Bad("'alerts' must be a list");
  std::string group_key;
  if (auto* g = o.if_contains("groupKey"); g && g->is_string())
    group_key = std::string(g->as_string());
  std::vector<core::Alert> out;
  out.reserve(alerts->as_array().size());
  std::size_t n = 0;
  for (const auto& a : alerts->as_array()) {
    WARROOM_ASSIGN_OR_RETURN(
        core::Alert alert,
        ReadAlert(shape, a, "alerts[" + std::to_string(n++) + "]", group_key, now));
    out.push_back(std::move(alert));
  }
  return out;
}

}  // namespace warroom::ingest
