#include "engine/status_page_notices.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "core/status_page/public_incident.hpp"
#include "engine/status_page_feed.hpp"

namespace warroom::engine {

namespace json = boost::json;
namespace sp = core::status_page;

namespace {

json::array Strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

std::vector<std::string> StringsOf(const json::object& o, std::string_view key) {
  std::vector<std::string> out;
  if (const auto* a = o.if_contains(key); a && a->is_array())
    for (const auto& v : a->as_array())
      if (v.is_string()) out.emplace_back(v.as_string());
  return out;
}

std::string StringOf(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::optional<TimePoint> TimeOf(const json::object& o, std::string_view key) {
  std::string s = StringOf(o, key);
  if (s.empty()) return std::nullopt;
  auto t = ParseTime(s);
  return t.ok() ? std::optional<TimePoint>(*t) : std::nullopt;
}

}  // namespace

std::string NoticeJson(const Notice& n) {
  json::object o{{"kind", n.kind},
                 {"name", n.name},
                 {"status", n.status},
                 {"impact", n.impact},
                 {"shortlink", n.shortlink},
                 {"components", Strings(n.components)},
                 {"component_names", Strings(n.component_names)},
                 {"body", n.body},
                 {"at", FormatTime(n.at)}};
  if (!n.id.empty()) o["id"] = n.id;
  if (!n.boundary.empty()) o["boundary"] = n.boundary;
  if (n.scheduled_for) o["scheduled_for"] = FormatTime(*n.scheduled_for);
  if (n.scheduled_until) o["scheduled_until"] = FormatTime(*n.scheduled_until);
  return json::serialize(o);
}

Result<Notice> ParseNotice(const std::string& body) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec || !v.is_object()) return Error::InvalidArgument("not a status-page notice");
  const json::object& o = v.as_object();
  Notice n;
  n.kind = StringOf(o, "kind");
  if (n.kind != "incident" && n.kind != "maintenance")
    return Error::InvalidArgument("not a status-page notice");
  n.id = StringOf(o, "id");
  n.boundary = StringOf(o, "boundary");
  n.name = StringOf(o, "name");
  n.status = StringOf(o, "status");
  n.impact = StringOf(o, "impact");
  n.shortlink = StringOf(o, "shortlink");
  n.components = StringsOf(o, "components");
  n.component_names = StringsOf(o, "component_names");
  n.body = StringOf(o, "body");
  n.at = TimeOf(o, "at").value_or(TimePoint{});
  n.scheduled_for = TimeOf(o, "scheduled_for");
  n.scheduled_until = TimeOf(o, "scheduled_until");
  return n;
}

namespace {

// "https://status.example/" and "https://status.example" link alike.
std::string WithoutTrailingSlashes(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace

StatusPageNotices::StatusPageNotices(sp::PageSettings settings, std::string slug_key,
                                     std::string base_url)
    : settings_(std::move(settings)), slug_key_(std::move(slug_key)) {
  base_url_ = WithoutTrailingSlashes(settings_.url.empty() ? std::move(base_url) : settings_.url);
}

std::string StatusPageNotices::Link(std::string_view path) const {
  std::lock_guard lock(mu_);
  return base_url_ + std::string(path);
}

void StatusPageNotices::UseBoundAddress(std::string base_url) {
  if (!settings_.url.empty()) return;
  std::lock_guard lock(mu_);
  base_url_ = WithoutTrailingSlashes(std::move(base_url));
}

std::string StatusPageNotices::SlugOf(const std::string& incident_id) const {
  return StatusPageSlug(slug_key_, incident_id);
}

std::vector<std::string> StatusPageNotices::NamesOf(const std::vector<std::string>& ids) const {
  std::vector<std::string> out;
  for (const std::string& id : ids)
    for (const sp::Component& c : settings_.rules.components)
      if (c.id == id) out.push_back(c.name);
  return out;
}

std::optional<store::OutboxMessage> StatusPageNotices::ForIncident(const core::IncidentState& after,
                                                                   const core::Event& e,
                                                                   TimePoint now) const {
  const auto* u = std::get_if<core::events::UpdatePosted>(&e.payload);
  if (!u || u->audience != core::Audience::kStatusPage) return std::nullopt;
  Notice n;
  n.kind = "incident";
  n.status = sp::PublicStatus(after.status);
  n.body = u->text;
  n.at = e.occurred_at;
  n.shortlink = Link("/status/incidents/" + SlugOf(after.id));
  if (after.visibility == core::Visibility::kRestricted) {
    // What the page shows of it: a statement under the page's name for it.
    n.name = settings_.rules.restricted_name;
    n.impact = "none";
  } else {
    n.name = after.summary;
    auto impact = settings_.rules.impact.find(after.severity);
    n.impact = std::string(sp::ImpactName(impact == settings_.rules.impact.end() ? sp::Impact::kNone
                                                                                 : impact->second));
    n.components = sp::ComponentIds(after.impact.affected_components, settings_.rules.components);
    n.component_names = NamesOf(n.components);
  }
  return Message(n, after.id, e.incident_seq,
                 "notice:" + after.id + ":" + std::to_string(e.incident_seq), now);
}

store::OutboxMessage StatusPageNotices::ForMaintenance(const sp::Maintenance& m,
                                                       std::int64_t cause_seq,
                                                       const std::string& body,
                                                       TimePoint at) const {
  Notice n;
  n.kind = "maintenance";
  n.id = m.id;
  n.name = m.name;
  n.status = std::string(sp::MaintenanceStatusName(m.StatusAt(at)));
  n.impact = "maintenance";
  n.shortlink = Link("/status/maintenances/" + m.id);
  n.components = m.components;
  n.component_names = NamesOf(m.components);
  n.body = body;
  n.at = at;
  n.scheduled_for = m.scheduled_for;
  n.scheduled_until = m.scheduled_until;
  return Message(n, "", cause_seq, "notice:maintenance:" + m.id + ":" + std::to_string(cause_seq),
                 at);
}

std::optional<store::OutboxMessage> StatusPageNotices::AtBoundary(const sp::Maintenance& m,
                                                                  NoticeBoundary b,
                                                                  TimePoint now) const {
  bool start = b == NoticeBoundary::kStart;
  if (start ? m.started_at.has_value() : m.completed_at.has_value()) return std::nullopt;
  TimePoint at = start ? m.scheduled_for : m.scheduled_until;
  if (at <= now) return std::nullopt;
  sp::Maintenance then = m;
  std::string body = start ? "The scheduled maintenance has begun."
                           : "The scheduled maintenance has been completed.";
  store::OutboxMessage out = ForMaintenance(then, 0, body, at);
  Notice n = *ParseNotice(out.body);
  n.boundary = start ? "start" : "end";
  out.body = NoticeJson(n);
  out.idempotency_key = "notice:maintenance:" + m.id + ":" + n.boundary + ":" + FormatTime(at);
  out.created_at = now;
  return out;
}

bool BoundaryHolds(const Notice& n, const sp::Maintenance& m) {
  if (n.boundary == "start")
    return !m.started_at && !m.completed_at && n.scheduled_for == m.scheduled_for;
  if (n.boundary == "end") return !m.completed_at && n.scheduled_until == m.scheduled_until;
  return true;
}

store::OutboxMessage StatusPageNotices::Message(const Notice& n, std::string incident_id,
                                                std::int64_t cause_seq, std::string key,
                                                TimePoint now) const {
  store::OutboxMessage m;
  m.incident_id = std::move(incident_id);
  m.cause_seq = cause_seq;
  m.destination = std::string(kSubscribersDestination);
  m.kind = store::OutboxKind::kNotice;
  m.audience = core::Audience::kStatusPage;
  m.subject = "[" + settings_.name + "] " + n.name;
  m.body = NoticeJson(n);
  m.idempotency_key = std::move(key);
  m.next_attempt_at = now;
  m.created_at = now;
  return m;
}

bool Concerns(const std::vector<std::string>& subscribed, const std::vector<std::string>& about) {
  if (subscribed.empty() || about.empty()) return true;
  return std::any_of(about.begin(), about.end(), [&](const std::string& c) {
    return std::find(subscribed.begin(), subscribed.end(), c) != subscribed.end();
  });
}

}  // namespace warroom::engine
