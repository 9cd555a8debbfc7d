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

// `delivered_text`: the message the audience's destinations receive (the
// text with the next-update line the notification adds); `digest`: what POST .../updates
// {"template", "digest"} sends back, so that an update is sent only as it was read; `empty_fields`:
// what it would show empty (such an update is refused until they are recorded).
json::object RenderedJson(const engine::RenderedMessage& m) {
  json::array empty;
  for (const auto& f : m.empty_fields) empty.emplace_back(f);
  return json::object{{"template", m.template_name},
                      {"audience", m.audience},
                      {"subject", m.subject},
                      {"text", m.text},
                      {"delivered_text", m.delivered_text},
                      {"digest", engine::MessageDigest(m)},
                      {"empty_fields", std::move(empty)}};
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
