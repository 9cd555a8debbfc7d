#include "http/status_page_routes.hpp"

#include <boost/beast/http.hpp>
#include <map>
#include <mutex>

#include "engine/status_page_feed.hpp"
#include "http/etag.hpp"
#include "http/problem.hpp"
#include "http/status_page_json.hpp"

namespace warroom::http {

namespace {

namespace asio = boost::asio;
namespace json = boost::json;
using beast_http::field;
using beast_http::status;

struct Body {
  std::string bytes;
  std::string etag;
};

// What each document reads for one build of the page, rendered once.
class Bodies {
 public:
  using Render = json::object (StatusPageJson::*)() const;

  std::shared_ptr<const Body> For(const engine::StatusPageFeed& feed,
                                  const engine::StatusPageFeed::Snapshot& snap,
                                  const std::string& path, Render render) {
    std::lock_guard lock(mu_);
    if (version_ != snap.version) {
      bodies_.clear();
      version_ = snap.version;
    }
    auto& slot = bodies_[path];
    if (!slot) {
      StatusPageJson doc{feed.settings(), snap.view, feed.settings().url};
      std::string bytes = json::serialize((doc.*render)());
      slot = std::make_shared<const Body>(Body{bytes, EtagOf(bytes)});
    }
    return slot;
  }

 private:
  std::mutex mu_;
  std::uint64_t version_ = 0;
  std::map<std::string, std::shared_ptr<const Body>> bodies_;
};

struct Document {
  const char* path;
  Bodies::Render render;
};

constexpr Document kDocuments[] = {
    {"/api/v2/status.json", &StatusPageJson::StatusDocument},
    {"/api/v2/summary.json", &StatusPageJson::SummaryDocument},
    {"/api/v2/components.json", &StatusPageJson::ComponentsDocument},
    {"/api/v2/incidents.json", &StatusPageJson::IncidentsDocument},
    {"/api/v2/incidents/unresolved.json", &StatusPageJson::UnresolvedDocument},
    {"/api/v2/scheduled-maintenances.json", &StatusPageJson::MaintenancesDocument},
    {"/api/v2/scheduled-maintenances/upcoming.json", &StatusPageJson::MaintenancesDocument},
    {"/api/v2/scheduled-maintenances/active.json", &StatusPageJson::MaintenancesDocument},
};

}  // namespace

void AddStatusPageRoutes(Router& r, const ApiServices& s) {
  auto bodies = std::make_shared<Bodies>();
  for (const Document& d : kDocuments) {
    std::string path = d.path;
    Bodies::Render render = d.render;
    r.Add(beast_http::verb::get, path, Scope::kPublic,
          [s, bodies, path, render](const engine::Caller&, const Request& req,
                                    const Params&) -> asio::awaitable<Response> {
            engine::StatusPageFeed::SnapshotPtr snap =
                s.status_page ? s.status_page->Current() : nullptr;
            if (!snap)
              co_return Problem(Error::Unavailable("the status page is not built yet"),
                                req.version());
            std::shared_ptr<const Body> body = bodies->For(*s.status_page, *snap, path, render);
            const bool fresh = NamesEtag(req[field::if_none_match], body->etag);
            Response res{fresh ? status::not_modified : status::ok, req.version()};
            res.set(field::etag, body->etag);
            // Seconds, not minutes: during an outage it changes often, and
            // a CDN in front still takes most of the load.
            res.set(field::cache_control, "public, max-age=5");
            res.set(field::access_control_allow_origin, "*");
            if (!fresh) {
              res.set(field::content_type, "application/json");
              res.body() = body->bytes;
            }
            co_return res;
          });
  }
}

}  // namespace warroom::http
