#include "http/tls_context.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509err.h>
#include <spdlog/spdlog.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iterator>

namespace warroom::http {

namespace ssl = boost::asio::ssl;

namespace {

// TLS 1.2's suites: forward secrecy (ECDHE) and an AEAD only, ECDSA before
// RSA, AES-128 first (as fast and as safe where AES-NI is present, and the
// server's order decides). TLS 1.3's own suites are all AEADs: OpenSSL's
// defaults are kept.
constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";
constexpr const char* kGroups = "X25519:P-256:P-384";

// The file's bytes, or why it cannot be read.
Result<std::string> ReadFile(const std::string& flag, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    int err = errno;
    return Error::InvalidArgument(flag + " " + path + ": cannot read the file: " +
                                  std::strerror(err) + " (check the path and its permissions)");
  }
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string OpenSslReason(const boost::system::error_code& ec) {
  std::string why = ec.message();
  ERR_clear_error();
  return why;
}

TimePoint ToTimePoint(const ASN1_TIME* t) {
  std::tm tm{};
  if (t == nullptr || ASN1_TIME_to_tm(t, &tm) != 1) return TimePoint{};
  return TimePoint(std::chrono::seconds(timegm(&tm)));
}

TlsCertificateInfo Describe(SSL_CTX* ctx) {
  TlsCertificateInfo info;
  X509* leaf = SSL_CTX_get0_certificate(ctx);
  if (leaf == nullptr) return info;
  if (BIO* bio = BIO_new(BIO_s_mem())) {
    X509_NAME_print_ex(bio, X509_get_subject_name(leaf), 0, XN_FLAG_RFC2253);
    char* data = nullptr;
    long n = BIO_get_mem_data(bio, &data);
    info.subject.assign(data, static_cast<std::size_t>(n));
    BIO_free(bio);
  }
  info.not_before = ToTimePoint(X509_get0_notBefore(leaf));
  info.not_after = ToTimePoint(X509_get0_notAfter(leaf));
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (X509_digest(leaf, EVP_sha256(), md, &len) == 1) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    for (unsigned i = 0; i < len; ++i) {
      if (i) info.sha256 += ':';
      info.sha256 += kHex[md[i] >> 4];
      info.sha256 += kHex[md[i] & 15];
    }
  }
  STACK_OF(X509)* chain = nullptr;
  SSL_CTX_get0_chain_certs(ctx, &chain);
  info.chain_length = 1 + (chain ? sk_X509_num(chain) : 0);
  return info;
}

int SelectAlpn(SSL*, const unsigned char** out, unsigned char* outlen, const unsigned char* in,
               unsigned int inlen, void*) {
  static constexpr unsigned char kHttp11[] = "http/1.1";
  if (!OffersHttp11(std::string_view(reinterpret_cast<const char*>(in), inlen)))
    return SSL_TLSEXT_ERR_NOACK;
  *out = kHttp11;
  *outlen = 8;
  return SSL_TLSEXT_ERR_OK;
}

}  // namespace

bool OffersHttp11(std::string_view wire) {
  while (!wire.empty()) {
    std::size_t n = static_cast<unsigned char>(wire.front());
    if (n == 0 || n + 1 > wire.size()) return false;  // malformed: nothing chosen
    if (wire.substr(1, n) == "http/1.1") return true;
    wire.remove_prefix(n + 1);
  }
  return false;
}

TlsContext::TlsContext() : context_(ssl::context::tls_server) {}

Result<std::shared_ptr<TlsContext>> TlsContext::Load(const std::string& cert_file,
                                                     const std::string& key_file) {
  WARROOM_ASSIGN_OR_RETURN(auto cert_pem, ReadFile("--tls-cert", cert_file));
  WARROOM_ASSIGN_OR_RETURN(auto key_pem, ReadFile("--tls-key", key_file));
  std::shared_ptr<TlsContext> tls(new TlsContext());
  tls->cert_file_ = cert_file;
  tls->key_file_ = key_file;
  SSL_CTX* h = tls->context_.native_handle();
  // Never a prompt on the terminal for an encrypted key: it fails, and says so.
  tls->context_.set_password_callback(
      [](std::size_t, ssl::context::password_purpose) { return std::string(); });
  bool policy = SSL_CTX_set_min_proto_version(h, TLS1_2_VERSION) == 1 &&
                SSL_CTX_set_cipher_list(h, kTls12Ciphers) == 1 &&
                SSL_CTX_set1_groups_list(h, kGroups) == 1;
  if (!policy) {
    ERR_clear_error();
    return Error::Internal("this OpenSSL refuses warroom's TLS policy (TLS 1.2+, ECDHE with AEAD)");
  }
  SSL_CTX_set_options(
      h, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
  // Idle keep-alive connections give their read and write buffers back.
  SSL_CTX_set_mode(h, SSL_MODE_RELEASE_BUFFERS);
  SSL_CTX_set_alpn_select_cb(h, SelectAlpn, nullptr);

  boost::system::error_code ec;
  tls->context_.use_certificate_chain(boost::asio::buffer(cert_pem), ec);
  if (ec) {
    std::string why = OpenSslReason(ec);
    if (cert_pem.find("-----BEGIN CERTIFICATE-----") == std::string::npos)
      return Error::InvalidArgument(
          "--tls-cert " + cert_file +
          ": not a PEM certificate (expected a '-----BEGIN CERTIFICATE-----' block" +
          (cert_pem.find("PRIVATE KEY-----") != std::string::npos
               ? "; this is a private key: are --tls-cert and --tls-key swapped?)"
               : ")"));
    return Error::InvalidArgument("--tls-cert " + cert_file +
                                  ": cannot load the certificate chain: " + why);
  }
  auto mismatch = [&] {
    return Error::InvalidArgument("--tls-key " + key_file +
                                  " does not match the certificate in --tls-cert " + cert_file +
                                  " (it is the key of another certificate): give the key the "
                                  "certificate was issued for");
  };
  tls->context_.use_private_key(boost::asio::buffer(key_pem), ssl::context::pem, ec);
  // OpenSSL compares a key of the certificate's type as it loads it; one of
  // another type is caught by SSL_CTX_check_private_key below.
  if (ec && ec.category() == boost::asio::error::get_ssl_category() &&
      ERR_GET_REASON(static_cast<unsigned long>(ec.value())) == X509_R_KEY_VALUES_MISMATCH) {
    ERR_clear_error();
    return mismatch();
  }
  if (ec) {
    std::string why = OpenSslReason(ec);
    if (key_pem.find("ENCRYPTED") != std::string::npos)
      return Error::InvalidArgument(
          "--tls-key " + key_file +
          ": the key is encrypted with a passphrase, which warroom cannot ask for: decrypt it "
          "(openssl pkey -in KEY -out PLAIN) and make it readable by warroom only");
    if (key_pem.find("PRIVATE KEY-----") == std::string::npos)
      return Error::InvalidArgument(
          "--tls-key " + key_file +
          ": not a PEM private key (expected a '-----BEGIN PRIVATE KEY-----' block" +
          (key_pem.find("-----BEGIN CERTIFICATE-----") != std::string::npos
               ? "; this is a certificate: are --tls-cert and --tls-key swapped?)"
               : ")"));
    return Error::InvalidArgument("--tls-key " + key_file +
                                  ": cannot load the private key: " + why);
  }
  if (SSL_CTX_check_private_key(h) != 1) {
    ERR_clear_error();
    return mismatch();
  }
  tls->info_ = Describe(h);
  return tls;
}

CertificateValidity CheckValidity(const TlsCertificateInfo& cert, TimePoint now) {
  if (now < cert.not_before) return CertificateValidity::kNotYetValid;
  if (now >= cert.not_after) return CertificateValidity::kExpired;
  if (cert.not_after - now <= kCertificateWarnBefore) return CertificateValidity::kExpiresSoon;
  return CertificateValidity::kValid;
}

void LogCertificate(const TlsContext& tls, TimePoint now, std::string_view when) {
  const auto& c = tls.certificate();
  const std::string what = "TLS certificate " + tls.cert_file() + " (" + c.subject + ", sha256 " +
                           c.sha256 + ", " + std::to_string(c.chain_length) + " in the chain)";
  auto days = [](Duration d) {
    return std::to_string(std::chrono::floor<std::chrono::hours>(d).count() / 24);
  };
  switch (CheckValidity(c, now)) {
    case CertificateValidity::kValid:
      spdlog::info("{} {}: valid until {}", when, what, FormatTime(c.not_after));
      break;
    case CertificateValidity::kExpiresSoon:
      spdlog::warn("{} {}: expires in {} day(s), at {} (notAfter): renew it, then send SIGHUP",
                   when, what, days(c.not_after - now), FormatTime(c.not_after));
      break;
    case CertificateValidity::kExpired:
      spdlog::error(
          "{} {}: EXPIRED at {} (notAfter), {} day(s) ago: clients that verify certificates "
          "refuse this server; renew it, then send SIGHUP",
          when, what, FormatTime(c.not_after), days(now - c.not_after));
      break;
    case CertificateValidity::kNotYetValid:
      spdlog::error(
          "{} {}: NOT YET VALID, only from {} (notBefore): clients that verify certificates "
          "refuse this server until then (is this machine's clock right?)",
          when, what, FormatTime(c.not_before));
      break;
  }
}

}  // namespace warroom::http
