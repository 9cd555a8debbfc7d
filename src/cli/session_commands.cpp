// `warroom user password|link|sessions|end-session`: browser sign-in.
#include "cli/session_commands.hpp"

#include <termios.h>
#include <unistd.h>

#include <fstream>
#include <iostream>

#include "cli/format.hpp"
#include "cli/print.hpp"

namespace warroom::cli {

namespace json = boost::json;

namespace {

// A password from a file, or from standard input: typed at a terminal
// without echo, or the first line of a pipe. Never a command-line argument,
// which other users of the machine can read in the process list.
Result<std::string> ReadPassword(const std::string& file, const std::string& prompt) {
  std::string line;
  if (!file.empty()) {
    std::ifstream in(file);
    if (!in) return Error::InvalidArgument("cannot read the password file " + file);
    std::getline(in, line);
    return line;
  }
  bool tty = isatty(STDIN_FILENO) != 0;
  termios saved{};
  if (tty) {
    std::cerr << prompt << std::flush;
    tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::getline(std::cin, line);
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::cerr << "\n";
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

std::string SessionTable(const json::object& r) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& v : r.at("items").as_array()) {
    const auto& s = v.as_object();
    const auto* ended = s.if_contains("ended_at");
    std::string state = ended && !ended->is_null() ? "ended " + Text(ended) : "active";
    const auto* current = s.if_contains("current");
    if (current && current->is_bool() && current->as_bool()) state += " (this one)";
    rows.push_back({Text(s.if_contains("id")), state, Text(s.if_contains("client")),
                    Text(s.if_contains("last_seen_at")), Text(s.if_contains("expires_at")),
                    Text(s.if_contains("user_agent")).substr(0, 40)});
  }
  if (rows.empty()) return "No sessions.\n";
  return Table({"ID", "STATE", "CLIENT", "LAST SEEN", "EXPIRES", "BROWSER"}, rows);
}

void AddPassword(CLI::App* u, const Registrar& k) {
  auto* c = u->add_subcommand(
      "password",
      "Set a password for signing in from a browser: your own (asks for the current one), or "
      "anyone's as admin (a reset: their sessions end)");
  auto handle = std::make_shared<std::string>();
  auto file = std::make_shared<std::string>();
  auto current_file = std::make_shared<std::string>();
  auto ask_current = std::make_shared<bool>(false);
  c->add_option("handle", *handle, "Handle")->required();
  c->add_option("--password-file", *file,
                "Read the new password from this file (else from standard input: typed without "
                "echo, or piped)");
  c->add_flag("--current", *ask_current,
              "Your own password: ask for the current one first (needed once one is set)");
  c->add_option("--current-file", *current_file, "Read the current password from this file");
  c->footer(
      "Passwords are at least 12 characters (a passphrase of a few words is best) and never "
      "given as arguments.");
  k.Runs(c, [opts = k.opts, handle, file, current_file, ask_current] {
    json::object body;
    if (*ask_current || !current_file->empty()) {
      auto cur = ReadPassword(*current_file, "Current password: ");
      if (!cur.ok()) return Fail(cur.error());
      body["current"] = *cur;
    }
    auto pw = ReadPassword(*file, "New password for " + *handle + ": ");
    if (!pw.ok()) return Fail(pw.error());
    body["password"] = *pw;
    return Print(*opts, "PUT", "/api/v1/users/" + *handle + "/password", &body,
                 [](const json::object& r) {
                   return "Password set for " + Text(r.if_contains("handle")) + ".\n";
                 });
  });
}

void AddLink(CLI::App* u, const Registrar& k) {
  auto* c = u->add_subcommand(
      "link",
      "Make a one-time sign-in link for a user with no password or a lost one: good once, for "
      "15 minutes (admin)");
  auto handle = std::make_shared<std::string>();
  c->add_option("handle", *handle, "Handle")->required();
  k.Runs(c, [opts = k.opts, handle] {
    return Print(*opts, "POST", "/api/v1/users/" + *handle + "/sign-in-link", nullptr,
                 [opts](const json::object& r) {
                   std::string server = ServerUrl(*opts);
                   while (!server.empty() && server.back() == '/') server.pop_back();
                   return "Sign-in link for " + Text(r.if_contains("handle")) +
                          ", good once until " + Text(r.if_contains("expires_at")) +
                          " (give it to them by a channel you trust):\n" + server +
                          Text(r.if_contains("path")) + "\n";
                 });
  });
}

void AddSessions(CLI::App* u, const Registrar& k) {
  auto* list = u->add_subcommand("sessions",
                                 "List a user's browser sessions (your own, or anyone's as admin)");
  auto handle = std::make_shared<std::string>();
  list->add_option("handle", *handle, "Handle")->required();
  k.Runs(list, [opts = k.opts, handle] {
    return Print(*opts, "GET", "/api/v1/users/" + *handle + "/sessions", nullptr, SessionTable);
  });
  auto* end = u->add_subcommand(
      "end-session",
      "End one of a user's browser sessions at its next request, on every instance (your own, or "
      "anyone's as admin)");
  auto end_handle = std::make_shared<std::string>();
  auto id = std::make_shared<std::int64_t>(0);
  end->add_option("handle", *end_handle, "Handle")->required();
  end->add_option("id", *id, "Session id (from `warroom user sessions`)")->required();
  k.Runs(end, [opts = k.opts, end_handle, id] {
    return Print(*opts, "DELETE",
                 "/api/v1/users/" + *end_handle + "/sessions/" + std::to_string(*id), nullptr,
                 [](const json::object& r) {
                   return "Ended session " + Text(r.if_contains("id")) + " of " +
                          Text(r.if_contains("handle")) + ".\n";
                 });
  });
}

}  // namespace

void AddSessionCommands(CLI::App* user, const Registrar& k) {
  AddPassword(user, k);
  AddLink(user, k);
  AddSessions(user, k);
}

}  // namespace warroom::cli
