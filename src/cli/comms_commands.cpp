#include "cli/comms_commands.hpp"

#include "cli/format.hpp"
#include "cli/print.hpp"

namespace warroom::cli {

namespace json = boost::json;

namespace {

std::string TemplateNames(const json::object& r) {
  std::string out;
  for (const auto& n : r.at("items").as_array()) out += Text(&n) + "\n";
  return out;
}

std::string Preview(const json::object& r) {
  std::string out =
      "[" + Text(r.if_contains("template")) + " -> " + Text(r.if_contains("audience")) + "]\n";
  std::string subject = Text(r.if_contains("subject"));
  if (subject != "-" && !subject.empty()) out += "Subject: " + subject + "\n\n";
  std::string text = Text(r.if_contains("text"));
  out += MultilineText(r.if_contains("text"));
  // What the destinations receive, when the notification adds to it (the
  // next-update line).
  std::string recorded = subject.empty() || subject == "-" ? text : subject + "\n\n" + text;
  std::string delivered = Text(r.if_contains("delivered_text"));
  if (!delivered.empty() && delivered != "-" && delivered != recorded) {
    if (!out.empty() && out.back() != '\n') out += "\n";
    out += "\n[as delivered]\n" + MultilineText(r.if_contains("delivered_text"));
  }
  return out;
}

}  // namespace

void AddCommsCommands(CLI::App& app, const Registrar& k) {
  auto* comms = app.add_subcommand("comms", "Communication templates: list and preview");
  comms->require_subcommand(1);
  auto* list = comms->add_subcommand("templates", "List the templates in force");
  k.Runs(list, [opts = k.opts] {
    return Print(*opts, "GET", "/api/v1/templates", nullptr, TemplateNames);
  });
  auto* preview =
      comms->add_subcommand("preview", "Render a template for an incident without sending it");
  auto id = std::make_shared<std::string>();
  auto name = std::make_shared<std::string>();
  preview->add_option("id", *id, "Incident id")->required();
  preview->add_option("--template", *name, "The template, e.g. customer-email")->required();
  k.Runs(preview, [opts = k.opts, id, name] {
    return Print(*opts, "GET", "/api/v1/incidents/" + *id + "/comms/" + *name, nullptr, Preview);
  });
}

}  // namespace warroom::cli
