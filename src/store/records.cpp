#include "store/records.hpp"

#include "base/enum_names.hpp"

namespace warroom::store {
namespace {

// A user's permission, and the scope of the same name a token carries.
constexpr EnumNames<Permission, 3> kPermissions{{{Permission::kViewer, "viewer"},
                                                 {Permission::kResponder, "responder"},
                                                 {Permission::kAdmin, "admin"}}};
constexpr EnumNames<Permission, 3> kScopes{{{Permission::kViewer, "read"},
                                            {Permission::kResponder, "respond"},
                                            {Permission::kAdmin, "admin"}}};

}  // namespace

std::string_view PermissionName(Permission p) { return NameIn(kPermissions, p, "viewer"); }
std::optional<Permission> ParsePermission(std::string_view s) { return ValueIn(kPermissions, s); }

std::string_view ScopeName(Permission p) { return NameIn(kScopes, p, "read"); }
std::optional<Permission> ParseScope(std::string_view s) { return ValueIn(kScopes, s); }

}  // namespace warroom::store
