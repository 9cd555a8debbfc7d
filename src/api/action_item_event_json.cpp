#include "api/action_item_event_json.hpp"

#include "api/event_json.hpp"

namespace warroom::api {

namespace json = boost::json;
namespace ev = core::events;

json::object EncodeActionItemEvent(const ev::ActionItemAdded& a) {
  return {{"item_id", a.item_id},
          {"title", a.title},
          {"owner", a.owner},
          {"due", a.due},
          {"priority", core::SeverityName(a.priority)},
          {"tracker_url", a.tracker_url}};
}

json::object EncodeActionItemEvent(const ev::ActionItemUpdated& u) {
  // Only what changed: a field absent from the payload stayed as it was.
  json::object o{{"item_id", u.item_id}};
  if (u.title) o["title"] = *u.title;
  if (u.owner) o["owner"] = *u.owner;
  if (u.due) o["due"] = *u.due;
  if (u.priority) o["priority"] = core::SeverityName(*u.priority);
  if (u.tracker_url) o["tracker_url"] = *u.tracker_url;
  if (u.status) o["status"] = core::ActionStatusName(*u.status);
  o["reason"] = u.reason;
  return o;
}

json::object EncodeActionItemEvent(const ev::ActionItemReminded& r) {
  json::array to;
  for (const std::string& p : r.to) to.emplace_back(p);
  return {{"item_id", r.item_id}, {"day", r.day}, {"reminder", r.reminder}, {"to", std::move(to)}};
}

namespace {

std::int64_t ItemId(const json::object& o) {
  auto* v = o.if_contains("item_id");
  return v && v->is_int64() ? v->get_int64() : 0;
}

std::optional<std::string> Present(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  if (!v || !v->is_string()) return std::nullopt;
  return std::string(v->as_string());
}

}  // namespace

Result<core::EventPayload> DecodeActionItemAdded(const json::object& o) {
  ev::ActionItemAdded a;
  a.item_id = ItemId(o);
  a.title = OptionalString(o, "title");
  a.owner = OptionalString(o, "owner");
  a.due = OptionalString(o, "due");
  WARROOM_ASSIGN_OR_RETURN(a.priority, core::ParseSeverity(OptionalString(o, "priority")));
  a.tracker_url = OptionalString(o, "tracker_url");
  return core::EventPayload(std::move(a));
}

Result<core::EventPayload> DecodeActionItemUpdated(const json::object& o) {
  ev::ActionItemUpdated u;
  u.item_id = ItemId(o);
  u.title = Present(o, "title");
  u.owner = Present(o, "owner");
  u.due = Present(o, "due");
  u.tracker_url = Present(o, "tracker_url");
  if (auto p = Present(o, "priority")) {
    WARROOM_ASSIGN_OR_RETURN(u.priority, core::ParseSeverity(*p));
  }
  if (auto s = Present(o, "status")) {
    WARROOM_ASSIGN_OR_RETURN(u.status, core::ParseActionStatus(*s));
  }
  u.reason = OptionalString(o, "reason");
  return core::EventPayload(std::move(u));
}

Result<core::EventPayload> DecodeActionItemReminded(const json::object& o) {
  ev::ActionItemReminded r;
  r.item_id = ItemId(o);
  r.day = OptionalString(o, "day");
  if (auto* v = o.if_contains("reminder"); v && v->is_int64())
    r.reminder = static_cast<int>(v->get_int64());
  if (auto* v = o.if_contains("to"); v && v->is_array())
    for (const auto& p : v->as_array())
      if (p.is_string()) r.to.emplace_back(p.as_string());
  return core::EventPayload(std::move(r));
}

json::object EncodeActionItem(const core::ActionItem& a) {
  return {{"id", a.id},
          {"title", a.title},
          {"owner", a.owner},
          {"due", a.due},
          {"priority", core::SeverityName(a.priority)},
          {"status", core::ActionStatusName(a.status)},
          {"reason", a.reason},
          {"tracker_url", a.tracker_url},
          {"created_by", a.created_by},
          {"created_at", FormatTime(a.created_at)},
          {"updated_at", FormatTime(a.updated_at)},
          {"done_at", TimeOrNull(a.done_at)},
          {"reminders", a.reminders}};
}

}  // namespace warroom::api
