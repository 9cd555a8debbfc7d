#pragma once

#include <map>
#include <string>
#include <vector>

#include "config/policy_yaml.hpp"
#include "engine/message_renderer.hpp"

namespace warroom::notify {

struct MessageTemplate {
  std::string name;
  std::string audience;
  std::string subject;
  std::string body;
};

// The communication templates in force: the spec's built-in ones, with any
// overridden from configuration. Renders with Mustache; values are inserted
// as written (no HTML escaping: these are chat, email text and status page
// messages).
class TemplateSet final : public engine::MessageRenderer {
 public:
  // The built-in templates.
  TemplateSet();

  // Reads overrides from a YAML file of the form
  //   organisation: ACME
  //   support_contact: support@acme.example
  //   templates:
  //     status-identified:
  //       audience: status-page
  //       body: |
  //         ...
  // Every problem (unknown template field, bad YAML, unknown key) is
  // reported with file, line and key; nothing is changed unless all is well.
  std::vector<config::Problem> LoadOverrides(const std::string& yaml_text, const std::string& file);

  Result<engine::RenderedMessage> Render(std::string_view name,
                                         const engine::RenderInput& in) const override;
  std::vector<std::string> Names() const override;

 private:
  std::map<std::string, MessageTemplate> templates_;
  std::string organisation_ = "WAOOAW";
  std::string support_contact_ = "support@waooaw.com";
};

// Checks that a template names only known fields; `first_line` is the line
// of the template's first character in its file.
std::vector<config::Problem> ValidateTemplate(const std::string& body, const std::string& file,
                                              int first_line, const std::string& key);

// The fields a template may use (for docs and error messages).
std::vector<std::string> TemplateFields();

}  // namespace warroom::notify
