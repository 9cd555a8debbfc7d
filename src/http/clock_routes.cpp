#include "http/clock_routes.hpp"

#include <boost/json.hpp>

#include "http/handler.hpp"
#include "http/request_bodies.hpp"

namespace warroom::http {

namespace json = boost::json;
using beast_http::verb;

void AddClockRoutes(Router& r, const ApiServices& s) {
  r.Add(verb::get, "/api/v1/clock", Scope::kRead, Show([s](const engine::Caller&) {
          return json::object{{"now", FormatTime(s.clock->Now())},
                              {"simulated", s.clock->IsSimulated()}};
        }));
  r.Add(verb::post, "/api/v1/clock/advance", Scope::kAdmin,
        Handle<TimePoint>(
            JsonBody(ClockAdvanceOf),
            [s](const engine::Caller& c, Duration step, Done<TimePoint> done) {
              s.advance_clock(c, step, std::move(done));
            },
            [](TimePoint now) {
              return json::object{{"now", FormatTime(now)}, {"simulated", true}};
            }));
}

}  // namespace warroom::http
