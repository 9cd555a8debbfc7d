#include "http/freeze_routes.hpp"

#include <boost/json.hpp>

#include "http/handler.hpp"

namespace warroom::http {

namespace json = boost::json;
using beast_http::verb;

json::object FreezesJson(const std::vector<engine::Freeze>& rows) {
  json::array items;
  for (const auto& f : rows) {
    if (f.restricted) {
      // Deploys stop for it all the same; what it is stays hidden.
      items.push_back(json::object{{"restricted", true}, {"since", FormatTime(f.since)}});
      continue;
    }
    items.push_back(json::object{{"incident_id", f.incident_id},
                                 {"severity", f.severity},
                                 {"summary", f.summary},
                                 {"reason", f.reason},
                                 {"since", FormatTime(f.since)},
                                 {"restricted", false}});
  }
  bool frozen = !items.empty();
  return json::object{{"frozen", frozen}, {"items", std::move(items)}};
}

void AddFreezeRoutes(Router& r, const ApiServices& s) {
  r.Add(verb::get, "/api/v1/freezes", Scope::kRead,
        Handle<std::vector<engine::Freeze>>(
            NoInput,
            [s](const engine::Caller& c, Ok, Done<std::vector<engine::Freeze>> done) {
              s.incidents->Freezes(c, std::move(done));
            },
            FreezesJson));
}

}  // namespace warroom::http
