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

namespace {
// The first control character of `s` other than tab, newline and carriage
// return (npos when none): a NUL or an escape in a policy's text is damage,
// not meaning, and a NUL does not survive being written back (the fuzzer's
// round trip found it).
std::size_t ControlAt(const std::string& s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) return i;
  }
  return std::string::npos;
}
}  // namespace

bool PolicyReader::Text(const YAML::Node& n, const std::string& key, std::string& out) {
  std::string s = n.as<std::string>();
  if (std::size_t at = ControlAt(s); at != std::string::npos) {
    Fail(n, key, "holds a control character (byte " + std::to_string(at) + "): use plain text");
    return false;
  }
  out = std::move(s);
  return true;
}

bool PolicyReader::String(const YAML::Node& n, const std::string& key, std::string& out) {
  if (!n.IsDefined()) return false;
  if (!n.IsScalar()) {
    Fail(n, key, "must be a text value");
    return false;
  }
  return Text(n, key, out);
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
    std::string s;
    if (Text(e, key, s)) out.push_back(std::move(s));
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

void PolicyReader::Percent(const YAML::Node& n, const std::string& key, double& out) {
  if (!n.IsDefined()) return;
  double v = out;
  try {
    v = n.as<double>();
  } catch (const YAML::Exception&) {
    Fail(n, key, "must be a percentage, from 0 to 100");
    return;
  }
  // NaN fails both comparisons.
  if (!(v >= 0 && v <= 100)) {
    Fail(n, key, "must be a percentage, from 0 to 100");
    return;
  }
  out = v;
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
