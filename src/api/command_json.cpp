#include "api/command_json.hpp"

#include "api/event_json.hpp"
#include "api/fields.hpp"

namespace warroom::api {

namespace json = boost::json;
using namespace core;

namespace {

// Every field of a command body, read strictly (api/fields.hpp): the bound
// of each is listed in docs/api.md, "Limits of input".

Result<std::string> Short(const json::object& o, std::string_view key, bool required = false) {
  return StringField(o, key, kShortBytes, required);
}
Result<std::string> Long(const json::object& o, std::string_view key, bool required = false) {
  return StringField(o, key, kLongBytes, required);
}
Result<std::string> Name(const json::object& o, std::string_view key, bool required = false) {
  return StringField(o, key, kNameBytes, required);
}

template <typename T>
Result<T> EnumField(const json::object& o, std::string_view key,
                    Result<T> (*parse)(std::string_view)) {
  // No known value is longer than a name: a longer one is refused without
  // being echoed.
  WARROOM_ASSIGN_OR_RETURN(std::string s, Name(o, key, true));
  auto r = parse(s);
  if (!r.ok()) return Error::InvalidArgument("'" + std::string(key) + "': " + r.error().message);
  return r;
}

Result<ImpactChange> Impact(const json::object& o) {
  ImpactChange c;
  WARROOM_ASSIGN_OR_RETURN(c.customers_affected,
                           IntField(o, "customers_affected", 0, kMaxExactInteger));
  WARROOM_ASSIGN_OR_RETURN(c.customers_affected_pct,
                           NumberField(o, "customers_affected_pct", 0, 100));
  if (auto* v = o.if_contains("affected_components"); v && !v->is_null()) {
    WARROOM_ASSIGN_OR_RETURN(c.affected_components, StringListField(o, "affected_components",
                                                                    kMaxComponents, kShortBytes));
  }
  if (o.contains("workaround") && !o.at("workaround").is_null()) {
    WARROOM_ASSIGN_OR_RETURN(c.workaround, Long(o, "workaround"));
  }
  if (o.contains("revenue_impact") && !o.at("revenue_impact").is_null()) {
    WARROOM_ASSIGN_OR_RETURN(c.revenue_impact, Short(o, "revenue_impact"));
  }
  WARROOM_ASSIGN_OR_RETURN(c.eta, TimeField(o, "eta"));
  WARROOM_ASSIGN_OR_RETURN(c.impact_start, TimeField(o, "impact_start"));
  return c;
}

Result<Command> Declare(const json::object& o) {
  commands::Declare d;
  WARROOM_ASSIGN_OR_RETURN(d.severity, EnumField<Severity>(o, "severity", ParseSeverity));
  WARROOM_ASSIGN_OR_RETURN(d.summary, Short(o, "summary", true));
  WARROOM_ASSIGN_OR_RETURN(d.detected_at, TimeField(o, "detected_at"));
  if (o.contains("source")) {
    WARROOM_ASSIGN_OR_RETURN(d.source,
                             EnumField<DetectionSource>(o, "source", ParseDetectionSource));
  }
  if (o.contains("visibility")) {
    WARROOM_ASSIGN_OR_RETURN(auto v, EnumField<Visibility>(o, "visibility", ParseVisibility));
    d.visibility = v;
  }
  if (auto* i = o.if_contains("impact"); i && !i->is_null()) {
    if (!i->is_object()) return Error::InvalidArgument("'impact' must be an object");
    WARROOM_ASSIGN_OR_RETURN(d.impact, Impact(i->as_object()));
  }
  return Command(std::move(d));
}

Result<Command> Decode(std::string_view action, const json::object& o);

}  // namespace

std::span<const std::string_view> IncidentActions() {
  static constexpr std::string_view kActions[] = {
      "acknowledge", "identify",   "mitigate",   "resolve", "close",    "reopen",      "dismiss",
      "severity",    "roles",      "responders", "tasks",   "notes",    "updates",     "links",
      "impact",      "visibility", "page",       "freeze",  "unfreeze", "action-items"};
  return kActions;
}

std::string KnownActions() {
  std::string out;
  for (std::string_view a : IncidentActions()) {
    if (!out.empty()) out += ", ";
    out += a;
  }
  return out;
}

Error UnknownIncidentAction(std::string_view action) {
  return Error::NotFound("unknown incident action '" + Shown(action) + "': use one of " +
                         KnownActions());
}

Result<Command> DecodeCommand(std::string_view action, const json::object& o) {
  // `at` is read again by the route (with the same TimeField); bounded here so that every command
  // refuses a year-1 or year-9999 `at` by name.
  WARROOM_RETURN_IF_ERROR(TimeField(o, "at"));
  return Decode(action, o);
}

namespace {

// One decoder per action: each reads its command's fields from the body.

Result<Command> DecodeAcknowledge(const json::object&) { return Command(commands::Acknowledge{}); }

Result<Command> DecodeIdentify(const json::object& o) {
  commands::Identify c;
  WARROOM_ASSIGN_OR_RETURN(c.root_cause, Long(o, "root_cause", true));
  WARROOM_ASSIGN_OR_RETURN(c.category, Name(o, "category", true));
  return Command(std::move(c));
}

Result<Command> DecodeMitigate(const json::object& o) {
  WARROOM_ASSIGN_OR_RETURN(auto a, Long(o, "action", true));
  return Command(commands::Mitigate{std::move(a)});
}

Result<Command> DecodeResolve(const json::object& o) {
  commands::Resolve c;
  WARROOM_ASSIGN_OR_RETURN(c.summary, Long(o, "summary", true));
  WARROOM_ASSIGN_OR_RETURN(c.force, BoolField(o, "force"));
  WARROOM_ASSIGN_OR_RETURN(c.reason, Short(o, "reason"));
  return Command(std::move(c));
}

Result<Command> DecodeClose(const json::object& o) {
  WARROOM_ASSIGN_OR_RETURN(auto url, UrlField(o, "pir_url"));
  return Command(commands::Close{std::move(url)});
}

Result<Command> DecodeReopen(const json::object& o) {
  WARROOM_ASSIGN_OR_RETURN(auto r, Short(o, "reason", true));
  return Command(commands::Reopen{std::move(r)});
}

Result<Command> DecodeDismiss(const json::object& o) {
  commands::Dismiss c;
  WARROOM_ASSIGN_OR_RETURN(c.reason, EnumField<DismissReason>(o, "reason", ParseDismissReason));
  WARROOM_ASSIGN_OR_RETURN(c.note, Short(o, "note"));
  return Command(std::move(c));
}

Result<Command> DecodeSeverity(const json::object& o) {
  commands::ChangeSeverity c;
  WARROOM_ASSIGN_OR_RETURN(c.to, EnumField<Severity>(o, "severity", ParseSeverity));
  WARROOM_ASSIGN_OR_RETURN(c.reason, Short(o, "reason", true));
  return Command(std::move(c));
}

Result<Command> DecodeRoles(const json::object& o) {
  commands::AssignRole c;
  WARROOM_ASSIGN_OR_RETURN(c.role, EnumField<Role>(o, "role", ParseRole));
  WARROOM_ASSIGN_OR_RETURN(c.user, Name(o, "user", true));
  return Command(std::move(c));
}

Result<Command> DecodeResponders(const json::object& o) {
  WARROOM_ASSIGN_OR_RETURN(auto u, Name(o, "user", true));
  return Command(commands::Join{std::move(u)});
}

Result<Command> DecodeLeave(const json::object& o) {
  WARROOM_ASSIGN_OR_RETURN(auto u, Name(o, "user", true));
  return Command(commands::Leave{std::move(u)});
}

Result<Command> DecodeTasks(const json::object& o) {
  commands::AddTask c;
  WARROOM_ASSIGN_OR_RETURN(c.title, Short(o, "title", true));
  WARROOM_ASSIGN_OR_RETURN(c.assignee, Name(o, "assignee"));
  return Command(std::move(c));
}

Result<Command> DecodeCompleteTask(const json::object& o) {
  WARROOM_ASSIGN_OR_RETURN(auto id, IntField(o, "task_id", 1, kMaxExactInteger));
  if (!id) return Error::InvalidArgument("'task_id' is required and must be a whole number");
  return Command(commands::CompleteTask{*id});
}

// An optional field given as a string: present (even "") or absent.
template <typename Read>
auto Optional(const json::object& o, std::string_view key, Read read)
    -> Result<std::optional<std::string>> {
  if (auto* v = o.if_contains(key); !v || v->is_null()) return std::optional<std::string>();
  WARROOM_ASSIGN_OR_RETURN(std::string s, read(o, key));
  return std::optional<std::string>(std::move(s));
}

Result<Command> DecodeActionItems(const json::object& o) {
  WARROOM_RETURN_IF_ERROR(
      OnlyFields(o, {"title", "owner", "due", "priority", "tracker_url", "at"}, "an action item"));
  commands::AddActionItem c;
  WARROOM_ASSIGN_OR_RETURN(c.title, Short(o, "title", true));
  WARROOM_ASSIGN_OR_RETURN(c.owner, Name(o, "owner", true));
  WARROOM_ASSIGN_OR_RETURN(c.due, Name(o, "due", true));
  if (o.contains("priority")) {
    WARROOM_ASSIGN_OR_RETURN(c.priority, EnumField<Severity>(o, "priority", ParseSeverity));
  }
  WARROOM_ASSIGN_OR_RETURN(c.tracker_url, UrlField(o, "tracker_url"));
  if (auto* v = o.if_contains("tracker_url"); v && v->is_string() && c.tracker_url.empty())
    return Error::InvalidArgument(
        "'tracker_url' must be an http:// or https:// URL: leave it out when there is none");
  return Command(std::move(c));
}

Result<Command> DecodeUpdateActionItem(const json::object& o) {
  WARROOM_RETURN_IF_ERROR(OnlyFields(
      o, {"item_id", "title", "owner", "due", "priority", "status", "reason", "tracker_url", "at"},
      "an action item's change"));
  commands::UpdateActionItem c;
  WARROOM_ASSIGN_OR_RETURN(auto id, IntField(o, "item_id", 1, kMaxExactInteger));
  if (!id) return Error::InvalidArgument("'item_id' is required and must be a whole number");
  c.item_id = *id;
  auto text = [](const json::object& b, std::string_view k) { return Short(b, k, true); };
  auto name = [](const json::object& b, std::string_view k) { return Name(b, k, true); };
  auto url = [](const json::object& b, std::string_view k) { return UrlField(b, k); };
  WARROOM_ASSIGN_OR_RETURN(c.title, Optional(o, "title", text));
  WARROOM_ASSIGN_OR_RETURN(c.owner, Optional(o, "owner", name));
  WARROOM_ASSIGN_OR_RETURN(c.due, Optional(o, "due", name));
  WARROOM_ASSIGN_OR_RETURN(c.tracker_url, Optional(o, "tracker_url", url));
  if (auto* v = o.if_contains("priority"); v && !v->is_null()) {
    WARROOM_ASSIGN_OR_RETURN(c.priority, EnumField<Severity>(o, "priority", ParseSeverity));
  }
  if (auto* v = o.if_contains("status"); v && !v->is_null()) {
    WARROOM_ASSIGN_OR_RETURN(c.status, EnumField<ActionStatus>(o, "status", ParseActionStatus));
  }
  WARROOM_ASSIGN_OR_RETURN(c.reason, Short(o, "reason"));
  return Command(std::move(c));
}

Result<Command> DecodeNotes(const json::object& o) {
  commands::AddNote c;
  WARROOM_ASSIGN_OR_RETURN(c.kind, EnumField<NoteKind>(o, "kind", ParseNoteKind));
  WARROOM_ASSIGN_OR_RETURN(c.text, Long(o, "text", true));
  return Command(std::move(c));
}

Result<Command> DecodeUpdates(const json::object& o) {
  // Either text, or a template rendered by the server (whose audience is
  // the default when none is given).
  commands::PostUpdate c;
  WARROOM_ASSIGN_OR_RETURN(c.template_name, Name(o, "template"));
  WARROOM_ASSIGN_OR_RETURN(c.preview_digest, Name(o, "digest"));
  if (const json::value* d = o.if_contains("digest"); d && !d->is_null()) {
    bool hex = c.preview_digest.size() == 64 &&
               c.preview_digest.find_first_not_of("0123456789abcdef") == std::string::npos;
    if (!hex)
      return Error::InvalidArgument("'digest' must be the 64 hex digits a preview answered");
    if (c.template_name.empty())
      return Error::InvalidArgument("'digest' is a template preview's: give it with 'template'");
  }
  if (c.template_name.empty()) {
    WARROOM_ASSIGN_OR_RETURN(c.audience, EnumField<Audience>(o, "audience", ParseAudience));
    WARROOM_ASSIGN_OR_RETURN(c.text, Long(o, "text", true));
  } else {
    if (o.contains("text"))
      return Error::InvalidArgument("give either 'text' or 'template', not both");
    if (o.contains("audience")) {
      WARROOM_ASSIGN_OR_RETURN(c.audience, EnumField<Audience>(o, "audience", ParseAudience));
    } else {
      c.audience_from_template = true;
    }
  }
  return Command(std::move(c));
}

Result<Command> DecodeLinks(const json::object& o) {
  commands::AddLink c;
  WARROOM_ASSIGN_OR_RETURN(c.kind, Name(o, "kind", true));
  WARROOM_ASSIGN_OR_RETURN(c.url, UrlField(o, "url", true));
  WARROOM_ASSIGN_OR_RETURN(c.title, Short(o, "title"));
  return Command(std::move(c));
}

Result<Command> DecodeImpact(const json::object& o) {
  WARROOM_ASSIGN_OR_RETURN(auto c, Impact(o));
  return Command(commands::UpdateImpact{std::move(c)});
}

Result<Command> DecodePage(const json::object& o) {
  commands::Page c;
  WARROOM_ASSIGN_OR_RETURN(c.to, Name(o, "to", true));
  WARROOM_ASSIGN_OR_RETURN(c.reason, Short(o, "reason"));
  return Command(std::move(c));
}

Result<Command> DecodeFreeze(const json::object& o) {
  WARROOM_ASSIGN_OR_RETURN(auto r, Short(o, "reason", true));
  return Command(commands::Freeze{std::move(r)});
}

Result<Command> DecodeUnfreeze(const json::object& o) {
  WARROOM_ASSIGN_OR_RETURN(auto r, Short(o, "reason"));
  return Command(commands::Unfreeze{std::move(r)});
}

Result<Command> DecodeVisibility(const json::object& o) {
  commands::ChangeVisibility c;
  WARROOM_ASSIGN_OR_RETURN(c.visibility, EnumField<Visibility>(o, "visibility", ParseVisibility));
  WARROOM_ASSIGN_OR_RETURN(c.reason, Short(o, "reason", true));
  return Command(std::move(c));
}

struct ActionDecoder {
  std::string_view action;
  Result<Command> (*decode)(const json::object&);
};

// Every action DecodeCommand knows, with its decoder.
constexpr ActionDecoder kDecoders[] = {
    {"declare", Declare},
    {"acknowledge", DecodeAcknowledge},
    {"identify", DecodeIdentify},
    {"mitigate", DecodeMitigate},
    {"resolve", DecodeResolve},
    {"close", DecodeClose},
    {"reopen", DecodeReopen},
    {"dismiss", DecodeDismiss},
    {"severity", DecodeSeverity},
    {"roles", DecodeRoles},
    {"responders", DecodeResponders},
    {"leave", DecodeLeave},
    {"tasks", DecodeTasks},
    {"complete-task", DecodeCompleteTask},
    {"action-items", DecodeActionItems},
    {"update-action-item", DecodeUpdateActionItem},
    {"notes", DecodeNotes},
    {"updates", DecodeUpdates},
    {"links", DecodeLinks},
    {"impact", DecodeImpact},
    {"page", DecodePage},
    {"freeze", DecodeFreeze},
    {"unfreeze", DecodeUnfreeze},
    {"visibility", DecodeVisibility},
};

Result<Command> Decode(std::string_view action, const json::object& o) {
  for (const ActionDecoder& d : kDecoders)
    if (d.action == action) return d.decode(o);
  return UnknownIncidentAction(action);
}

}  // namespace

}  // namespace warroom::api
