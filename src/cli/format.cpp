#include "cli/format.hpp"

#include <cstdio>
#include <sstream>

namespace warroom::cli {

namespace json = boost::json;

namespace {

void Hex(std::string& out, unsigned char c) {
  static constexpr char kDigits[] = "0123456789abcdef";
  out += "\\x";
  out += kDigits[c >> 4];
  out += kDigits[c & 0xF];
}

// The length of the valid UTF-8 sequence at s[i], or 0.
std::size_t Utf8Length(std::string_view s, std::size_t i, char32_t& cp) {
  auto b = static_cast<unsigned char>(s[i]);
  std::size_t n = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0;
  if (b >= 0xF5 || n == 0 || i + n > s.size()) return 0;
  cp = n == 2 ? b & 0x1F : n == 3 ? b & 0x0F : b & 0x07;
  for (std::size_t k = 1; k < n; ++k) {
    auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (c & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return n;
}

// C1 controls, line and paragraph separators, and the bidirectional
// embeddings, overrides and isolates (which reorder what follows them).
bool Hidden(char32_t cp) {
  return (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x061C ||
         cp == 0x200E || cp == 0x200F;
}

}  // namespace

std::string Printable(std::string_view s, bool keep_newlines) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c == '\n' && keep_newlines) {
        out += '\n';
      } else if (c == '\t' && keep_newlines) {
        out += '\t';
      } else if (c == '\n') {
        out += "\\n";
      } else if (c == '\r') {
        out += "\\r";
      } else if (c == '\t') {
        out += "\\t";
      } else if (c < 0x20 || c == 0x7F) {
        Hex(out, c);
      } else {
        out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    char32_t cp = 0;
    std::size_t n = Utf8Length(s, i, cp);
    if (n == 0) {
      Hex(out, c);
      ++i;
    } else if (Hidden(cp)) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "\\u{%04X}", static_cast<unsigned>(cp));
      out += buf;
      i += n;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string Decimal(double v, int max_decimals) {
  char buf[400];
  std::snprintf(buf, sizeof buf, "%.*f", max_decimals, v);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s == "-0" ? "0" : s;
}

std::string Percent(double share) {
  if (share > 0 && share < 0.005) return "<0.01";
  if (share < 100 && share > 99.995) return ">99.99";
  return Decimal(share, 2);
}

std::string Text(const json::value* v) {
  if (!v || v->is_null()) return "-";
  if (v->is_string()) return Printable(v->as_string());
  if (v->is_bool()) return v->as_bool() ? "yes" : "no";
  if (v->is_double()) return Decimal(v->as_double(), 6);
  return Printable(json::serialize(*v));
}

std::string MultilineText(const json::value* v) {
  if (v && v->is_string()) return Printable(v->as_string(), true);
  return Text(v);
}

namespace {

std::string Field(const json::object& o, std::string_view k) { return Text(o.if_contains(k)); }

const json::object& Obj(const json::object& o, std::string_view k) {
  static const json::object kEmpty;
  auto* v = o.if_contains(k);
  return v && v->is_object() ? v->as_object() : kEmpty;
}

const json::array& Arr(const json::object& o, std::string_view k) {
  static const json::array kEmpty;
  auto* v = o.if_contains(k);
  return v && v->is_array() ? v->as_array() : kEmpty;
}

std::string Join(const json::array& a) {
  std::string out;
  for (const auto& v : a) {
    if (!out.empty()) out += ", ";
    out += Text(&v);
  }
  return out.empty() ? "-" : out;
}

// "1840 customers (12.3%)", "1840 customers", "12.3% of customers", or
// "customers -" when neither is known.
std::string Customers(const json::object& impact) {
  std::string count = Field(impact, "customers_affected");
  auto* pct = impact.if_contains("customers_affected_pct");
  std::string share = pct && pct->is_number() ? Percent(pct->to_number<double>()) + "%" : "";
  if (count == "-") return share.empty() ? "customers -" : share + " of customers";
  return count + " customers" + (share.empty() ? "" : " (" + share + ")");
}

}  // namespace

std::string Table(const std::vector<std::string>& header,
                  const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> w(header.size());
  for (std::size_t i = 0; i < header.size(); ++i) w[i] = header[i].size();
  for (const auto& r : rows)
    for (std::size_t i = 0; i < r.size() && i < w.size(); ++i) w[i] = std::max(w[i], r[i].size());
  std::ostringstream out;
  auto line = [&](const std::vector<std::string>& r) {
    for (std::size_t i = 0; i < w.size(); ++i) {
      std::string cell = i < r.size() ? r[i] : "";
      out << cell;
      if (i + 1 < w.size()) out << std::string(w[i] - cell.size() + 2, ' ');
    }
    out << '\n';
  };
  line(header);
  for (const auto& r : rows) line(r);
  return out.str();
}

std::string FormatIncidentLine(const json::object& o) {
  return Field(o, "id") + "  " + Field(o, "severity") + "  " + Field(o, "status") + "  " +
         Field(o, "summary") + "\n";
}

std::string FormatIncident(const json::object& o) {
  std::ostringstream out;
  out << Field(o, "id") << "  " << Field(o, "severity") << " (" << Field(o, "severity_alias")
      << ")  " << Field(o, "status") << "\n";
  out << "Summary:      " << Field(o, "summary") << "\n";
  out << "Visibility:   " << Field(o, "visibility") << "   Source: " << Field(o, "source") << "\n";
  out << "Detected:     " << Field(o, "detected_at") << "\n";
  out << "Declared:     " << Field(o, "declared_at") << " by " << Field(o, "declared_by") << "\n";
  out << "Acknowledged: " << Field(o, "acknowledged_at") << "\n";
  const auto& rc = Obj(o, "root_cause");
  if (!rc.empty())
    out << "Root cause:   " << Field(rc, "summary") << " [" << Field(rc, "category") << "] at "
        << Field(rc, "identified_at") << "\n";
  if (Field(o, "mitigated_at") != "-")
    out << "Mitigated:    " << Field(o, "mitigated_at") << ": " << Field(o, "mitigation") << "\n";
  if (Field(o, "resolved_at") != "-")
    out << "Resolved:     " << Field(o, "resolved_at") << ": " << Field(o, "resolution") << "\n";
  const auto& roles = Obj(o, "roles");
  out << "Roles:        IC " << Field(roles, "incident-commander") << ", TL "
      << Field(roles, "technical-lead") << ", CL " << Field(roles, "communications-lead")
      << ", Scribe " << Field(roles, "scribe") << "\n";
  out << "Responders:   " << Join(Arr(o, "responders")) << "\n";
  const auto& impact = Obj(o, "impact");
  out << "Impact:       " << Customers(impact) << ", components "
      << Join(Arr(impact, "affected_components")) << ", since " << Field(impact, "impact_start")
      << "\n";
  for (const auto& g : Arr(o, "alert_groups")) {
    const auto& go = g.as_object();
    out << "Alerts:       " << Field(go, "integration") << " " << Field(go, "summary") << " ("
        << (go.contains("firing") && go.at("firing").is_bool() && go.at("firing").as_bool()
                ? "firing"
                : "resolved")
        << "; warroom alerts --incident " << Field(o, "id") << ")\n";
  }
  std::vector<std::vector<std::string>> clocks;
  for (const auto& c : Arr(o, "clocks")) {
    const auto& co = c.as_object();
    std::string status = Field(co, "status");
    if (co.if_contains("retroactive") && co.at("retroactive").as_bool()) status += " (retroactive)";
    clocks.push_back(
        {Field(co, "clock"), status, Field(co, "due_at"), Field(co, "met_at"), Field(co, "note")});
  }
  out << "\nClocks (as of " << Field(o, "as_of") << ")\n"
      << Table({"CLOCK", "STATUS", "DUE", "MET", "NOTE"}, clocks);
  std::vector<std::vector<std::string>> metrics;
  const auto& m = Obj(o, "metrics");
  for (const char* k :
       {"mttd", "mtta", "mtti", "mttm", "mttr", "impact_duration", "incident_duration"}) {
    const auto& mo = Obj(m, k);
    std::string v = Field(mo, "text");
    std::string target = "-";
    if (auto* t = mo.if_contains("target_seconds"); t && t->is_number()) {
      target = "< " + std::to_string(t->to_number<long long>() / 60) + " min";
      std::string within = Field(mo, "within_target");
      if (within != "-") target += within == "yes" ? " (met)" : " (missed)";
    }
    metrics.push_back({k, v == "-" ? "undefined: " + Field(mo, "undefined_reason") : v, target});
  }
  out << "\nMetrics\n" << Table({"METRIC", "VALUE", "TARGET"}, metrics);
  const auto& tasks = Arr(o, "tasks");
  if (!tasks.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& t : tasks) {
      const auto& to = t.as_object();
      rows.push_back({Field(to, "id"), Field(to, "done") == "yes" ? "done" : "open",
                      Field(to, "assignee"), Field(to, "title")});
    }
    out << "\nTasks\n" << Table({"#", "STATE", "ASSIGNEE", "TITLE"}, rows);
  }
  return out.str();
}

std::string FormatIncidentList(const json::object& page) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& v : Arr(page, "items")) {
    const auto& o = v.as_object();
    rows.push_back({Field(o, "id"), Field(o, "severity"), Field(o, "status"),
                    Field(o, "declared_at"), Field(o, "summary")});
  }
  if (rows.empty()) return "No incidents match.\n";
  return Table({"ID", "SEV", "STATUS", "DECLARED", "SUMMARY"}, rows);
}

std::string FormatTimeline(const json::object& t) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& v : Arr(t, "events")) {
    const auto& e = v.as_object();
    // JSON escapes C0 controls; Printable the rest (DEL, C1, bidi).
    std::string detail = Printable(json::serialize(Obj(e, "payload")));
    if (detail.size() > 100) {
      std::size_t cut = 97;
      while (cut > 0 && (static_cast<unsigned char>(detail[cut]) & 0xC0) == 0x80) --cut;
      detail = detail.substr(0, cut) + "...";
    }
    rows.push_back({Field(e, "seq"), Field(e, "occurred_at"), Field(Obj(e, "actor"), "id"),
                    Field(e, "type"), detail});
  }
  return Table({"SEQ", "OCCURRED", "ACTOR", "EVENT", "DETAIL"}, rows);
}

std::string FormatPolicy(const json::object& p) {
  std::ostringstream out;
  out << "Policy " << Field(p, "version") << "\n\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& v : Arr(p, "severities")) {
    const auto& l = v.as_object();
    std::string ack = "-";
    const auto& a = Obj(l, "acknowledge");
    if (a.contains("within")) ack = "<" + Field(a, "within");
    if (a.contains("by")) ack = "next business day";
    std::string page = Join(Arr(l, "page"));
    if (Field(l, "chat_notification") == "yes") page = "chat notification";
    std::string customer = "-";
    const auto& c = Obj(l, "customer_communication");
    if (c.contains("within")) customer = "within " + Field(c, "within");
    if (c.contains("when_customers_over"))
      customer = "if >" + Field(c, "when_customers_over") + " customers";
    if (c.contains("direct_to_affected")) customer = "direct to affected";
    const auto& pir = Obj(l, "post_incident_review");
    std::string pirs = pir.contains("within")     ? "within " + Field(pir, "within")
                       : pir.contains("optional") ? "optional"
                                                  : "-";
    rows.push_back({Field(l, "severity") + "/" + Field(l, "alias"), Field(l, "name"),
                    Field(l, "time_basis"), ack, page, Field(l, "update_cadence"), customer,
                    Join(Arr(l, "executive_notification")),
                    Field(Obj(l, "target_resolution"), "max"), pirs});
  }
  out << Table({"SEVERITY", "NAME", "TIME", "ACK", "PAGE", "UPDATES", "CUSTOMERS", "EXECUTIVES",
                "RESOLVE BY", "PIR"},
               rows);
  const auto& b = Obj(p, "business_hours");
  out << "\nBusiness hours: " << Field(b, "start") << "-" << Field(b, "end") << " "
      << Field(b, "time_zone") << ", days " << Join(Arr(b, "days")) << "\n";
  out << "Root-cause categories: " << Join(Arr(p, "root_cause_categories")) << "\n";
  return out.str();
}

}  // namespace warroom::cli
