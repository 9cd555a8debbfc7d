#pragma once

#include <string>

#include "store/records.hpp"

namespace warroom::engine {

// Who is calling, as authenticated by the API token.
struct Caller {
  std::string handle;
  store::Permission permission = store::Permission::kViewer;
  bool IsAdmin() const { return permission == store::Permission::kAdmin; }
  bool CanRespond() const { return permission != store::Permission::kViewer; }
};

}  // namespace warroom::engine
