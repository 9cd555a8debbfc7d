#include "config/yaml_reader.hpp"

#include <algorithm>
#include <cstdint>

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

std::optional<std::size_t> FirstInvalidUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > text.size()) return i;
    std::uint32_t cp = n == 1 ? c : c & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k) {
      auto d = static_cast<unsigned char>(text[i + k]);
      if ((d >> 6) != 2) return i;
      cp = (cp << 6) | (d & 0x3F);
    }
    static constexpr std::uint32_t kLeast[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kLeast[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += n;
  }
  return std::nullopt;
}

std::optional<Problem> NotTextProblem(const std::string& text, const std::string& file) {
  // YAML allows no NUL in a stream, and yaml-cpp reads one as a hint of
  // another encoding, turning what follows into U+FFFD or dropping it:
  // refused, with its line (the policy fuzzer's round trip found it).
  if (auto nul = text.find('\0'); nul != std::string::npos) {
    int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + nul, '\n'));
    return Problem{file, line, "",
                   "a NUL byte (byte " + std::to_string(nul + 1) +
                       "): YAML files are text; this one is damaged or not YAML"};
  }
  auto bad = FirstInvalidUtf8(text);
  if (!bad) return std::nullopt;
  int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + *bad, '\n'));
  return Problem{file, line, "",
                 "not valid UTF-8 (byte " + std::to_string(*bad + 1) +
                     "): YAML files are UTF-8; save the file as UTF-8"};
}

std::optional<YAML::Node> ParseYaml(const std::string& text, const std::string& file,
                                    std::vector<Problem>& problems) {
  if (auto p = NotTextProblem(text, file)) {
    problems.push_back(*p);
    return std::nullopt;
  }
  try {
    return YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    problems.push_back(
        Problem{file, static_cast<int>(e.mark.line) + 1, "", "not valid YAML: " + e.msg});
    return std::nullopt;
  }
}

}  // namespace warroom::config
