#include "http/security_headers.hpp"

namespace warroom::http {

void SetCommonHeaders(Response& res, Transport transport) {
  res.set(beast_http::field::server, "warroom");
  res.set("X-Content-Type-Options", "nosniff");
  if (res.find("Referrer-Policy") == res.end()) res.set("Referrer-Policy", "no-referrer");
  res.set("X-Frame-Options", "DENY");
  if (res.find("Content-Security-Policy") == res.end())
    res.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  if (transport == Transport::kTls)
    res.set(beast_http::field::strict_transport_security, kStrictTransportSecurity);
  else
    res.erase(beast_http::field::strict_transport_security);
}

}  // namespace warroom::http
