#include "http/template_routes.hpp"

#include <boost/json.hpp>

#include "http/handler.hpp"

namespace warroom::http {

namespace json = boost::json;
using beast_http::verb;

namespace {

struct PreviewOf {
  std::string incident_id;
  std::string template_name;
};

Result<PreviewOf> ReadPreview(const Request&, const Params& p) {
  return PreviewOf{p.at("id"), p.at("template")};
}

json::object RenderedJson(const engine::RenderedMessage& m) {
  return json::object{{"template", m.template_name},
                      {"audience", m.audience},
                      {"subject", m.subject},
                      {"text", m.text}};
}

}  // namespace

void AddTemplateRoutes(Router& r, const ApiServices& s) {
  r.Add(verb::get, "/api/v1/templates", Scope::kRead, Show([s](const engine::Caller&) {
          json::array names;
          if (s.templates)
            for (const auto& n : s.templates->Names()) names.emplace_back(n);
          return json::object{{"items", std::move(names)}};
        }));
  r.Add(verb::get, "/api/v1/incidents/{id}/comms/{template}", Scope::kRead,
        Handle<engine::RenderedMessage>(
            ReadPreview,
            [s](const engine::Caller& c, const PreviewOf& p, Done<engine::RenderedMessage> done) {
              s.incidents->Preview(c, p.incident_id, p.template_name, std::move(done));
            },
            RenderedJson));
}

}  // namespace warroom::http
