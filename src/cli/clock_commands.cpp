#include "cli/clock_commands.hpp"

#include "cli/format.hpp"
#include "cli/print.hpp"

namespace warroom::cli {

namespace json = boost::json;

void AddClockCommands(CLI::App& app, const Registrar& k) {
  auto* c = app.add_subcommand("clock", "The server's clock (simulated time for tests and drills)");
  c->require_subcommand(1);
  auto* show = c->add_subcommand("show", "Print the server's time");
  k.Runs(show, [opts = k.opts] {
    return Print(*opts, "GET", "/api/v1/clock", nullptr, [](const json::object& r) {
      return Text(r.if_contains("now")) + (r.at("simulated").as_bool() ? " (simulated)\n" : "\n");
    });
  });
  auto* adv = c->add_subcommand(
      "advance", "Advance simulated time (admin; server started with --clock simulated:...)");
  auto by = std::make_shared<std::string>();
  adv->add_option("duration", *by, "How far, e.g. 30m, 2h, 1d")->required();
  k.Runs(adv, [opts = k.opts, by] {
    json::object b{{"by", *by}};
    return Print(*opts, "POST", "/api/v1/clock/advance", &b,
                 [](const json::object& r) { return "Now " + Text(r.if_contains("now")) + "\n"; });
  });
}

}  // namespace warroom::cli
