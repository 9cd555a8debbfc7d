#pragma once

// What a browser's session looks like on the wire: the cookie that carries
// its secret, and the checks that keep another site from using it. A
// state-changing request signed in by the cookie alone could be sent by any
// page the user has open (a form on a hostile site posts with the cookie),
// so such a request must also come from warroom's own origin and carry the
// session's CSRF token, which only warroom's pages know.

#include <string>
#include <string_view>

#include "base/result.hpp"
#include "base/time.hpp"
#include "http/types.hpp"

namespace warroom::http {

// The header the pages send the CSRF token in (forms send a `csrf` field).
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

// Where a request came from, written into it by the server before any
// route sees it (Server::Stamp; a client's own headers of these names are
// dropped): the client's address, and "1" when it arrived over HTTPS (TLS
// here, or a trusted proxy's X-Forwarded-Proto: https).
inline constexpr std::string_view kClientHeader = "X-Warroom-Client";
inline constexpr std::string_view kSecureHeader = "X-Warroom-Secure";
inline std::string ClientOf(const Request& req) { return std::string(req[kClientHeader]); }
inline bool ArrivedSecure(const Request& req) { return req[kSecureHeader] == "1"; }

// "__Host-warroom_session" over HTTPS: the browser then keeps it to this
// origin alone (Secure, Path=/, no Domain), so no sibling subdomain can
// plant one. "warroom_session" over plain HTTP (127.0.0.1, a proxy's
// inside), where the prefix is not allowed.
std::string_view SessionCookieName(bool secure);

// The session secret in a request's Cookie header (under either name; the
// first when there are several), or "" when there is none.
std::string SessionSecretOf(std::string_view cookie_header);

// The Set-Cookie value of a new session: HttpOnly (no script reads it),
// SameSite=Lax (a link from Slack or an email lands signed in, while
// another site's form posts without it), Path=/, Max-Age to its end, and
// Secure over HTTPS.
std::string SessionSetCookie(std::string_view secret, Duration max_age, bool secure);
// The Set-Cookie value that removes it (signing out).
std::string ClearedSessionCookie(bool secure);

// The origin a request was sent to: scheme://host[:port] from its Host
// header ("" without one), lower case.
std::string RequestOrigin(const Request& req, bool secure);

// kPermissionDenied unless the request's Origin header, or without one its
// Referer's origin, is the origin it was sent to. A request with neither is
// refused: every browser that sends cookies sends one of them on a POST.
Outcome CheckSameOrigin(const Request& req, bool secure);

// kPermissionDenied unless `sent` (the header, or the form field) is the
// session's token `expected`; compared in constant time.
Outcome CheckCsrfToken(std::string_view sent, std::string_view expected);

}  // namespace warroom::http
