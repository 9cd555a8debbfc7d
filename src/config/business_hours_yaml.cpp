#include "config/business_hours_yaml.hpp"

#include <algorithm>
#include <cstdio>

namespace warroom::config {

using namespace core;

namespace {

constexpr std::string_view kDayNames[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

void Minutes(PolicyReader& r, const YAML::Node& n, const std::string& key,
             std::chrono::minutes& out) {
  std::string s;
  if (!r.String(n, key, s)) return;
  int h = -1, m = -1;
  char extra;
  if (std::sscanf(s.c_str(), "%d:%d%c", &h, &m, &extra) != 2 || h < 0 || h > 24 || m < 0 ||
      m > 59) {
    r.Fail(n, key, "must be a time of day such as \"09:00\"");
    return;
  }
  out = std::chrono::minutes(h * 60 + m);
}

void Days(PolicyReader& r, const YAML::Node& d, std::vector<unsigned>& days) {
  std::vector<std::string> names;
  r.Strings(d, "business_hours.days", names);
  days.clear();
  for (const auto& name : names) {
    auto it = std::find(std::begin(kDayNames), std::end(kDayNames), name);
    if (it == std::end(kDayNames))
      r.Fail(d, "business_hours.days", "'" + name + "' is not a day: use mon, tue, ...");
    else
      days.push_back(static_cast<unsigned>(it - std::begin(kDayNames)));
  }
}

void Holidays(PolicyReader& r, const YAML::Node& h,
              std::vector<std::chrono::year_month_day>& holidays) {
  std::vector<std::string> days;
  r.Strings(h, "business_hours.holidays", days);
  holidays.clear();
  for (const auto& s : days) {
    int y = 0;
    unsigned mo = 0, d = 0;
    char extra;
    std::chrono::year_month_day ymd{};
    if (std::sscanf(s.c_str(), "%d-%u-%u%c", &y, &mo, &d, &extra) == 3)
      ymd = std::chrono::year_month_day{std::chrono::year(y), std::chrono::month(mo),
                                        std::chrono::day(d)};
    if (!ymd.ok())
      r.Fail(h, "business_hours.holidays", "'" + s + "' is not a date such as 2026-12-25");
    else
      holidays.push_back(ymd);
  }
}

std::string Hhmm(std::chrono::minutes m) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", int(m.count() / 60), int(m.count() % 60));
  return buf;
}

}  // namespace

void ReadBusinessHours(PolicyReader& r, const YAML::Node& n, BusinessHours& b) {
  const std::string where = "business_hours";
  if (!n.IsMap()) {
    r.Fail(n, where, "must be a map");
    return;
  }
  r.ExpectKeys(n, where, {"time_zone", "days", "start", "end", "holidays"});
  r.String(n["time_zone"], "business_hours.time_zone", b.time_zone);
  if (auto d = n["days"]; d.IsDefined()) Days(r, d, b.days);
  Minutes(r, n["start"], "business_hours.start", b.start);
  Minutes(r, n["end"], "business_hours.end", b.end);
  if (auto h = n["holidays"]; h.IsDefined()) Holidays(r, h, b.holidays);
}

void WriteBusinessHours(std::ostream& o, const BusinessHours& b) {
  o << "business_hours:\n  time_zone: " << Quote(b.time_zone) << "\n  days: [";
  for (std::size_t i = 0; i < b.days.size(); ++i) o << (i ? ", " : "") << kDayNames[b.days[i]];
  o << "]\n  start: \"" << Hhmm(b.start) << "\"\n  end: \"" << Hhmm(b.end) << "\"\n";
  o << "  holidays: [";
  for (std::size_t i = 0; i < b.holidays.size(); ++i) {
    const auto& h = b.holidays[i];
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(h.year()), unsigned(h.month()),
                  unsigned(h.day()));
    o << (i ? ", " : "") << buf;
  }
  o << "]\n";
}

}  // namespace warroom::config
