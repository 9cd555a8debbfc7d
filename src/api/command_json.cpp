#include "api/command_json.hpp"

#include "api/event_json.hpp"

namespace warroom::api {

namespace json = boost::json;
using namespace core;

namespace {

template <typename T>
Result<T> EnumField(const json::object& o, std::string_view key,
                    Result<T> (*parse)(std::string_view)) {
  WARROOM_ASSIGN_OR_RETURN(std::string s, RequiredString(o, key));
  auto r = parse(s);
  if (!r.ok()) return Error::InvalidArgument("'" + std::string(key) + "': " + r.error().message);
  return r;
}

Result<bool> BoolField(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  if (!v || v->is_null()) return false;
  if (!v->is_bool())
    return Error::InvalidArgument("'" + std::string(key) + "' must be true or false");
  return v->as_bool();
}

Result<Command> Declare(const json::object& o) {
  commands::Declare d;
  WARROOM_ASSIGN_OR_RETURN(d.severity, EnumField<Severity>(o, "severity", ParseSeverity));
  WARROOM_ASSIGN_OR_RETURN(d.summary, RequiredString(o, "summary"));
  WARROOM_ASSIGN_OR_RETURN(d.detected_at, OptionalTime(o, "detected_at"));
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
    WARROOM_ASSIGN_OR_RETURN(d.impact, DecodeImpact(i->as_object()));
  }
  return Command(std::move(d));
}

}  // namespace

std::string KnownActions() {
  return "acknowledge, identify, mitigate, resolve, close, reopen, dismiss, severity, roles, "
         "responders, tasks, notes, updates, links, impact, visibility, page, freeze, unfreeze";
}

Result<Command> DecodeCommand(std::string_view action, const json::object& o) {
  if (action == "declare") return Declare(o);
  if (action == "acknowledge") return Command(commands::Acknowledge{});
  if (action == "identify") {
    commands::Identify c;
    WARROOM_ASSIGN_OR_RETURN(c.root_cause, RequiredString(o, "root_cause"));
    WARROOM_ASSIGN_OR_RETURN(c.category, RequiredString(o, "category"));
    return Command(std::move(c));
  }
  if (action == "mitigate") {
    WARROOM_ASSIGN_OR_RETURN(auto a, RequiredString(o, "action"));
    return Command(commands::Mitigate{std::move(a)});
  }
  if (action == "resolve") {
    commands::Resolve c;
    WARROOM_ASSIGN_OR_RETURN(c.summary, RequiredString(o, "summary"));
    WARROOM_ASSIGN_OR_RETURN(c.force, BoolField(o, "force"));
    c.reason = OptionalString(o, "reason");
    return Command(std::move(c));
  }
  if (action == "close") return Command(commands::Close{OptionalString(o, "pir_url")});
  if (action == "reopen") {
    WARROOM_ASSIGN_OR_RETURN(auto r, RequiredString(o, "reason"));
    return Command(commands::Reopen{std::move(r)});
  }
  if (action == "dismiss") {
    commands::Dismiss c;
    WARROOM_ASSIGN_OR_RETURN(c.reason, EnumField<DismissReason>(o, "reason", ParseDismissReason));
    c.note = OptionalString(o, "note");
    return Command(std::move(c));
  }
  if (action == "severity") {
    commands::ChangeSeverity c;
    WARROOM_ASSIGN_OR_RETURN(c.to, EnumField<Severity>(o, "severity", ParseSeverity));
    WARROOM_ASSIGN_OR_RETURN(c.reason, RequiredString(o, "reason"));
    return Command(std::move(c));
  }
  if (action == "roles") {
    commands::AssignRole c;
    WARROOM_ASSIGN_OR_RETURN(c.role, EnumField<Role>(o, "role", ParseRole));
    WARROOM_ASSIGN_OR_RETURN(c.user, RequiredString(o, "user"));
    return Command(std::move(c));
  }
  if (action == "responders") {
    WARROOM_ASSIGN_OR_RETURN(auto u, RequiredString(o, "user"));
    return Command(commands::Join{std::move(u)});
  }
  if (action == "leave") {
    WARROOM_ASSIGN_OR_RETURN(auto u, RequiredString(o, "user"));
    return Command(commands::Leave{std::move(u)});
  }
  if (action == "tasks") {
    commands::AddTask c;
    WARROOM_ASSIGN_OR_RETURN(c.title, RequiredString(o, "title"));
    c.assignee = OptionalString(o, "assignee");
    return Command(std::move(c));
  }
  if (action == "complete-task") {
    auto* v = o.if_contains("task_id");
    if (!v || !(v->is_int64() || v->is_uint64()))
      return Error::InvalidArgument("'task_id' is required and must be a whole number");
    return Command(commands::CompleteTask{v->to_number<std::int64_t>()});
  }
  if (action == "notes") {
    commands::AddNote c;
    WARROOM_ASSIGN_OR_RETURN(c.kind, EnumField<NoteKind>(o, "kind", ParseNoteKind));
    WARROOM_ASSIGN_OR_RETURN(c.text, RequiredString(o, "text"));
    return Command(std::move(c));
  }
  if (action == "updates") {
    // Either text, or a template rendered by the server (whose audience is
    // the default when none is given).
    commands::PostUpdate c;
    c.template_name = OptionalString(o, "template");
    if (c.template_name.empty()) {
      WARROOM_ASSIGN_OR_RETURN(c.audience, EnumField<Audience>(o, "audience", ParseAudience));
      WARROOM_ASSIGN_OR_RETURN(c.text, RequiredString(o, "text"));
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
  if (action == "links") {
    commands::AddLink c;
    WARROOM_ASSIGN_OR_RETURN(c.kind, RequiredString(o, "kind"));
    WARROOM_ASSIGN_OR_RETURN(c.url, RequiredString(o, "url"));
    c.title = OptionalString(o, "title");
    return Command(std::move(c));
  }
  if (action == "impact") {
    WARROOM_ASSIGN_OR_RETURN(auto c, DecodeImpact(o));
    return Command(commands::UpdateImpact{std::move(c)});
  }
  if (action == "page") {
    commands::Page c;
    WARROOM_ASSIGN_OR_RETURN(c.to, RequiredString(o, "to"));
    c.reason = OptionalString(o, "reason");
    return Command(std::move(c));
  }
  if (action == "freeze") {
    WARROOM_ASSIGN_OR_RETURN(auto r, RequiredString(o, "reason"));
    return Command(commands::Freeze{std::move(r)});
  }
  if (action == "unfreeze") return Command(commands::Unfreeze{OptionalString(o, "reason")});
  if (action == "visibility") {
    commands::ChangeVisibility c;
    WARROOM_ASSIGN_OR_RETURN(c.visibility, EnumField<Visibility>(o, "visibility", ParseVisibility));
    WARROOM_ASSIGN_OR_RETURN(c.reason, RequiredString(o, "reason"));
    return Command(std::move(c));
  }
  return Error::NotFound("unknown incident action '" + std::string(action) + "': use one of " +
                         KnownActions());
}

}  // namespace warroom::api
