#pragma once

#include <string_view>

namespace warroom::notify {

// A message template as configured: its name, who it is for by default, an
// optional subject (email) and the Mustache body.
struct TemplateSource {
  std::string_view name;
  std::string_view audience;  // internal, executives, status-page, customers
  std::string_view subject;
  std::string_view body;
};

// The spec's communication templates: warroom's defaults (operators override
// any of them in configuration).
const TemplateSource* BuiltinTemplates(std::size_t& count);

}  // namespace warroom::notify
