#include "config/status_page_yaml.hpp"

#include <set>

#include "base/http_url.hpp"
#include "config/tz_zone.hpp"
#include "config/yaml_reader.hpp"

namespace warroom::config {

namespace sp = core::status_page;

namespace {

bool IsMap(const YAML::Node& n) { return n.IsDefined() && n.IsMap(); }
bool IsList(const YAML::Node& n) { return n.IsDefined() && n.IsSequence(); }
bool IsHttpUrl(const std::string& url) { return HttpUrlProblem(url).empty(); }

// A component id: what incidents name and URLs carry.
bool GoodId(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
  return true;
}

std::string Text(const YAML::Node& n) {
  return n.IsDefined() && n.IsScalar() ? n.as<std::string>() : "";
}

void ReadComponents(YamlReader& r, const YAML::Node& list, StatusPageConfig& out) {
  if (!IsList(list)) {
    r.Fail(list, "status_page.components", "must be a list of components (id, name, group)");
    return;
  }
  std::vector<sp::Component> components;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string where = "status_page.components[" + std::to_string(i) + "]";
    const YAML::Node c = list[i];
    if (!IsMap(c)) {
      r.Fail(c, where, "must be a map (id, name, group, description)");
      continue;
    }
    r.OnlyKeys(c, where, {"id", "name", "group", "description"});
    sp::Component comp{Text(c["id"]), Text(c["name"]), Text(c["group"]), Text(c["description"])};
    if (!GoodId(comp.id)) {
      r.Fail(c["id"].IsDefined() ? c["id"] : c, where + ".id",
             "must be 1 to 64 lower-case letters, digits, '-' or '_' (it is in the page's URLs)");
      continue;
    }
    if (!seen.insert(comp.id).second) {
      r.Fail(c["id"], where + ".id", "'" + comp.id + "' is listed twice");
      continue;
    }
    if (comp.name.empty()) comp.name = comp.id;
    components.push_back(std::move(comp));
  }
  if (components.empty() && r.problems.empty())
    r.Fail(list, "status_page.components", "lists no component");
  if (!components.empty()) out.page.rules.components = std::move(components);
}

template <typename T>
void ReadSeverityMap(YamlReader& r, const YAML::Node& m, const std::string& where,
                     std::map<core::Severity, T>& out, Result<T> (*parse)(std::string_view)) {
  if (!IsMap(m)) {
    r.Fail(m, where, "must be a map from severity (P0 ... P3) to a value");
    return;
  }
  for (auto it = m.begin(); it != m.end(); ++it) {
    std::string key = it->first.as<std::string>("");
    auto sev = core::ParseSeverity(key);
    if (!sev.ok()) {
      r.Fail(it->first, where + "." + key, sev.error().message);
      continue;
    }
    auto v = parse(Text(it->second));
    if (!v.ok()) {
      r.Fail(it->second, where + "." + key, v.error().message);
      continue;
    }
    out[*sev] = *v;
  }
}

void ReadLinks(YamlReader& r, const YAML::Node& list, StatusPageConfig& out) {
  if (!IsList(list)) {
    r.Fail(list, "status_page.links", "must be a list of {name, url}");
    return;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string where = "status_page.links[" + std::to_string(i) + "]";
    const YAML::Node l = list[i];
    if (!IsMap(l)) {
      r.Fail(l, where, "must be a map (name, url)");
      continue;
    }
    r.OnlyKeys(l, where, {"name", "url"});
    sp::Link link{Text(l["name"]), Text(l["url"])};
    if (link.name.empty() || !IsHttpUrl(link.url)) {
      r.Fail(l, where, "needs a name and an http:// or https:// url");
      continue;
    }
    out.page.links.push_back(std::move(link));
  }
}

}  // namespace

StatusPageConfig LoadStatusPageConfig(const std::string& text, const std::string& file) {
  StatusPageConfig out;
  YamlReader r{file, out.problems};
  auto root = ParseYaml(text, file, out.problems);
  if (!root || !root->IsMap()) return out;
  const YAML::Node page = (*root)["status_page"];
  if (!page.IsDefined()) return out;
  if (!IsMap(page)) {
    r.Fail(page, "status_page", "must be a map (name, url, components, ...)");
    return out;
  }
  r.OnlyKeys(page, "status_page",
             {"name", "url", "logo_url", "time_zone", "links", "history_days", "components",
              "severity_status", "severity_impact", "restricted_incident_name", "subscribers"});
  if (page["name"].IsDefined()) out.page.name = Text(page["name"]);
  if (out.page.name.empty()) {
    r.Fail(page["name"], "status_page.name", "must not be empty");
    out.page.name = "Status";
  }
  for (const char* key : {"url", "logo_url"}) {
    if (!page[key].IsDefined()) continue;
    std::string v = Text(page[key]);
    if (!IsHttpUrl(v))
      r.Fail(page[key], std::string("status_page.") + key, "must be an http:// or https:// URL");
    else
      (std::string(key) == "url" ? out.page.url : out.page.logo_url) = v;
  }
  while (!out.page.url.empty() && out.page.url.back() == '/') out.page.url.pop_back();
  if (page["time_zone"].IsDefined()) {
    std::string zone = Text(page["time_zone"]);
    if (auto tz = LoadTimeZone(zone); tz.ok()) {
      out.page.time_zone = zone;
      out.page.zone = *tz;
    } else {
      r.Fail(page["time_zone"], "status_page.time_zone", tz.error().message);
    }
  }
  if (page["restricted_incident_name"].IsDefined()) {
    std::string v = Text(page["restricted_incident_name"]);
    if (v.empty() || v.size() > 100)
      r.Fail(page["restricted_incident_name"], "status_page.restricted_incident_name",
             "must be 1 to 100 characters");
    else
      out.page.rules.restricted_name = v;
  }
  if (page["history_days"].IsDefined()) {
    int days = page["history_days"].as<int>(0);
    if (days < 1 || days > 366)
      r.Fail(page["history_days"], "status_page.history_days", "must be 1 to 366 days");
    else
      out.page.history_days = days;
  }
  if (page["links"].IsDefined()) ReadLinks(r, page["links"], out);
  if (page["components"].IsDefined()) ReadComponents(r, page["components"], out);
  if (page["severity_status"].IsDefined())
    ReadSeverityMap<sp::ComponentStatus>(r, page["severity_status"], "status_page.severity_status",
                                         out.page.rules.component_status, sp::ParseComponentStatus);
  if (page["severity_impact"].IsDefined())
    ReadSeverityMap<sp::Impact>(r, page["severity_impact"], "status_page.severity_impact",
                                out.page.rules.impact, sp::ParseImpact);
  return out;
}

}  // namespace warroom::config
