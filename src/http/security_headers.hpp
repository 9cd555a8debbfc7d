#pragma once

#include "http/types.hpp"

namespace warroom::http {

// How the answer travels: HSTS is sent only over TLS (RFC 6797 7.2: never
// over plain HTTP, where a browser ignores it anyway).
enum class Transport { kPlain, kTls };

// One year is the usual minimum for HSTS preload lists; two years is what
// they recommend. No includeSubDomains: warroom does not speak for the
// other hosts of its domain.
inline constexpr const char* kStrictTransportSecurity = "max-age=63072000";

// Sets the headers every answer carries, whatever produced it (a route, a
// refusal, the 503 of the reserve descriptor): `Server`, and what a browser
// may do with the answer. `X-Content-Type-Options: nosniff` keeps a JSON
// body from being sniffed as HTML; `Referrer-Policy: no-referrer` keeps
// incident URLs out of other sites' logs; framing is denied (clickjacking).
// A Content-Security-Policy and a Referrer-Policy are set only when the
// handler set none: the API's answers are data (`default-src 'none'`), and
// a page sets its own (http/ui/page.cpp: its scripts, and `same-origin`,
// without which a form's POST would carry `Origin: null`).
// Over TLS, `Strict-Transport-Security` too: browsers then never try plain
// HTTP on this host for two years.
void SetCommonHeaders(Response& res, Transport transport = Transport::kPlain);

}  // namespace warroom::http
