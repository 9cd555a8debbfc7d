#include "config/policy_reader.hpp"

#include <algorithm>

namespace warroom::config {

void PolicyReader::ExpectKeys(const YAML::Node& map, const std::string& where,
                              std::initializer_list<std::string_view> known) {
  if (!map.IsMap()) return;
  for (auto it = map.begin(); it != map.end(); ++it) {
    std::string k = it->first.as<std::string>("");
    if (std::find(known.begin(), known.end(), k) == known.end()) {
      std::string list;
      for (auto s : known) list += (list.empty() ? "" : ", ") + std::string(s);
      Fail(it->first, Join(where, k), "unknown key; expected one of " + list);
    }
  }
}

std::string PolicyReader::Join(const std::string& a, const std::string& b) {
  return a.empty() ? b : a + "." + b;
}

bool PolicyReader::String(const YAML::Node& n, const std::string& key, std::string& out) {
  if (!n.IsDefined()) return false;
  if (!n.IsScalar()) {
    Fail(n, key, "must be a text value");
    return false;
  }
  out = n.as<std::string>();
  return true;
}

void PolicyReader::Strings(const YAML::Node& n, const std::string& key,
                           std::vector<std::string>& out) {
  if (!n.IsDefined()) return;
  if (n.IsNull()) {
    out.clear();
    return;
  }
  if (!n.IsSequence()) {
    Fail(n, key, "must be a list, such as [a, b]");
    return;
  }
  out.clear();
  for (const auto& e : n) {
    if (!e.IsScalar()) {
      Fail(e, key, "every entry must be a text value");
      continue;
    }
    out.push_back(e.as<std::string>());
  }
}

bool PolicyReader::Dur(const YAML::Node& n, const std::string& key, Duration& out) {
  std::string s;
  if (!String(n, key, s)) return false;
  auto d = ParseDuration(s);
  if (!d.ok()) {
    Fail(n, key, d.error().message);
    return false;
  }
  out = *d;
  return true;
}

void PolicyReader::Number(const YAML::Node& n, const std::string& key, double& out) {
  if (!n.IsDefined()) return;
  try {
    out = n.as<double>();
  } catch (const YAML::Exception&) {
    Fail(n, key, "must be a number");
  }
}

bool PolicyReader::IsNone(const YAML::Node& n) {
  return n.IsNull() ||
         (n.IsScalar() && (n.as<std::string>() == "none" || n.as<std::string>() == "false"));
}

std::string Quote(const std::string& s) {
  YAML::Emitter e;
  e << YAML::DoubleQuoted << s;
  return e.c_str();
}

std::string List(const std::vector<std::string>& v) {
  std::string out = "[";
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + Quote(v[i]);
  return out + "]";
}

}  // namespace warroom::config
