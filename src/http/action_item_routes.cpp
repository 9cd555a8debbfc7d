#include "http/action_item_routes.hpp"

#include <boost/json.hpp>

#include "api/action_item_event_json.hpp"
#include "base/text.hpp"
#include "http/handler.hpp"

namespace warroom::http {

namespace json = boost::json;
using beast_http::verb;

namespace {

struct ListQuery {
  store::ActionItemFilter filter;
  bool overdue = false;
};

Result<ListQuery> ReadQuery(const Request& req, const Params&) {
  ListQuery q;
  store::ActionItemFilter& f = q.filter;
  auto boolean = [](std::string_view k, const std::string& v) -> Result<bool> {
    if (v != "true" && v != "false")
      return Error::InvalidArgument("'" + std::string(k) + "' must be true or false");
    return v == "true";
  };
  for (const auto& [k, v] : QueryParams(req.target())) {
    if (k == "overdue") {
      WARROOM_ASSIGN_OR_RETURN(q.overdue, boolean(k, v));
    } else if (k == "open") {
      WARROOM_ASSIGN_OR_RETURN(bool open, boolean(k, v));
      f.open = open;
    } else if (k == "status") {
      WARROOM_ASSIGN_OR_RETURN(auto s, core::ParseActionStatus(v));
      f.status = s;
    } else if (k == "owner") {
      f.owner = v;
    } else if (k == "incident") {
      f.incident_id = v;
    } else if (k == "limit") {
      WARROOM_ASSIGN_OR_RETURN(f.limit, Limit(v));
    } else if (k == "offset") {
      int n = WholeNumber(v);
      if (n < 0) return Error::InvalidArgument("'offset' must be a whole number >= 0");
      f.offset = n;
    } else {
      return Error::InvalidArgument(
          "unknown filter '" + Shown(k) +
          "': use overdue, open, status, owner, incident, limit and offset");
    }
  }
  return q;
}

json::object ListJson(const store::ActionItemFilter& f, const engine::ActionItemList& list) {
  json::array items;
  for (const auto& row : list.items) {
    json::object o = api::EncodeActionItem(row.item);
    o["incident_id"] = row.incident_id;
    o["incident_severity"] = core::SeverityName(row.incident_severity);
    o["incident_summary"] = row.incident_summary;
    o["overdue"] = row.item.OverdueOn(list.today);
    items.push_back(std::move(o));
  }
  json::object out{
      {"items", std::move(items)}, {"today", list.today}, {"limit", f.limit}, {"offset", f.offset}};
  out["next_offset"] = static_cast<int>(list.items.size()) == f.limit
                           ? json::value(f.offset + f.limit)
                           : json::value(nullptr);
  return out;
}

}  // namespace

void AddActionItemRoutes(Router& r, const ApiServices& s) {
  r.Add(verb::get, "/api/v1/action-items", Scope::kRead,
        Handle<engine::ActionItemList>(
            ReadQuery,
            [s](const engine::Caller& c, const ListQuery& q, Done<engine::ActionItemList> done) {
              s.incidents->ListActionItems(c, q.filter, q.overdue, std::move(done));
            },
            [](const ListQuery& q, const engine::ActionItemList& list) {
              return ListJson(q.filter, list);
            }));
}

}  // namespace warroom::http
