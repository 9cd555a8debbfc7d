#include "store/records.hpp"

namespace warroom::store {

std::string_view PermissionName(Permission p) {
  switch (p) {
    case Permission::kViewer:
      return "viewer";
    case Permission::kResponder:
      return "responder";
    case Permission::kAdmin:
      return "admin";
  }
  return "viewer";
}

std::optional<Permission> ParsePermission(std::string_view s) {
  if (s == "viewer") return Permission::kViewer;
  if (s == "responder") return Permission::kResponder;
  if (s == "admin") return Permission::kAdmin;
  return std::nullopt;
}

std::string_view ScopeName(Permission p) {
  switch (p) {
    case Permission::kViewer:
      return "read";
    case Permission::kResponder:
      return "respond";
    case Permission::kAdmin:
      return "admin";
  }
  return "read";
}

std::optional<Permission> ParseScope(std::string_view s) {
  if (s == "read") return Permission::kViewer;
  if (s == "respond") return Permission::kResponder;
  if (s == "admin") return Permission::kAdmin;
  return std::nullopt;
}

}  // namespace warroom::store
