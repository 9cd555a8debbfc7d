#include "engine/channel.hpp"

namespace warroom::engine {

const std::vector<std::string>& Routing::To(const std::string& route) const {
  static const std::vector<std::string> kNone;
  auto it = routes.find(route);
  return it == routes.end() ? kNone : it->second;
}

}  // namespace warroom::engine
