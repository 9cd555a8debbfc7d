#include "cli/policy_commands.hpp"

#include "cli/format.hpp"
#include "cli/print.hpp"

namespace warroom::cli {

namespace json = boost::json;

namespace {

std::string Classification(const json::object& r) {
  std::string out = Text(r.if_contains("severity")) + " (" + Text(r.if_contains("alias")) + ")\n";
  for (const auto& why : r.at("reasons").as_array()) out += "  - " + Text(&why) + "\n";
  return out;
}

}  // namespace

void AddPolicyCommands(CLI::App& app, const Registrar& k) {
  auto* p = app.add_subcommand("policy", "The severity policy in force");
  p->require_subcommand(1);
  auto* show = p->add_subcommand("show", "Print the policy the server runs");
  k.Runs(show,
         [opts = k.opts] { return Print(*opts, "GET", "/api/v1/policy", nullptr, FormatPolicy); });
  auto* cl = p->add_subcommand("classify", "Suggest a severity from the impact, and say why");
  auto body = std::make_shared<json::object>();
  cl->add_option_function<double>(
      "--customers-affected-pct", [body](double v) { (*body)["customers_affected_pct"] = v; },
      "Share affected, 0-100");
  cl->add_flag_callback(
      "--data-loss", [body] { (*body)["data_loss"] = true; }, "Data loss or corruption");
  cl->add_flag_callback(
      "--security", [body] { (*body)["security_breach"] = true; }, "A security breach or attack");
  cl->add_flag_callback(
      "--payments-down", [body] { (*body)["payments_down"] = true; }, "Payments completely broken");
  k.Runs(cl, [opts = k.opts, body] {
    return Print(*opts, "POST", "/api/v1/policy/classify", body.get(), Classification);
  });
}

}  // namespace warroom::cli
