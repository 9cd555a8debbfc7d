#include "app/routes_command.hpp"

#include <boost/json.hpp>
#include <iostream>

#include "http/api_routes.hpp"

namespace warroom::app {

int PrintRoutes(bool json) {
  // Registering routes touches no service: an empty set builds the same
  // table the server serves.
  http::Router router;
  http::AddApiRoutes(router, http::ApiServices{});
  const std::vector<http::RouteInfo> routes = router.Routes();
  if (json) {
    boost::json::array items;
    for (const auto& r : routes)
      items.push_back(boost::json::object{{"method", boost::beast::http::to_string(r.method)},
                                          {"pattern", r.pattern},
                                          {"scope", http::ScopeName(r.scope)}});
    std::cout << boost::json::serialize(boost::json::object{{"routes", std::move(items)}}) << "\n";
    return 0;
  }
  std::size_t width = 7;
  for (const auto& r : routes) width = std::max(width, r.pattern.size());
  auto row = [width](std::string_view method, std::string_view pattern, std::string_view scope) {
    std::cout << method << std::string(8 - std::min<std::size_t>(method.size(), 7), ' ') << pattern
              << std::string(width + 2 - pattern.size(), ' ') << scope << "\n";
  };
  row("METHOD", "PATTERN", "SCOPE");
  for (const auto& r : routes)
    row(boost::beast::http::to_string(r.method), r.pattern, http::ScopeName(r.scope));
  return 0;
}

}  // namespace warroom::app
