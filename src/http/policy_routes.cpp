#include "http/policy_routes.hpp"

#include <boost/json.hpp>

#include "api/incident_json.hpp"
#include "http/handler.hpp"
#include "http/request_bodies.hpp"

namespace warroom::http {

namespace json = boost::json;
using beast_http::verb;

namespace {

json::object ClassificationJson(const core::Classification& c) {
  json::array reasons;
  for (const auto& why : c.reasons) reasons.emplace_back(why);
  return json::object{{"severity", core::SeverityName(c.severity)},
                      {"alias", core::SeverityAlias(c.severity)},
                      {"reasons", std::move(reasons)}};
}

}  // namespace

void AddPolicyRoutes(Router& r, const ApiServices& s) {
  r.Add(verb::get, "/api/v1/policy", Scope::kRead,
        Show([s](const engine::Caller&) { return api::EncodePolicy(s.incidents->policy()); }));
  r.Add(verb::post, "/api/v1/policy/classify", Scope::kRead,
        Handle<core::Classification>(
            JsonBody(ImpactAssessmentOf),
            [s](const engine::Caller&, const core::ImpactAssessment& a,
                Done<core::Classification> done) { done(s.incidents->Classify(a)); },
            ClassificationJson));
}

}  // namespace warroom::http
