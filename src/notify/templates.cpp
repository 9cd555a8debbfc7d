#include "notify/templates.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <kainjow/mustache.hpp>
#include <optional>

#include "config/yaml_reader.hpp"
#include "notify/builtin_templates.hpp"
#include "notify/template_context.hpp"

namespace warroom::notify {

namespace mustache = kainjow::mustache;
using namespace core;

namespace {

int LineAt(const std::string& s, std::size_t pos) {
  return static_cast<int>(std::count(s.begin(), s.begin() + static_cast<long>(pos), '\n'));
}

std::string Trim(std::string s) {
  auto b = s.find_first_not_of(" \t");
  auto e = s.find_last_not_of(" \t");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

}  // namespace

std::vector<std::string> TemplateFields() {
  std::vector<std::string> out(IncidentFields().begin(), IncidentFields().end());
  out.insert(out.end(), EventFields().begin(), EventFields().end());
  for (const auto& [list, items] : ListFields()) {
    out.push_back(list);
    for (const auto& i : items) out.push_back(list + "." + i);
  }
  return out;
}

std::vector<config::Problem> ValidateTemplate(const std::string& body, const std::string& file,
                                              int first_line, const std::string& key) {
  std::vector<config::Problem> problems;
  std::vector<std::string> sections;
  auto fail = [&](std::size_t pos, std::string msg) {
    problems.push_back(config::Problem{file, first_line + LineAt(body, pos), key, std::move(msg)});
  };
  std::size_t pos = 0;
  while ((pos = body.find("{{", pos)) != std::string::npos) {
    bool triple = body.compare(pos, 3, "{{{") == 0;
    std::size_t close = body.find(triple ? "}}}" : "}}", pos);
    if (close == std::string::npos) {
      fail(pos, "a tag is not closed with }}");
      break;
    }
    std::string tag = body.substr(pos + (triple ? 3 : 2), close - pos - (triple ? 3 : 2));
    std::size_t at = pos;
    pos = close + (triple ? 3 : 2);
    if (tag.empty()) continue;
    char sigil = tag[0];
    if (sigil == '!') continue;
    if (sigil == '=' || sigil == '>') {
      fail(at, std::string(sigil == '=' ? "changing delimiters" : "partials") +
                   " is not supported in templates");
      continue;
    }
    std::string name = Trim(std::string(
        sigil == '#' || sigil == '^' || sigil == '/' || sigil == '&' ? tag.substr(1) : tag));
    if (sigil == '/') {
      if (sections.empty() || sections.back() != name) {
        fail(at, "{{/" + name + "}} closes a section that is not open");
      } else {
        sections.pop_back();
      }
      continue;
    }
    bool known = IncidentFields().count(name) || EventFields().count(name) ||
                 ListFields().count(name) || name == ".";
    for (const auto& open : sections) {
      auto it = ListFields().find(open);
      if (it != ListFields().end() && it->second.count(name)) known = true;
    }
    if (!known) fail(at, "unknown field '" + name + "' (see docs/templates.md for the fields)");
    if (sigil == '#' || sigil == '^') sections.push_back(name);
  }
  if (!sections.empty()) fail(body.size(), "section {{#" + sections.back() + "}} is never closed");
  if (problems.empty()) {
    mustache::mustache m(body);
    if (!m.is_valid())
      problems.push_back(config::Problem{file, first_line, key, m.error_message()});
  }
  return problems;
}

TemplateSet::TemplateSet() {
  std::size_t n = 0;
  const TemplateSource* t = BuiltinTemplates(n);
  for (std::size_t i = 0; i < n; ++i)
    templates_[std::string(t[i].name)] =
        MessageTemplate{std::string(t[i].name), std::string(t[i].audience),
                        std::string(t[i].subject), std::string(t[i].body)};
}

std::vector<std::string> TemplateSet::Names() const {
  std::vector<std::string> out;
  for (const auto& [name, t] : templates_) out.push_back(name);
  return out;
}

namespace {

using Templates = std::map<std::string, MessageTemplate>;

// The file as a YAML map; nullopt, with the one problem, when it is not UTF-8,
// not YAML or not a map.
std::optional<YAML::Node> ParseOverrides(const std::string& text, const std::string& file,
                                         std::vector<config::Problem>& problems) {
  if (auto p = config::NotTextProblem(text, file)) {
    problems.push_back(*p);
    return std::nullopt;
  }
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    problems.push_back(
        config::Problem{file, static_cast<int>(e.mark.line) + 1, "", "not valid YAML: " + e.msg});
    return std::nullopt;
  }
  if (!root.IsMap()) {
    problems.push_back(config::Problem{file, 1, "", "the file must be a YAML map"});
    return std::nullopt;
  }
  return root;
}

// One field (`key`: `fv`) of template `where` into `mt`: its body, subject
// or audience, each checked.
void ReadTemplateField(const std::string& file, const std::string& where, const YAML::Node& key,
                       const YAML::Node& fv, MessageTemplate& mt,
                       std::vector<config::Problem>& problems) {
  std::string fk = key.as<std::string>("");
  // A block scalar's text starts on the line after its key.
  int fline = static_cast<int>(fv.Mark().line) + 1;
  if (!fv.IsScalar()) {
    problems.push_back(config::Problem{file, fline, where + "." + fk, "must be text"});
    return;
  }
  std::string value = fv.as<std::string>();
  if (fk == "body" || fk == "subject") {
    // A block scalar (body: |) starts on the line after its key.
    int first = fline + (fline == static_cast<int>(key.Mark().line) + 1 &&
                                 value.find('\n') != std::string::npos
                             ? 1
                             : 0);
    auto ps = ValidateTemplate(value, file, first, where + "." + fk);
    problems.insert(problems.end(), ps.begin(), ps.end());
    (fk == "body" ? mt.body : mt.subject) = value;
  } else if (fk == "audience") {
    if (!ParseAudience(value).ok())
      problems.push_back(
          config::Problem{file, fline, where + ".audience", ParseAudience(value).error().message});
    mt.audience = value;
  } else {
    problems.push_back(config::Problem{file, fline, where + "." + fk,
                                       "unknown key; expected body, subject or audience"});
  }
}

// One entry of `templates` (`key` its name's node): a new template or
// fields over a built-in one, into `templates`.
void ReadTemplate(const std::string& file, const YAML::Node& key, const YAML::Node& tv,
                  Templates& templates, std::vector<config::Problem>& problems) {
  std::string name = key.as<std::string>("");
  std::string where = "templates." + name;
  int tline = static_cast<int>(key.Mark().line) + 1;
  if (!tv.IsMap()) {
    problems.push_back(
        config::Problem{file, tline, where, "must be a map with body (and audience, subject)"});
    return;
  }
  MessageTemplate mt =
      templates.count(name) ? templates[name] : MessageTemplate{name, "internal", "", ""};
  for (auto f = tv.begin(); f != tv.end(); ++f)
    ReadTemplateField(file, where, f->first, f->second, mt, problems);
  if (mt.body.empty()) problems.push_back(config::Problem{file, tline, where, "needs a body"});
  templates[name] = mt;
}

// The sections of the config file that other readers own.
bool ReadElsewhere(const std::string& key) {
  // LoadDestinations (notify/destinations.cpp), LoadIngestConfig
  // (config/ingest_yaml.cpp) and LoadStatusPageConfig (config/status_page_yaml.cpp).
  return key == "destinations" || key == "routes" || key == "responders" || key == "people" ||
         key == "alert_routing" || key == "integrations" || key == "status_page";
}

}  // namespace

std::vector<config::Problem> TemplateSet::LoadOverrides(const std::string& text,
                                                        const std::string& file) {
  std::vector<config::Problem> problems;
  auto root = ParseOverrides(text, file, problems);
  if (!root) return problems;
  auto templates = templates_;
  std::string organisation = organisation_, support = support_contact_;
  for (auto it = root->begin(); it != root->end(); ++it) {
    std::string key = it->first.as<std::string>("");
    int line = static_cast<int>(it->first.Mark().line) + 1;
    const YAML::Node v = it->second;
    if (key == "organisation" && v.IsScalar()) {
      organisation = v.as<std::string>();
    } else if (key == "support_contact" && v.IsScalar()) {
      support = v.as<std::string>();
    } else if (key == "templates" && v.IsMap()) {
      for (auto t = v.begin(); t != v.end(); ++t)
        ReadTemplate(file, t->first, t->second, templates, problems);
    } else if (!ReadElsewhere(key)) {
      problems.push_back(config::Problem{
          file, line, key,
          "unknown key or wrong type; expected organisation, support_contact, "
          "templates (a map), destinations, routes, responders, people, alert_routing, "
          "integrations, status_page"});
    }
  }
  if (problems.empty()) {
    templates_ = std::move(templates);
    organisation_ = organisation;
    support_contact_ = support;
  }
  return problems;
}

namespace {

// The incident fields `src` shows outside every section whose value in
// `ctx` is empty, added to `out` once each. Inside a section a field is
// the template's own choice ({{#root_cause}}...); outside, an empty one
// leaves a hole in the sentence.
void AddEmptyFields(const std::string& src, const mustache::data& ctx,
                    std::vector<std::string>& out) {
  int depth = 0;
  std::size_t pos = 0;
  while ((pos = src.find("{{", pos)) != std::string::npos) {
    std::size_t end = src.find("}}", pos + 2);
    if (end == std::string::npos) return;
    std::string tag = src.substr(pos + 2, end - pos - 2);
    std::size_t next = end + 2;
    char sigil = tag.empty() ? ' ' : tag[0];
    if (sigil == '{') {
      tag.erase(0, 1);
      if (next < src.size() && src[next] == '}') ++next;
    } else if (sigil == '&') {
      tag.erase(0, 1);
    } else if (sigil == '#' || sigil == '^' || sigil == '/' || sigil == '!' || sigil == '>' ||
               sigil == '=') {
      if (sigil == '#' || sigil == '^') ++depth;
      if (sigil == '/') --depth;
      pos = next;
      continue;
    }
    pos = next;
    auto first = tag.find_first_not_of(' ');
    auto last = tag.find_last_not_of(' ');
    if (first == std::string::npos) continue;
    tag = tag.substr(first, last - first + 1);
    if (depth != 0 || !IncidentFields().count(tag)) continue;
    const mustache::data* v = ctx.get(tag);
    bool empty =
        !v || v->is_false() || v->is_empty_list() || (v->is_string() && v->string_value().empty());
    if (empty && std::find(out.begin(), out.end(), tag) == out.end()) out.push_back(tag);
  }
}

}  // namespace

Result<engine::RenderedMessage> TemplateSet::Render(std::string_view name,
                                                    const engine::RenderInput& in) const {
  auto it = templates_.find(std::string(name));
  if (it == templates_.end()) {
    std::string names;
    for (const auto& n : Names()) names += (names.empty() ? "" : ", ") + n;
    return Error::NotFound("no template '" + std::string(name) + "': use one of " + names);
  }
  const MessageTemplate& t = it->second;
  mustache::data ctx = TemplateContext(in, organisation_, support_contact_);
  auto render = [&](const std::string& src) {
    mustache::mustache m(src);
    m.set_custom_escape([](const std::string& s) { return s; });
    return m.render(ctx);
  };
  engine::RenderedMessage out{t.name, t.audience, render(t.subject), render(t.body), {}, {}};
  if (in.state) {
    AddEmptyFields(t.subject, ctx, out.empty_fields);
    AddEmptyFields(t.body, ctx, out.empty_fields);
  }
  return out;
}

}  // namespace warroom::notify
