#include "ingest/alertmanager.hpp"

#include <boost/json.hpp>

#include "base/http_url.hpp"
#include "ingest/alert_times.hpp"
#include "ingest/stored_json.hpp"

namespace warroom::ingest {

namespace json = boost::json;

namespace {

// Alertmanager's webhook and Grafana's contact point send the same shape;
// they differ in the version and a few extra fields per alert.
struct Shape {
  const char* sender;   // for messages
  const char* version;  // the payload's `version`
  const char* advice;   // how to get a sender that sends it
  bool grafana_extras;  // values, silenceURL, dashboardURL, panelURL, imageURL
};

constexpr Shape kAlertmanager{"Alertmanager webhook", "4",
                              "configure a webhook_config; Alertmanager 0.x and later send it",
                              false};
constexpr Shape kGrafana{"Grafana webhook contact point", "1",
                         "use Grafana's unified alerting webhook contact point", true};

Error Bad(const Shape& shape, const std::string& what) {
  return Error::InvalidArgument(std::string("not a ") + shape.sender + " (version " +
                                shape.version + ") payload: " + what);
}

Result<std::vector<store::AlertRecord>> ParseShape(const Shape& shape, std::string_view body,
                                                   const std::string& integration, TimePoint now) {
  auto Bad = [&shape](const std::string& what) { return ingest::Bad(shape, what); };
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec) return Bad("the body is not valid JSON (" + ec.message() + ")");
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
  std::vector<store::AlertRecord> out;
  std::size_t n = 0;
  for (const auto& a : alerts->as_array()) {
    std::string where = "alerts[" + std::to_string(n++) + "]";
    if (!a.is_object()) return Bad(where + " must be an object");
    const json::object& ao = a.as_object();
    store::AlertRecord r;
    r.integration = integration;
    auto* status = ao.if_contains("status");
    if (!status || !status->is_string() ||
        (status->as_string() != "firing" && status->as_string() != "resolved"))
      return Bad(where + ".status must be \"firing\" or \"resolved\"");
    r.status = std::string(status->as_string());
    auto* labels = ao.if_contains("labels");
    if (!labels || !labels->is_object()) return Bad(where + ".labels must be an object");
    r.labels = StoredJson(*labels);
    auto* annotations = ao.if_contains("annotations");
    json::object extra =
        annotations && annotations->is_object() ? annotations->as_object() : json::object();
    if (shape.grafana_extras) {
      // Kept with the annotations so a responder sees them with the alert.
      for (auto [field, name] : {std::pair{"silenceURL", "silence_url"},
                                 {"dashboardURL", "dashboard_url"},
                                 {"panelURL", "panel_url"},
                                 {"imageURL", "image_url"}}) {
        auto* f = ao.if_contains(field);
        if (f && f->is_string() && HttpUrlProblem(f->as_string()).empty())
          extra[name] = f->as_string();
      }
      if (auto* values = ao.if_contains("values"); values && values->is_object())
        extra["values"] = StoredJson(*values);
    }
    r.annotations = StoredJson(extra);
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
      r.alert_key = std::string(fp->as_string());
    } else {
      // Older senders: the label set itself identifies the alert.
      r.alert_key = "labels:" + r.labels;
    }
    // A sender's URL that is not http(s) (javascript:, data:) is dropped, not
    // refused: the alert itself still counts.
    if (auto* url = ao.if_contains("generatorURL");
        url && url->is_string() && HttpUrlProblem(url->as_string()).empty())
      r.source_url = std::string(url->as_string());
    const json::object& lo = labels->as_object();
    std::string alertname = lo.if_contains("alertname") && lo.at("alertname").is_string()
                                ? std::string(lo.at("alertname").as_string())
                                : std::string("alert");
    r.summary = alertname;
    if (annotations && annotations->is_object()) {
      const json::object& an = annotations->as_object();
      if (auto* sm = an.if_contains("summary"); sm && sm->is_string())
        r.summary = std::string(sm->as_string());
    }
    r.group_key = group_key.empty() ? alertname : group_key;
    r.first_seen = now;
    r.last_seen = now;
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

Result<std::vector<store::AlertRecord>> ParseAlertmanager(std::string_view body,
                                                          const std::string& integration,
                                                          TimePoint now) {
  return ParseShape(kAlertmanager, body, integration, now);
}

Result<std::vector<store::AlertRecord>> ParseGrafana(std::string_view body,
                                                     const std::string& integration,
                                                     TimePoint now) {
  return ParseShape(kGrafana, body, integration, now);
}

}  // namespace warroom::ingest
