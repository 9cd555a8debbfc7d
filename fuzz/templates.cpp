// The communication templates (notify/templates.*): the template text an
// operator writes and the incident data it renders. The first byte chooses:
//   0: the rest is a templates file (LoadOverrides); when it loads, every
//      template renders.
//   1: the rest is one template's text and the incident it renders: a text
//      ValidateTemplate accepts loads from a file and renders, whatever the
//      incident and its event's fields hold; so does one built-in template,
//      chosen by the input (rendering all of them for every input made this
//      the slowest harness, and over millions of inputs each is chosen often
//      enough).
// Never a crash; a template accepted once is accepted by the file reader too.
#include <fuzzer/FuzzedDataProvider.h>
#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/severity/policy.hpp"
#include "fuzz_check.hpp"
#include "notify/template_context.hpp"
#include "notify/templates.hpp"

using namespace warroom;

namespace {

std::string Text(FuzzedDataProvider& in) { return in.ConsumeRandomLengthString(200); }

std::optional<TimePoint> Time(FuzzedDataProvider& in) {
  if (!in.ConsumeBool()) return std::nullopt;
  // 2000-01-01 to 2100-01-01, as the API bounds every time it takes.
  return FromMicros(in.ConsumeIntegralInRange<std::int64_t>(946684800000000, 4102444800000000));
}

core::IncidentState Incident(FuzzedDataProvider& in) {
  core::IncidentState s;
  s.id = Text(in);
  s.declared = true;
  s.severity = static_cast<core::Severity>(in.ConsumeIntegralInRange<int>(0, 3));
  s.status = static_cast<core::Status>(in.ConsumeIntegralInRange<int>(0, 5));
  s.summary = Text(in);
  s.declared_at = Time(in).value_or(fuzz::Now());
  s.detected_at = Time(in);
  s.mitigated_at = Time(in);
  s.resolved_at = Time(in);
  for (core::Role r : core::kAllRoles)
    if (in.ConsumeBool()) s.roles[r] = Text(in);
  for (int n = in.ConsumeIntegralInRange<int>(0, 4); n > 0; --n) s.responders.push_back(Text(in));
  for (int n = in.ConsumeIntegralInRange<int>(0, 4); n > 0; --n)
    s.impact.affected_components.push_back(Text(in));
  if (in.ConsumeBool()) s.impact.customers_affected = in.ConsumeIntegral<std::int64_t>();
  if (in.ConsumeBool()) s.impact.customers_affected_pct = in.ConsumeFloatingPoint<double>();
  s.impact.workaround = Text(in);
  s.impact.eta = Time(in);
  s.impact.revenue_impact = Text(in);
  if (in.ConsumeBool()) {
    s.root_cause = core::RootCause{};
    s.root_cause->summary = Text(in);
    s.root_cause->category = Text(in);
  }
  s.mitigation = Text(in);
  s.resolution = Text(in);
  if (in.ConsumeBool()) s.links.push_back(core::Link{"war-room", Text(in), ""});
  s.pir_url = Text(in);
  return s;
}

void RenderOne(const notify::TemplateSet& set, const std::string& name,
               const engine::RenderInput& input) {
  auto m = set.Render(name, input);
  FUZZ_CHECK(m.ok());
  FUZZ_CHECK(m->template_name == name);
}

void RenderAll(const notify::TemplateSet& set, const core::IncidentState& s,
               std::optional<TimePoint> next_update) {
  engine::RenderInput input{&s, &core::DefaultPolicy(), fuzz::Now(), next_update};
  for (const auto& name : set.Names()) RenderOne(set, name, input);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  if (in.ConsumeIntegralInRange<int>(0, 1) == 0) {
    notify::TemplateSet set;
    std::string file = in.ConsumeRemainingBytesAsString();
    auto problems = set.LoadOverrides(file, "templates.yaml");
    for (const auto& p : problems) FUZZ_CHECK(!p.message.empty());
    if (problems.empty()) {
      core::IncidentState s;
      s.declared_at = fuzz::Now();
      RenderAll(set, s, fuzz::Now());
    }
    return 0;
  }
  std::string body = in.ConsumeRandomLengthString(4096);
  core::IncidentState s = Incident(in);
  std::optional<TimePoint> next_update = Time(in);
  std::map<std::string, std::string> event_fields;
  for (const auto& field : notify::EventFields())
    if (in.ConsumeBool()) event_fields[field] = Text(in);
  if (!notify::ValidateTemplate(body, "templates.yaml", 1, "body").empty() || body.empty())
    return 0;
  YAML::Emitter out;
  out << YAML::BeginMap << YAML::Key << "templates" << YAML::Value << YAML::BeginMap << YAML::Key
      << "fuzz" << YAML::Value << YAML::BeginMap << YAML::Key << "body" << YAML::Value
      << YAML::Literal << body << YAML::EndMap << YAML::EndMap << YAML::EndMap;
  // Only a text YAML carries unchanged (a literal block keeps no trailing
  // blanks, nor some control characters) is the same template in a file.
  if (!out.good()) return 0;
  try {
    if (YAML::Load(out.c_str())["templates"]["fuzz"]["body"].as<std::string>() != body) return 0;
  } catch (const YAML::Exception&) {
    return 0;
  }
  notify::TemplateSet set;
  auto problems = set.LoadOverrides(out.c_str(), "templates.yaml");
  for (const auto& p : problems) std::fprintf(stderr, "%s\n", p.ToString().c_str());
  FUZZ_CHECK(problems.empty());
  engine::RenderInput input{&s, &core::DefaultPolicy(), fuzz::Now(), next_update,
                            std::move(event_fields)};
  RenderOne(set, "fuzz", input);
  std::vector<std::string> names = set.Names();
  std::size_t pick =
      std::hash<std::string_view>{}(std::string_view(reinterpret_cast<const char*>(data), size));
  RenderOne(set, names[pick % names.size()], input);
  return 0;
}
