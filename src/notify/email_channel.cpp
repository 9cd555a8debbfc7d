#include "notify/email_channel.hpp"

#include <curl/curl.h>
#include <sodium.h>

#include <cstring>
#include <ctime>

namespace warroom::notify {

using engine::DeliveryResult;
using Outcome = DeliveryResult::Outcome;

namespace {

std::string Base64(const std::string& in) {
  std::string out(sodium_base64_ENCODED_LEN(in.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(in.data()),
                    in.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

// Base64 in lines of 76 characters, for a MIME body part.
std::string Base64Lines(const std::string& in) {
  std::string b = Base64(in), out;
  for (std::size_t i = 0; i < b.size(); i += 76) out += b.substr(i, 76) + "\r\n";
  return out;
}

std::string HtmlEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\n':
        out += "<br>\n";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string RfcDate(std::chrono::system_clock::time_point now) {
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  static const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

struct Upload {
  const std::string* data;
  std::size_t pos = 0;
};

std::size_t ReadUpload(char* buf, std::size_t size, std::size_t n, void* user) {
  auto* u = static_cast<Upload*>(user);
  std::size_t left = u->data->size() - u->pos;
  std::size_t take = std::min(left, size * n);
  std::memcpy(buf, u->data->data() + u->pos, take);
  u->pos += take;
  return take;
}

}  // namespace

std::string AddressOf(const std::string& mailbox) {
  auto lt = mailbox.find('<'), gt = mailbox.find('>');
  if (lt != std::string::npos && gt != std::string::npos && gt > lt)
    return mailbox.substr(lt + 1, gt - lt - 1);
  return mailbox;
}

std::string EncodeHeader(const std::string& text) {
  bool ascii = true;
  for (unsigned char c : text)
    if (c >= 0x80 || c == '\r' || c == '\n') ascii = false;
  if (ascii) return text;
  return "=?UTF-8?B?" + Base64(text) + "?=";
}

std::vector<std::string> EmailChannel::Recipients(const store::OutboxMessage& m) const {
  // A message to one person goes to their address only.
  if (!m.recipient.empty()) return {m.recipient};
  return o_.to;
}

std::string EmailChannel::Message(const store::OutboxMessage& m,
                                  std::chrono::system_clock::time_point now) const {
  MailParts p;
  p.to = Recipients(m);
  p.subject = m.subject;
  if (p.subject.empty()) p.subject = m.body.substr(0, m.body.find('\n'));
  p.text = m.body;
  p.html = "<html><body><p>" + HtmlEscape(m.body) + "</p></body></html>";
  p.key = m.idempotency_key;
  return Compose(p, now);
}

std::string EmailChannel::Compose(const MailParts& m,
                                  std::chrono::system_clock::time_point now) const {
  std::string msgid = m.key;
  for (char& c : msgid)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.') c = '.';
  std::string boundary = "warroom-" + msgid;
  std::string to;
  for (const auto& r : m.to) to += (to.empty() ? "" : ", ") + r;
  std::string out;
  out += "Date: " + RfcDate(now) + "\r\n";
  out += "From: " + o_.from + "\r\n";
  out += "To: " + to + "\r\n";
  out += "Subject: " + EncodeHeader(m.subject) + "\r\n";
  out += "Message-ID: <" + msgid + "@warroom>\r\n";
  for (const std::string& h : m.headers) out += h + "\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n";
  out += "\r\n";
  out += "--" + boundary + "\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  out += Base64Lines(m.text);
  out += "--" + boundary + "\r\n";
  out += "Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  out += Base64Lines(m.html);
  out += "--" + boundary + "--\r\n";
  return out;
}

DeliveryResult EmailChannel::Deliver(const store::OutboxMessage& m) {
  return Send(Recipients(m), Message(m, std::chrono::system_clock::now()));
}

DeliveryResult EmailChannel::Send(const MailParts& m) {
  return Send(m.to, Compose(m, std::chrono::system_clock::now()));
}

DeliveryResult EmailChannel::Send(const std::vector<std::string>& recipients,
                                  const std::string& message) {
  CURL* curl = curl_easy_init();
  if (!curl) return DeliveryResult::Of(Outcome::kRetry, "cannot start an SMTP client");
  struct curl_slist* rcpt = nullptr;
  for (const auto& r : recipients) rcpt = curl_slist_append(rcpt, AddressOf(r).c_str());
  Upload up{&message};
  std::string from = AddressOf(o_.from);
  curl_easy_setopt(curl, CURLOPT_URL, o_.smtp_url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(curl, CURLOPT_USE_SSL, o_.require_tls ? CURLUSESSL_ALL : CURLUSESSL_TRY);
  if (!o_.username.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, o_.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, o_.password.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadUpload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &up);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(
      curl, CURLOPT_TIMEOUT_MS,
      static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(o_.timeout).count()));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  CURLcode rc = curl_easy_perform(curl);
  long code = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
  curl_slist_free_all(rcpt);
  curl_easy_cleanup(curl);
  DeliveryResult r;
  r.http_status = static_cast<int>(code);  // the last SMTP reply code
  if (rc == CURLE_OK) {
    r.outcome = Outcome::kDelivered;
    r.detail = "SMTP " + std::to_string(code);
    return r;
  }
  r.detail = std::string("SMTP failed: ") + curl_easy_strerror(rc) +
             (code ? " (" + std::to_string(code) + ")" : "");
  if (code >= 500 && code < 600) {
    r.outcome = Outcome::kFailed;  // a permanent refusal: bad address, not allowed
  } else if (rc == CURLE_OPERATION_TIMEDOUT && up.pos == message.size()) {
    r.outcome = Outcome::kUnknown;  // the whole message went out; no final answer
  } else {
    r.outcome = Outcome::kRetry;
  }
  return r;
}

}  // namespace warroom::notify
