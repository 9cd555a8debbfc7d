#include "cli/print.hpp"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "cli/format.hpp"

namespace warroom::cli {

namespace json = boost::json;

namespace {

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

}  // namespace

std::string ServerUrl(const ClientOptions& o) {
  std::string server = o.server.empty() ? Env("WARROOM_SERVER") : o.server;
  return server.empty() ? "http://127.0.0.1:8080" : server;
}

Client MakeClient(const ClientOptions& o) {
  Client c(ServerUrl(o), Env("WARROOM_TOKEN"), o.cacert.empty() ? Env("WARROOM_CACERT") : o.cacert);
  c.SetIdempotencyKey(Env("WARROOM_IDEMPOTENCY_KEY"));
  // Retries are shown (on stderr, so --json output stays clean): a person
  // at the terminal sees why a command takes a while.
  c.SetRetryNotice([](int attempt, const std::string& why, std::chrono::milliseconds wait) {
    std::cerr << "warroom: " << Printable(why) << "; retrying in " << wait.count()
              << " ms (attempt " << attempt + 1 << ")\n";
  });
  return c;
}

int Fail(const Error& e) {
  // The server's detail may quote what a client sent: printed escaped.
  std::cerr << "warroom: " << Printable(e.message) << "\n";
  return ExitCodeFor(e);
}

int Print(const ClientOptions& o, std::string_view method, const std::string& path,
          const json::object* body, const std::function<std::string(const json::object&)>& human) {
  auto r = MakeClient(o).Call(method, path, body);
  if (!r.ok()) return Fail(r.error());
  if (o.json || !r->is_object()) {
    std::cout << json::serialize(*r) << "\n";
  } else {
    std::cout << human(r->as_object());
  }
  return exit_code::kOk;
}

// A query parameter's value, percent-encoded (unreserved characters kept).
std::string QueryValue(const std::string& s) {
  std::string out;
  for (unsigned char ch : s) {
    if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.') {
      out += static_cast<char>(ch);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", ch);
      out += buf;
    }
  }
  return out;
}

}  // namespace warroom::cli
