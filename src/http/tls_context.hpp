#pragma once

#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <string>

#include "base/result.hpp"
#include "base/time.hpp"

namespace warroom::http {

// What the log says about the certificate in use (never the key).
struct TlsCertificateInfo {
  std::string subject;
  TimePoint not_before{};
  TimePoint not_after{};
  std::string sha256;    // of the leaf's DER, "AB:CD:...", as `openssl x509 -fingerprint` prints it
  int chain_length = 0;  // certificates in the file, the leaf included
};

// A server-side TLS context built from a certificate (chain) file and its
// private key, both PEM, with the policy of docs/tls.md: TLS 1.2 at least
// (1.3 preferred, OpenSSL picks the highest both speak), for 1.2 only ECDHE
// with AES-GCM or ChaCha20-Poly1305, the server's cipher order, no
// compression, no renegotiation, ALPN http/1.1.
//
// Each connection holds the context it shook hands with (shared_ptr), so a
// reload (SIGHUP) swaps in a new one for new handshakes while open
// connections keep theirs.
class TlsContext {
 public:
  // Every failure names the file (and the flag that gave it) and why: a
  // missing or unreadable file, not PEM, an encrypted key, a key that does
  // not match the certificate.
  static Result<std::shared_ptr<TlsContext>> Load(const std::string& cert_file,
                                                  const std::string& key_file);

  boost::asio::ssl::context& native() { return context_; }
  const TlsCertificateInfo& certificate() const { return info_; }
  const std::string& cert_file() const { return cert_file_; }
  const std::string& key_file() const { return key_file_; }

 private:
  TlsContext();
  boost::asio::ssl::context context_;
  TlsCertificateInfo info_;
  std::string cert_file_;
  std::string key_file_;
};

// Whether a certificate is usable at `now`, and whether it soon will not be.
enum class CertificateValidity { kValid, kExpiresSoon, kExpired, kNotYetValid };
// Within this of its notAfter a certificate is reported as expiring soon.
inline constexpr Duration kCertificateWarnBefore = std::chrono::hours(24 * 14);
CertificateValidity CheckValidity(const TlsCertificateInfo& cert, TimePoint now);

// Logs the certificate's state: info when valid, a warning within 14 days of
// its expiry, an error (with its notAfter or notBefore) when expired or not
// yet valid. `when` says on what occasion ("at start", "after reload").
void LogCertificate(const TlsContext& tls, TimePoint now, std::string_view when);

// The protocol chosen from a client's ALPN list (RFC 7301 wire format):
// http/1.1 if offered, else none (the handshake goes on without ALPN; a
// client that only speaks h2 then fails on its own terms).
bool OffersHttp11(std::string_view alpn_wire);

}  // namespace warroom::http
