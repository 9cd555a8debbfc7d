#include "http/scope.hpp"

namespace warroom::http {

std::string_view ScopeName(Scope s) {
  switch (s) {
    case Scope::kPublic:
      return "public";
    case Scope::kRead:
      return "read";
    case Scope::kRespond:
      return "respond";
    case Scope::kAdmin:
      return "admin";
    case Scope::kIntegration:
      return "integration";
    case Scope::kSignIn:
      return "sign-in";
    case Scope::kPage:
      return "page";
  }
  return "unknown";
}

std::optional<store::Permission> RequiredPermission(Scope s) {
  switch (s) {
    case Scope::kRead:
    case Scope::kPage:
      return store::Permission::kViewer;
    case Scope::kRespond:
      return store::Permission::kResponder;
    case Scope::kAdmin:
      return store::Permission::kAdmin;
    case Scope::kPublic:
    case Scope::kIntegration:
    case Scope::kSignIn:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace warroom::http
