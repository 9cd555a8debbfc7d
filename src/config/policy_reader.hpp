#pragma once

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "base/time.hpp"
#include "config/yaml_reader.hpp"

namespace warroom::config {

// What every section of the policy file (policy_yaml.hpp) is read with: each
// helper reads one value of the shape it names into `out` and, when the
// node is there but of another shape, records a problem with its line and
// key and leaves `out` as it was (the built-in default), so the reading goes
// on and every problem of the file is reported. A node that is not there is
// no problem: keys left out keep the default.
struct PolicyReader : YamlReader {
  PolicyReader(std::string file, std::vector<Problem>& problems)
      : YamlReader{std::move(file), problems} {}

  // Reports every key of `map` that is not in `known`, naming the known
  // ones in their order ("unknown key; expected one of a, b").
  void ExpectKeys(const YAML::Node& map, const std::string& where,
                  std::initializer_list<std::string_view> known);
  // "a.b", or "b" when `a` is empty: the key of a problem.
  static std::string Join(const std::string& a, const std::string& b);

  // A text value; true when one was read.
  bool String(const YAML::Node& n, const std::string& key, std::string& out);
  // A scalar's text, refused (a problem) when it holds a control character
  // other than tab, newline and carriage return.
  bool Text(const YAML::Node& n, const std::string& key, std::string& out);
  // A list of text values (null: the empty list); bad entries are skipped.
  void Strings(const YAML::Node& n, const std::string& key, std::vector<std::string>& out);
  // A duration such as 15m (base ParseDuration); true when one was read.
  bool Dur(const YAML::Node& n, const std::string& key, Duration& out);
  void Number(const YAML::Node& n, const std::string& key, double& out);
  // A number from 0 to 100 (a problem otherwise, `out` left alone).
  void Percent(const YAML::Node& n, const std::string& key, double& out);
  // null, "none" or "false": a requirement turned off.
  static bool IsNone(const YAML::Node& n);
};

// The policy's YAML as PolicyToYaml writes it: a double-quoted scalar, and
// a flow list of them ("[\"a\", \"b\"]").
std::string Quote(const std::string& s);
std::string List(const std::vector<std::string>& v);

}  // namespace warroom::config
