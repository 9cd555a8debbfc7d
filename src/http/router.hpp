#pragma once

#include <vector>

#include "http/types.hpp"

namespace warroom::http {

// Matches method and path against patterns such as
// "/api/v1/incidents/{id}/{action}"; `{name}` takes one path segment.
class Router {
 public:
  void Add(beast_http::verb method, std::string pattern, Handler handler);
  // The response for `req`: 404 for an unknown path, 405 for a known path
  // with another method.
  boost::asio::awaitable<Response> Dispatch(const Request& req) const;

 private:
  struct Route {
    beast_http::verb method;
    std::vector<std::string> segments;
    Handler handler;
  };
  std::vector<Route> routes_;
};

// Splits "/a/b?x=1" into its path segments (percent-decoded).
std::vector<std::string> PathSegments(std::string_view target);
// The query parameters of a target (percent-decoded).
Params QueryParams(std::string_view target);

}  // namespace warroom::http
