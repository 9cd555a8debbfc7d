#include "http/request_bodies.hpp"

#include <algorithm>
#include <iterator>

#include "api/event_json.hpp"
#include "api/fields.hpp"
#include "base/text.hpp"

namespace warroom::http {

namespace json = boost::json;

namespace {

// A string field that may be absent (or null): a value of another type is
// refused with the field's name, never taken as "".
Result<std::optional<std::string>> OptionalString(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  if (!v || v->is_null()) return std::optional<std::string>();
  if (!v->is_string()) return Error::InvalidArgument("'" + std::string(key) + "' must be a string");
  return std::optional<std::string>(std::string(v->as_string()));
}

Result<std::string> StringOrEmpty(const json::object& o, std::string_view key) {
  WARROOM_ASSIGN_OR_RETURN(auto s, OptionalString(o, key));
  return s.value_or("");
}

}  // namespace

Result<std::optional<store::Permission>> PermissionField(const json::object& o) {
  WARROOM_ASSIGN_OR_RETURN(auto s, OptionalString(o, "permission"));
  if (!s) return std::optional<store::Permission>();
  auto p = store::ParsePermission(*s);
  if (!p) return Error::InvalidArgument("'permission' must be viewer, responder or admin");
  return std::optional<store::Permission>(*p);
}

Result<store::User> UserOf(const json::object& body) {
  store::User u;
  WARROOM_ASSIGN_OR_RETURN(u.handle, api::RequiredString(body, "handle"));
  WARROOM_ASSIGN_OR_RETURN(u.name, StringOrEmpty(body, "name"));
  WARROOM_ASSIGN_OR_RETURN(u.email, StringOrEmpty(body, "email"));
  WARROOM_ASSIGN_OR_RETURN(u.chat_handle, StringOrEmpty(body, "chat_handle"));
  WARROOM_ASSIGN_OR_RETURN(u.slack_member_id, StringOrEmpty(body, "slack_member_id"));
  WARROOM_ASSIGN_OR_RETURN(u.phone, StringOrEmpty(body, "phone"));
  WARROOM_ASSIGN_OR_RETURN(auto p, PermissionField(body));
  u.permission = p.value_or(store::Permission::kResponder);
  return u;
}

Result<engine::UserChange> UserChangeOf(const json::object& body) {
  static constexpr std::string_view kFields[] = {
      "name", "email", "chat_handle", "slack_member_id", "phone", "permission", "publish_public"};
  for (const auto& kv : body)
    if (std::find(std::begin(kFields), std::end(kFields), kv.key()) == std::end(kFields))
      return Error::InvalidArgument("'" + Shown(kv.key()) +
                                    "' cannot be changed: give name, email, chat_handle, "
                                    "slack_member_id, phone, permission or publish_public");
  for (const auto& kv : body)
    if (kv.value().is_null())
      return Error::InvalidArgument(kv.key() == "publish_public"
                                        ? std::string("'publish_public' must be true or false")
                                        : "'" + std::string(kv.key()) +
                                              "' must be a string (to clear it, give \"\")");
  engine::UserChange c;
  WARROOM_ASSIGN_OR_RETURN(c.name, OptionalString(body, "name"));
  WARROOM_ASSIGN_OR_RETURN(c.email, OptionalString(body, "email"));
  WARROOM_ASSIGN_OR_RETURN(c.chat_handle, OptionalString(body, "chat_handle"));
  WARROOM_ASSIGN_OR_RETURN(c.slack_member_id, OptionalString(body, "slack_member_id"));
  WARROOM_ASSIGN_OR_RETURN(c.phone, OptionalString(body, "phone"));
  WARROOM_ASSIGN_OR_RETURN(c.permission, PermissionField(body));
  if (body.contains("publish_public")) {
    WARROOM_ASSIGN_OR_RETURN(bool publish, api::BoolField(body, "publish_public"));
    c.publish_public = publish;
  }
  return c;  // an empty change is the service's to refuse (UserService::UpdateUser)
}

Result<engine::TokenRequest> TokenRequestOf(const json::object& body) {
  engine::TokenRequest t;
  WARROOM_ASSIGN_OR_RETURN(t.label, StringOrEmpty(body, "label"));
  WARROOM_ASSIGN_OR_RETURN(auto scope, OptionalString(body, "scope"));
  if (scope) {
    t.scope = store::ParseScope(*scope);
    if (!t.scope) return Error::InvalidArgument("'scope' must be read, respond or admin");
  }
  // Bounded before parsing: the parsers quote what they cannot read.
  constexpr std::size_t kMaxTimeText = 64;
  if (auto at = OptionalString(body, "expires_at"); at.ok() && *at && (*at)->size() > kMaxTimeText)
    return Error::InvalidArgument("'expires_at' must be an RFC 3339 date-time, not " +
                                  std::to_string((*at)->size()) + " bytes");
  WARROOM_ASSIGN_OR_RETURN(t.expires_at, api::OptionalTime(body, "expires_at"));
  WARROOM_ASSIGN_OR_RETURN(auto in, OptionalString(body, "expires_in"));
  if (in && in->size() > kMaxTimeText)
    return Error::InvalidArgument("'expires_in' must be a duration such as 30d, not " +
                                  std::to_string(in->size()) + " bytes");
  if (in) {
    auto d = ParseDuration(*in);
    if (!d.ok()) return Error::InvalidArgument("'expires_in': " + d.error().message);
    t.expires_in = *d;
  }
  return t;
}

Result<core::ImpactAssessment> ImpactAssessmentOf(const json::object& body) {
  core::ImpactAssessment a;
  WARROOM_ASSIGN_OR_RETURN(auto pct, api::NumberField(body, "customers_affected_pct", 0, 100));
  if (pct) a.customers_affected_pct = *pct;
  for (auto [key, flag] : {std::pair{"data_loss", &a.data_loss},
                           {"security_breach", &a.security_breach},
                           {"payments_down", &a.payments_down}}) {
    WARROOM_ASSIGN_OR_RETURN(*flag, api::BoolField(body, key));
  }
  return a;
}

Result<NewIntegration> NewIntegrationOf(const json::object& body) {
  NewIntegration n;
  WARROOM_ASSIGN_OR_RETURN(n.name, api::StringField(body, "name", api::kNameBytes, true));
  WARROOM_ASSIGN_OR_RETURN(n.type, api::StringField(body, "type", api::kNameBytes, true));
  return n;
}

Result<std::vector<std::int64_t>> AlertIds(const json::object& body) {
  auto* v = body.if_contains("alert_ids");
  if (!v || !v->is_array() || v->as_array().empty())
    return Error::InvalidArgument("'alert_ids' must be a non-empty list of alert ids");
  std::vector<std::int64_t> ids;
  for (const auto& id : v->as_array()) {
    if (!id.is_int64() || id.as_int64() <= 0)
      return Error::InvalidArgument("'alert_ids' must hold positive whole numbers");
    ids.push_back(id.as_int64());
  }
  if (ids.size() > 1000)
    return Error::InvalidArgument("'alert_ids' holds " + std::to_string(ids.size()) +
                                  " ids; at most 1000 are allowed at once");
  return ids;
}

Result<engine::AlertRouter::Declaration> TriageDeclarationOf(const json::object& body) {
  engine::AlertRouter::Declaration d;
  WARROOM_ASSIGN_OR_RETURN(d.alert_ids, AlertIds(body));
  WARROOM_ASSIGN_OR_RETURN(auto severity,
                           api::StringField(body, "severity", api::kNameBytes, true));
  WARROOM_ASSIGN_OR_RETURN(d.severity, core::ParseSeverity(severity));
  WARROOM_ASSIGN_OR_RETURN(d.summary, api::StringField(body, "summary", api::kShortBytes));
  return d;
}

Result<TriageAttach> TriageAttachOf(const json::object& body) {
  TriageAttach a;
  WARROOM_ASSIGN_OR_RETURN(a.alert_ids, AlertIds(body));
  WARROOM_ASSIGN_OR_RETURN(a.incident_id,
                           api::StringField(body, "incident_id", api::kNameBytes, true));
  return a;
}

Result<TriageDismissal> TriageDismissalOf(const json::object& body) {
  TriageDismissal d;
  WARROOM_ASSIGN_OR_RETURN(d.alert_ids, AlertIds(body));
  WARROOM_ASSIGN_OR_RETURN(d.reason, api::StringField(body, "reason", api::kShortBytes));
  return d;
}

Result<Duration> ClockAdvanceOf(const json::object& body) {
  WARROOM_ASSIGN_OR_RETURN(auto by, api::StringField(body, "by", api::kNameBytes, true));
  auto d = ParseDuration(by);
  if (!d.ok()) return Error::InvalidArgument("'by': " + d.error().message);
  return d;
}

}  // namespace warroom::http
