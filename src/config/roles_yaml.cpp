#include "config/roles_yaml.hpp"

#include <algorithm>

namespace warroom::config {

using namespace core;

void ReadRoles(PolicyReader& r, const YAML::Node& n, std::vector<RoleDefinition>& roles) {
  if (!n.IsMap()) {
    r.Fail(n, "roles", "must be a map from role to its definition");
    return;
  }
  for (auto it = n.begin(); it != n.end(); ++it) {
    std::string name = it->first.as<std::string>("");
    auto role = ParseRole(name);
    std::string where = "roles." + name;
    if (!role.ok()) {
      r.Fail(it->first, where, role.error().message);
      continue;
    }
    auto def = std::find_if(roles.begin(), roles.end(),
                            [&](const RoleDefinition& d) { return d.role == *role; });
    if (def == roles.end()) def = roles.insert(roles.end(), RoleDefinition{*role, {}, {}, {}, {}});
    const YAML::Node v = it->second;
    // yaml-cpp throws when a scalar is indexed (found by fuzz/policy_yaml.cpp).
    if (!v.IsMap()) {
      r.Fail(v, where, "must be a map of responsibilities, authority, who and groups");
      continue;
    }
    r.ExpectKeys(v, where, {"responsibilities", "authority", "who", "groups"});
    r.Strings(v["responsibilities"], PolicyReader::Join(where, "responsibilities"),
              def->responsibilities);
    r.Strings(v["authority"], PolicyReader::Join(where, "authority"), def->authority);
    r.String(v["who"], PolicyReader::Join(where, "who"), def->who);
    r.Strings(v["groups"], PolicyReader::Join(where, "groups"), def->groups);
  }
}

void WriteRoles(std::ostream& o, const std::vector<RoleDefinition>& roles) {
  o << "roles:\n";
  for (const RoleDefinition& d : roles) {
    o << "  " << RoleSlug(d.role) << ":\n";
    o << "    responsibilities: " << List(d.responsibilities) << "\n";
    o << "    authority: " << List(d.authority) << "\n";
    o << "    who: " << Quote(d.who) << "\n";
    o << "    groups: " << List(d.groups) << "\n";
  }
}

}  // namespace warroom::config
