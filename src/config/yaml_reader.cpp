#include "config/yaml_reader.hpp"

#include <cstdlib>
#include <fstream>

namespace warroom::config {

void YamlReader::Fail(const YAML::Node& n, const std::string& key, const std::string& msg) {
  problems.push_back(
      Problem{file, n.IsDefined() ? static_cast<int>(n.Mark().line) + 1 : 0, key, msg});
}

void YamlReader::OnlyKeys(const YAML::Node& m, const std::string& where,
                          const std::set<std::string>& known) {
  if (!m.IsMap()) return;
  for (auto k = m.begin(); k != m.end(); ++k) {
    std::string key = k->first.as<std::string>("");
    if (!known.count(key)) Fail(k->first, where + "." + key, "unknown key");
  }
}

std::string YamlReader::Secret(const YAML::Node& d, const std::string& where,
                               const std::string& name, bool inline_ok, bool required) {
  if (d[name + "_env"].IsDefined()) {
    std::string var = d[name + "_env"].as<std::string>("");
    const char* v = std::getenv(var.c_str());
    if (!v || !*v) {
      Fail(d[name + "_env"], where + "." + name + "_env",
           "the environment variable " + var + " is not set");
      return {};
    }
    return v;
  }
  if (d[name + "_file"].IsDefined()) {
    std::string path = d[name + "_file"].as<std::string>("");
    std::ifstream in(path);
    std::string v;
    if (!in || !std::getline(in, v) || v.empty()) {
      Fail(d[name + "_file"], where + "." + name + "_file", "cannot read a value from " + path);
      return {};
    }
    return v;
  }
  if (d[name].IsDefined()) {
    if (!inline_ok) {
      Fail(d[name], where + "." + name,
           "is a secret: give it with " + name + "_env (an environment variable) or " + name +
               "_file");
      return {};
    }
    return d[name].as<std::string>("");
  }
  if (required) Fail(d, where, "needs " + name + " (or " + name + "_env, " + name + "_file)");
  return {};
}

std::optional<YAML::Node> ParseYaml(const std::string& text, const std::string& file,
                                    std::vector<Problem>& problems) {
  try {
    return YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    problems.push_back(
        Problem{file, static_cast<int>(e.mark.line) + 1, "", "not valid YAML: " + e.msg});
    return std::nullopt;
  }
}

}  // namespace warroom::config
