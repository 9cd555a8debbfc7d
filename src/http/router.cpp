#include "http/router.hpp"

#include <boost/url/parse.hpp>

#include "http/problem.hpp"

namespace warroom::http {

std::vector<std::string> PathSegments(std::string_view target) {
  std::vector<std::string> out;
  auto u = boost::urls::parse_origin_form(target);
  if (!u) return {"\x01invalid"};
  for (auto seg : u->segments()) out.push_back(seg);
  return out;
}

Params QueryParams(std::string_view target) {
  Params p;
  auto u = boost::urls::parse_origin_form(target);
  if (!u) return p;
  for (auto param : u->params()) p[param.key] = param.has_value ? param.value : "true";
  return p;
}

void Router::Add(beast_http::verb method, std::string pattern, Handler handler) {
  // Patterns hold "{name}", which is not a valid URL character: split by hand.
  std::vector<std::string> segs;
  std::size_t pos = 1;
  while (pos <= pattern.size()) {
    std::size_t next = pattern.find('/', pos);
    if (next == std::string::npos) next = pattern.size();
    segs.push_back(pattern.substr(pos, next - pos));
    pos = next + 1;
  }
  routes_.push_back(Route{method, std::move(segs), std::move(handler)});
}

boost::asio::awaitable<Response> Router::Dispatch(const Request& req) const {
  auto segs = PathSegments(req.target());
  bool path_known = false;
  for (const Route& r : routes_) {
    if (r.segments.size() != segs.size()) continue;
    Params params;
    bool match = true;
    for (std::size_t i = 0; i < segs.size() && match; ++i) {
      const std::string& p = r.segments[i];
      if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
        params[p.substr(1, p.size() - 2)] = segs[i];
      } else if (p != segs[i]) {
        match = false;
      }
    }
    if (!match) continue;
    path_known = true;
    if (r.method != req.method()) continue;
    co_return co_await r.handler(req, params);
  }
  if (path_known) {
    Response res =
        Problem(Error::InvalidArgument(std::string(req.method_string()) + " is not allowed on " +
                                       std::string(req.target())),
                req.version());
    res.result(beast_http::status::method_not_allowed);
    co_return res;
  }
  co_return Problem(Error::NotFound("no such endpoint: " + std::string(req.target()) +
                                    " (the API lives under /api/v1/)"),
                    req.version());
}

}  // namespace warroom::http
