#include "engine/alert_rows.hpp"

#include "base/text.hpp"

namespace warroom::engine {

namespace {

// {"name":"value",...} as json::serialize writes an object of strings.
template <class Each>
std::string JsonObject(std::size_t n, Each each) {
  std::string out = "{";
  for (std::size_t i = 0; i < n; ++i) {
    if (i) out += ',';
    auto [name, value, structured] = each(i);
    AppendJsonString(out, name);
    out += ':';
    if (structured)
      out += value;
    else
      AppendJsonString(out, value);
  }
  out += '}';
  return out;
}

}  // namespace

store::AlertRecord AlertRow(const core::Alert& a, const std::string& integration, TimePoint now) {
  store::AlertRecord r;
  r.integration = integration;
  r.alert_key = a.key;
  r.status = a.status;
  r.group_key = a.group_key;
  r.summary = a.summary;
  r.labels = JsonObject(a.labels.size(), [&](std::size_t i) {
    return std::tuple<const std::string&, const std::string&, bool>(a.labels[i].first,
                                                                    a.labels[i].second, false);
  });
  r.annotations = JsonObject(a.annotations.size(), [&](std::size_t i) {
    const core::Annotation& x = a.annotations[i];
    return std::tuple<const std::string&, const std::string&, bool>(x.name, x.value, x.structured);
  });
  r.source_url = a.source_url;
  r.starts_at = a.starts_at;
  r.ends_at = a.ends_at;
  r.first_seen = r.last_seen = now;
  r.match_open = a.match_open;
  return r;
}

core::Labels LabelsForRouting(const core::LabelPairs& labels) {
  core::Labels out;
  for (const auto& [k, v] : labels) out[k] = v;
  return out;
}

core::Labels LabelsForRouting(const core::Annotations& annotations) {
  core::Labels out;
  for (const auto& a : annotations) out[a.name] = a.value;
  return out;
}

}  // namespace warroom::engine
