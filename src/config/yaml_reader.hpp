#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <set>
#include <string>
#include <string_view>
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

// The offset of the first byte of `text` that is not part of valid UTF-8
// (a stray byte, an overlong form, a surrogate, past U+10FFFF, cut short);
// nullopt when all of it is. YAML is UTF-8, and yaml-cpp does not check: a
// value with such a byte is written back (and into JSON) as something else.
std::optional<std::size_t> FirstInvalidUtf8(std::string_view text);

// The problem for a file that is not text: a NUL byte anywhere, or bytes
// that are not UTF-8; with the line of the bad byte. nullopt for text.
std::optional<Problem> NotTextProblem(const std::string& text, const std::string& file);

// Parses YAML text; a syntax error (or text that is not UTF-8) becomes a
// problem and nullopt.
std::optional<YAML::Node> ParseYaml(const std::string& text, const std::string& file,
                                    std::vector<Problem>& problems);

}  // namespace warroom::config
