#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "config/policy_yaml.hpp"

namespace warroom::config {

// Reads sections of a YAML configuration file, collecting every problem with
// its line and key rather than stopping at the first.
struct YamlReader {
  std::string file;
  std::vector<Problem>& problems;

  void Fail(const YAML::Node& n, const std::string& key, const std::string& msg);

  // Every key of map `m` not in `known` is a problem ("unknown key").
  void OnlyKeys(const YAML::Node& m, const std::string& where, const std::set<std::string>& known);

  // A secret from `<name>_env` (an environment variable) or `<name>_file`
  // (its first line), or, when `inline_ok`, `<name>` itself. Secrets in the
  // file itself would end up in backups and version control.
  std::string Secret(const YAML::Node& d, const std::string& where, const std::string& name,
                     bool inline_ok, bool required);
};

// Parses YAML text; a syntax error becomes a problem and nullopt.
std::optional<YAML::Node> ParseYaml(const std::string& text, const std::string& file,
                                    std::vector<Problem>& problems);

}  // namespace warroom::config
