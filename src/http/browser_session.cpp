#include "http/browser_session.hpp"

#include <algorithm>
#include <cctype>

#include "crypto/hmac.hpp"
#include "http/utf8.hpp"

namespace warroom::http {

namespace {

constexpr std::string_view kSecureName = "__Host-warroom_session";
constexpr std::string_view kPlainName = "warroom_session";

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// scheme://host[:port] of an absolute URL ("" when it is not one).
std::string OriginOfUrl(std::string_view url) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos || scheme_end == 0) return "";
  auto host_end = url.find_first_of("/?#", scheme_end + 3);
  std::string_view origin = url.substr(0, host_end);
  if (origin.size() == scheme_end + 3) return "";
  return Lower(origin);
}

}  // namespace

std::string_view SessionCookieName(bool secure) { return secure ? kSecureName : kPlainName; }

std::string SessionSecretOf(std::string_view header) {
  // RFC 6265 section 5.4: "name=value" pairs separated by "; ".
  while (!header.empty()) {
    auto end = header.find(';');
    std::string_view pair = Trim(header.substr(0, end));
    header = end == std::string_view::npos ? std::string_view() : header.substr(end + 1);
    auto eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view name = Trim(pair.substr(0, eq));
    if (name != kSecureName && name != kPlainName) continue;
    std::string_view value = Trim(pair.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
      value = value.substr(1, value.size() - 2);
    return std::string(value);
  }
  return "";
}

std::string SessionSetCookie(std::string_view secret, Duration max_age, bool secure) {
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(max_age).count();
  std::string c = std::string(SessionCookieName(secure)) + "=" + std::string(secret) +
                  "; Path=/; Max-Age=" + std::to_string(std::max<long long>(seconds, 0)) +
                  "; HttpOnly; SameSite=Lax";
  if (secure) c += "; Secure";
  return c;
}

std::string ClearedSessionCookie(bool secure) {
  return SessionSetCookie("", Duration::zero(), secure);
}

std::string RequestOrigin(const Request& req, bool secure) {
  std::string_view host = Trim(req[beast_http::field::host]);
  if (host.empty()) return "";
  return Lower(std::string(secure ? "https://" : "http://") + std::string(host));
}

Outcome CheckSameOrigin(const Request& req, bool secure) {
  std::string expected = RequestOrigin(req, secure);
  std::string_view origin = Trim(req[beast_http::field::origin]);
  std::string sent;
  std::string from;
  if (!origin.empty()) {
    sent = Lower(origin);
    from = "Origin";
  } else {
    sent = OriginOfUrl(Trim(req[beast_http::field::referer]));
    from = "Referer";
  }
  if (sent.empty())
    return Error::PermissionDenied(
        "a change signed in by a browser session must say where it comes from (an Origin or "
        "Referer header): send it from warroom's own pages, or use an API token");
  if (expected.empty() || sent != expected)
    return Error::PermissionDenied("this change comes from " + SanitizeUtf8(sent, 128) + " (" +
                                   from + "), not from warroom's own pages at " +
                                   (expected.empty() ? "(no Host header)" : expected) +
                                   ": it is refused, as another site's form would be");
  return Success();
}

Outcome CheckCsrfToken(std::string_view sent, std::string_view expected) {
  if (sent.empty())
    return Error::PermissionDenied(
        "a change signed in by a browser session needs its CSRF token (" +
        std::string(kCsrfHeader) + " header or csrf form field): reload the page and try again");
  if (expected.empty() || !crypto::ConstantTimeEqual(sent, expected))
    return Error::PermissionDenied(
        "the CSRF token is not this session's (the page is older than the session?): reload "
        "the page and try again");
  return Success();
}

}  // namespace warroom::http
