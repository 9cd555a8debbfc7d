#include "config/severity_level_yaml.hpp"

namespace warroom::config {

using namespace core;

namespace {

void ReadTimeBasis(PolicyReader& r, const YAML::Node& n, const std::string& k, TimeBasis& out) {
  std::string tb;
  if (!r.String(n, k, tb)) return;
  if (tb == "wall")
    out = TimeBasis::kWall;
  else if (tb == "business")
    out = TimeBasis::kBusiness;
  else
    r.Fail(n, k, "must be wall or business");
}

void ReadAcknowledge(PolicyReader& r, const YAML::Node& a, const std::string& k, Deadline& out) {
  if (PolicyReader::IsNone(a))
    out = Deadline::None();
  else if (a.IsScalar() && a.as<std::string>() == "close-of-next-business-day")
    out = Deadline::CloseOfNextBusinessDay();
  else if (Duration d; r.Dur(a, k, d))
    out = Deadline::Within(d);
}

void ReadCustomerCommunication(PolicyReader& r, const YAML::Node& c, const std::string& k,
                               CustomerCommunication& cc) {
  if (PolicyReader::IsNone(c)) {
    cc = {};
  } else if (c.IsScalar() && c.as<std::string>() == "direct-to-affected") {
    cc = {CustomerCommunication::Kind::kDirectToAffected, {}, 0};
  } else if (c.IsMap()) {
    r.ExpectKeys(c, k, {"within", "when_customers_over"});
    if (c["within"].IsDefined()) {
      Duration d{};
      if (r.Dur(c["within"], PolicyReader::Join(k, "within"), d))
        cc = {CustomerCommunication::Kind::kWithin, d, 0};
    } else if (c["when_customers_over"].IsDefined()) {
      double v = 0;
      std::string key = PolicyReader::Join(k, "when_customers_over");
      r.Number(c["when_customers_over"], key, v);
      // A count of customers: whole, and within an int (a cast of anything
      // larger is undefined).
      if (!(v >= 0 && v <= 1e9) || v != static_cast<double>(static_cast<long long>(v))) {
        r.Fail(c["when_customers_over"], key,
               "must be a whole number of customers, 0 to 1000000000");
        v = 0;
      }
      cc = {CustomerCommunication::Kind::kWhenCustomersOver, {}, static_cast<int>(v)};
    } else {
      r.Fail(c, k, "give 'within' or 'when_customers_over'");
    }
  } else {
    r.Fail(c, k, "must be none, direct-to-affected, {within: 15m} or {when_customers_over: 10}");
  }
}

void ReadTargetResolution(PolicyReader& r, const YAML::Node& t, const std::string& k,
                          SeverityLevel& l) {
  if (!t.IsMap()) {
    r.Fail(t, k, "must be {min: 1h, max: 4h}");
    return;
  }
  r.ExpectKeys(t, k, {"min", "max"});
  r.Dur(t["min"], PolicyReader::Join(k, "min"), l.target_resolution_min);
  r.Dur(t["max"], PolicyReader::Join(k, "max"), l.target_resolution_max);
}

void ReadPir(PolicyReader& r, const YAML::Node& p, const std::string& k, PirRequirement& pir) {
  if (PolicyReader::IsNone(p)) {
    pir = {};
  } else if (p.IsScalar() && p.as<std::string>() == "optional") {
    pir = {PirRequirement::Kind::kOptional, {}};
  } else if (p.IsMap()) {
    r.ExpectKeys(p, k, {"within"});
    Duration d{};
    if (r.Dur(p["within"], PolicyReader::Join(k, "within"), d))
      pir = {PirRequirement::Kind::kMandatory, d};
  } else {
    r.Fail(p, k, "must be none, optional or {within: 48h}");
  }
}

std::string AcknowledgeText(const Deadline& a) {
  if (a.kind == Deadline::Kind::kNone) return "none";
  if (a.kind == Deadline::Kind::kCloseOfNextBusinessDay) return "close-of-next-business-day";
  return FormatDuration(a.within);
}

std::string CustomerCommunicationText(const CustomerCommunication& c) {
  switch (c.kind) {
    case CustomerCommunication::Kind::kNone:
      return "none";
    case CustomerCommunication::Kind::kWithin:
      return "{within: " + FormatDuration(c.within) + "}";
    case CustomerCommunication::Kind::kWhenCustomersOver:
      return "{when_customers_over: " + std::to_string(c.customers_over) + "}";
    case CustomerCommunication::Kind::kDirectToAffected:
      return "direct-to-affected";
  }
  return "";
}

std::string PirText(const PirRequirement& pir) {
  switch (pir.kind) {
    case PirRequirement::Kind::kNone:
      return "none";
    case PirRequirement::Kind::kOptional:
      return "optional";
    case PirRequirement::Kind::kMandatory:
      return "{within: " + FormatDuration(pir.within) + "}";
  }
  return "";
}

}  // namespace

void ReadSeverityLevel(PolicyReader& r, const YAML::Node& n, const std::string& where,
                       SeverityLevel& l) {
  if (!n.IsMap()) {
    r.Fail(n, where, "must be a map of the level's requirements");
    return;
  }
  auto key = [&](const char* k) { return PolicyReader::Join(where, k); };
  r.ExpectKeys(n, where,
               {"name", "definition", "examples", "impact", "time_basis", "acknowledge", "page",
                "chat_notification", "update_cadence", "customer_communication",
                "executive_notification", "target_resolution", "post_incident_review"});
  r.String(n["name"], key("name"), l.name);
  r.String(n["definition"], key("definition"), l.definition);
  r.Strings(n["examples"], key("examples"), l.examples);
  r.Strings(n["impact"], key("impact"), l.impact);
  ReadTimeBasis(r, n["time_basis"], key("time_basis"), l.time_basis);
  if (auto a = n["acknowledge"]; a.IsDefined())
    ReadAcknowledge(r, a, key("acknowledge"), l.acknowledge);
  r.Strings(n["page"], key("page"), l.page_groups);
  if (auto c = n["chat_notification"]; c.IsDefined()) {
    try {
      l.chat_notification = c.as<bool>();
    } catch (const YAML::Exception&) {
      r.Fail(c, key("chat_notification"), "must be true or false");
    }
  }
  if (auto u = n["update_cadence"]; u.IsDefined()) {
    if (PolicyReader::IsNone(u))
      l.update_cadence.reset();
    else if (Duration d; r.Dur(u, key("update_cadence"), d))
      l.update_cadence = d;
  }
  if (auto c = n["customer_communication"]; c.IsDefined())
    ReadCustomerCommunication(r, c, key("customer_communication"), l.customer_communication);
  r.Strings(n["executive_notification"], key("executive_notification"), l.executive_notification);
  if (auto t = n["target_resolution"]; t.IsDefined())
    ReadTargetResolution(r, t, key("target_resolution"), l);
  if (auto p = n["post_incident_review"]; p.IsDefined())
    ReadPir(r, p, key("post_incident_review"), l.pir);
}

void WriteSeverityLevel(std::ostream& o, const SeverityLevel& l) {
  o << "  " << SeverityName(l.severity) << ":  # " << SeverityAlias(l.severity) << "\n";
  o << "    name: " << Quote(l.name) << "\n";
  o << "    definition: " << Quote(l.definition) << "\n";
  o << "    examples: " << List(l.examples) << "\n";
  o << "    impact: " << List(l.impact) << "\n";
  o << "    time_basis: " << (l.time_basis == TimeBasis::kWall ? "wall" : "business") << "\n";
  o << "    acknowledge: " << AcknowledgeText(l.acknowledge) << "\n";
  o << "    page: " << List(l.page_groups) << "\n";
  o << "    chat_notification: " << (l.chat_notification ? "true" : "false") << "\n";
  o << "    update_cadence: " << (l.update_cadence ? FormatDuration(*l.update_cadence) : "none")
    << "\n";
  o << "    customer_communication: " << CustomerCommunicationText(l.customer_communication);
  o << "\n    executive_notification: " << List(l.executive_notification) << "\n";
  o << "    target_resolution: {min: " << FormatDuration(l.target_resolution_min)
    << ", max: " << FormatDuration(l.target_resolution_max) << "}\n";
  o << "    post_incident_review: " << PirText(l.pir) << "\n";
}

}  // namespace warroom::config
