#include "base/time.hpp"

#include <cctype>
#include <cstdio>
#include <vector>

namespace warroom {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

// Reads exactly `n` digits at `pos`; returns -1 when they are not there.
int Digits(std::string_view s, std::size_t& pos, int n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (int i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (!std::isdigit(static_cast<unsigned char>(c))) return -1;
    v = v * 10 + (c - '0');
  }
  pos += n;
  return v;
}

bool Expect(std::string_view s, std::size_t& pos, char c) {
  if (pos < s.size() && s[pos] == c) {
    ++pos;
    return true;
  }
  return false;
}

Error BadTime(std::string_view text) {
  return Error::InvalidArgument("'" + std::string(text) +
                                "' is not a date-time: use RFC 3339 such as "
                                "2026-02-12T14:23:00Z (with Z or an offset like +05:30)");
}

}  // namespace

std::string FormatTime(TimePoint t) {
  // Hand-rolled: this runs for every timestamp of every API answer.
  auto day = std::chrono::floor<days>(t);
  std::chrono::year_month_day ymd(day);
  std::chrono::hh_mm_ss<Duration> hms(t - day);
  char buf[32] = "0000-00-00T00:00:00";
  auto put = [&buf](int pos, int width, long long v) {
    for (int i = width - 1; i >= 0; --i, v /= 10) buf[pos + i] = static_cast<char>('0' + v % 10);
  };
  int year = int(ymd.year());
  if (year < 0 || year > 9999) {
    std::snprintf(buf, sizeof buf, "%+06d-%02u-%02uT%02d:%02d:%02d", year, unsigned(ymd.month()),
                  unsigned(ymd.day()), int(hms.hours().count()), int(hms.minutes().count()),
                  int(hms.seconds().count()));
  } else {
    put(0, 4, year);
    put(5, 2, unsigned(ymd.month()));
    put(8, 2, unsigned(ymd.day()));
    put(11, 2, hms.hours().count());
    put(14, 2, hms.minutes().count());
    put(17, 2, hms.seconds().count());
  }
  std::string out(buf);
  auto frac = hms.subseconds().count();
  if (frac != 0) {
    char f[8] = ".000000";
    for (int i = 6; i >= 1; --i, frac /= 10) f[i] = static_cast<char>('0' + frac % 10);
    int len = 7;
    while (f[len - 1] == '0') --len;
    out.append(f, len);
  }
  out += 'Z';
  return out;
}

Result<TimePoint> ParseTime(std::string_view text) {
  std::size_t p = 0;
  int y = Digits(text, p, 4);
  if (y < 0 || !Expect(text, p, '-')) return BadTime(text);
  int mo = Digits(text, p, 2);
  if (mo < 0 || !Expect(text, p, '-')) return BadTime(text);
  int d = Digits(text, p, 2);
  if (d < 0) return BadTime(text);
  if (!(Expect(text, p, 'T') || Expect(text, p, 't') || Expect(text, p, ' '))) return BadTime(text);
  int h = Digits(text, p, 2);
  if (h < 0 || !Expect(text, p, ':')) return BadTime(text);
  int mi = Digits(text, p, 2);
  if (mi < 0) return BadTime(text);
  int s = 0;
  std::int64_t frac_us = 0;
  if (Expect(text, p, ':')) {
    s = Digits(text, p, 2);
    if (s < 0) return BadTime(text);
    if (Expect(text, p, '.') || Expect(text, p, ',')) {
      int digits = 0;
      std::int64_t scale = 100000;
      while (p < text.size() && std::isdigit(static_cast<unsigned char>(text[p]))) {
        if (digits < 6) frac_us += (text[p] - '0') * scale;
        scale /= 10;
        ++digits;
        ++p;
      }
      if (digits == 0) return BadTime(text);
    }
  }
  std::chrono::seconds offset{0};
  if (Expect(text, p, 'Z') || Expect(text, p, 'z')) {
  } else if (p < text.size() && (text[p] == '+' || text[p] == '-')) {
    int sign = text[p] == '-' ? -1 : 1;
    ++p;
    int oh = Digits(text, p, 2);
    if (oh < 0) return BadTime(text);
    Expect(text, p, ':');
    int om = Digits(text, p, 2);
    if (om < 0 || oh > 23 || om > 59) return BadTime(text);
    offset = sign * (hours(oh) + minutes(om));
  } else {
    return BadTime(text);
  }
  if (p != text.size()) return BadTime(text);
  std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(mo),
                                  std::chrono::day(d)};
  if (!ymd.ok() || h > 23 || mi > 59 || s > 60) return BadTime(text);
  if (s == 60) s = 59;  // a leap second is recorded as the second before it
  TimePoint t =
      std::chrono::sys_days(ymd) + hours(h) + minutes(mi) + seconds(s) + Duration(frac_us) - offset;
  // RFC 3339 has four-digit years: an offset that carries the instant past
  // 9999 or before 0000 in UTC would format to text no parser reads back.
  int utc_year = int(std::chrono::year_month_day(std::chrono::floor<days>(t)).year());
  if (utc_year < 0 || utc_year > 9999)
    return Error::InvalidArgument("'" + std::string(text) +
                                  "' is outside the years 0000 to 9999 once in UTC");
  return t;
}

std::string FormatClockTime(TimePoint t) {
  auto day = std::chrono::floor<days>(t);
  std::chrono::hh_mm_ss<Duration> hms(t - day);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d UTC", int(hms.hours().count()),
                int(hms.minutes().count()));
  return buf;
}

std::string FormatDate(TimePoint t) { return FormatTime(t).substr(0, 10); }

Result<TimePoint> ParseDate(std::string_view text) {
  std::size_t p = 0;
  int y = Digits(text, p, 4);
  bool shape = y >= 0 && Expect(text, p, '-');
  int mo = shape ? Digits(text, p, 2) : -1;
  shape = shape && mo >= 0 && Expect(text, p, '-');
  int d = shape ? Digits(text, p, 2) : -1;
  std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(unsigned(mo)),
                                  std::chrono::day(unsigned(d))};
  if (!shape || d < 0 || p != text.size() || !ymd.ok())
    return Error::InvalidArgument("'" + std::string(text) +
                                  "' is not a date: use YYYY-MM-DD, such as 2026-02-20");
  return TimePoint(std::chrono::sys_days(ymd));
}

Result<Duration> ParseDuration(std::string_view text) {
  constexpr Duration kMaxDuration = days(36525);
  auto bad = [&] {
    return Error::InvalidArgument("'" + std::string(text) +
                                  "' is not a duration: use a number with a unit, such as "
                                  "30m, 1h30m, 2h, 90s, 3d or 2w");
  };
  if (text.empty()) return bad();
  std::size_t p = 0;
  Duration total{0};
  while (p < text.size()) {
    if (!std::isdigit(static_cast<unsigned char>(text[p]))) return bad();
    std::int64_t n = 0;
    while (p < text.size() && std::isdigit(static_cast<unsigned char>(text[p]))) {
      n = n * 10 + (text[p] - '0');
      if (n > 1'000'000'000) return bad();
      ++p;
    }
    std::size_t u = p;
    while (p < text.size() && std::isalpha(static_cast<unsigned char>(text[p]))) ++p;
    std::string_view unit = text.substr(u, p - u);
    Duration one;  // the unit, in microseconds
    if (unit == "ms")
      one = std::chrono::milliseconds(1);
    else if (unit == "s")
      one = seconds(1);
    else if (unit == "m")
      one = minutes(1);
    else if (unit == "h")
      one = hours(1);
    else if (unit == "d")
      one = days(1);
    else if (unit == "w")
      one = std::chrono::weeks(1);
    else
      return bad();
    // Bounded before multiplying: 1000000000w is past what 64 bits of
    // microseconds hold (found by fuzz/time.cpp), and no duration warroom
    // reads (a deadline, a token's life, a window) needs a century.
    if (n > (kMaxDuration - total) / one)
      return Error::InvalidArgument("'" + std::string(text) + "' is longer than 100 years");
    total += n * one;
  }
  return total;
}

std::string FormatDuration(Duration d) {
  std::string out;
  if (d < Duration::zero()) {
    out = "-";
    d = -d;
  }
  auto total = std::chrono::duration_cast<seconds>(d).count();
  std::int64_t dd = total / 86400, hh = total % 86400 / 3600, mm = total % 3600 / 60,
               ss = total % 60;
  // Milliseconds are written because ParseDuration reads them: a policy's
  // "230ms" written back as "0s" no longer read back (found by
  // fuzz/policy_yaml.cpp). Microseconds are below what ParseDuration reads.
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(d - seconds(total)).count();
  if (dd) out += std::to_string(dd) + "d";
  if (hh) out += std::to_string(hh) + "h";
  if (mm) out += std::to_string(mm) + "m";
  if (ss || (!ms && (out.empty() || out == "-"))) out += std::to_string(ss) + "s";
  if (ms) out += std::to_string(ms) + "ms";
  return out;
}

std::string FormatDurationWords(Duration d) {
  auto total = std::chrono::duration_cast<seconds>(d < Duration::zero() ? -d : d).count();
  std::int64_t dd = total / 86400, hh = total % 86400 / 3600, mm = total % 3600 / 60,
               ss = total % 60;
  std::vector<std::string> parts;
  auto add = [&](std::int64_t n, const char* unit) {
    if (n) parts.push_back(std::to_string(n) + " " + unit + (n == 1 ? "" : "s"));
  };
  add(dd, "day");
  add(hh, "hour");
  add(mm, "minute");
  if (parts.empty()) add(ss, "second");
  if (parts.empty()) return "0 minutes";
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += ' ';
    out += parts[i];
  }
  return d < Duration::zero() ? "-" + out : out;
}

}  // namespace warroom
