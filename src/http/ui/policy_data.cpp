#include "http/ui/policy_data.hpp"

#include "api/incident_json.hpp"

namespace warroom::http::ui {

namespace json = boost::json;

namespace {

std::string Text(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (!v || v->is_null()) return "";
  if (v->is_string()) return std::string(v->get_string());
  return json::serialize(*v);
}

std::string Join(const json::value* v, std::string_view none) {
  if (!v || !v->is_array() || v->get_array().empty()) return std::string(none);
  std::string out;
  for (const auto& item : v->get_array()) {
    if (!out.empty()) out += ", ";
    out += item.is_string() ? std::string(item.get_string()) : json::serialize(item);
  }
  return out;
}

const json::object& Obj(const json::object& o, std::string_view key) {
  static const json::object kEmpty;
  const json::value* v = o.if_contains(key);
  return v && v->is_object() ? v->get_object() : kEmpty;
}

json::array Requirements(const json::object& level) {
  json::array rows;
  auto row = [&](std::string_view label, std::string value) {
    rows.push_back(json::object{{"label", label}, {"value", std::move(value)}});
  };
  const json::object& ack = Obj(level, "acknowledge");
  std::string basis = Text(level, "time_basis") == "business" ? " (business hours)" : "";
  if (ack.contains("within"))
    row("Acknowledge", "within " + Text(ack, "within") + basis);
  else if (ack.contains("by"))
    row("Acknowledge", "by the close of the next business day");
  if (level.contains("chat_notification") && level.at("chat_notification").is_bool() &&
      level.at("chat_notification").get_bool())
    row("Who is told", "a chat notification");
  else
    row("Who is paged", Join(level.if_contains("page"), "no one is paged"));
  std::string cadence = Text(level, "update_cadence");
  row("Updates", cadence.empty() ? "as needed" : "every " + cadence);
  const json::object& c = Obj(level, "customer_communication");
  if (c.contains("within"))
    row("Customers", "told within " + Text(c, "within"));
  else if (c.contains("when_customers_over"))
    row("Customers", "told when over " + Text(c, "when_customers_over") + " are affected");
  else if (c.contains("direct_to_affected"))
    row("Customers", "the affected ones, directly");
  else
    row("Customers", "not required");
  row("Executives", Join(level.if_contains("executive_notification"), "not notified"));
  const json::object& t = Obj(level, "target_resolution");
  row("Resolve within", Text(t, "min") + " to " + Text(t, "max"));
  const json::object& pir = Obj(level, "post_incident_review");
  if (pir.contains("within"))
    row("Post-incident review", "within " + Text(pir, "within"));
  else if (pir.contains("optional"))
    row("Post-incident review", "optional");
  else
    row("Post-incident review", "not required");
  return rows;
}

}  // namespace

json::object PolicyData(const core::Policy& p, std::string_view current) {
  json::object o = api::EncodePolicy(p);
  if (json::value* levels = o.if_contains("severities"); levels && levels->is_array()) {
    for (json::value& v : levels->get_array()) {
      if (!v.is_object()) continue;
      json::object& level = v.get_object();
      level["requirements"] = Requirements(level);
      level["selected"] = Text(level, "severity") == current;
    }
  }
  return o;
}

}  // namespace warroom::http::ui
