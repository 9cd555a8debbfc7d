#pragma once

// The data a template renders: the incident's fields (from its state and its
// severity's row of the policy), the configuration's (organisation, support
// contact) and those the event of a notification adds (RenderInput's
// event_fields). docs/templates.md lists every field.
#include <kainjow/mustache.hpp>
#include <map>
#include <set>
#include <string>

#include "engine/message_renderer.hpp"

namespace warroom::notify {

// The scalar fields of the incident and the configuration.
const std::set<std::string>& IncidentFields();
// The fields an event adds (empty in a template rendered for no such event).
const std::set<std::string>& EventFields();
// List fields and the fields of their items.
const std::map<std::string, std::set<std::string>>& ListFields();

// Every field of `in` (incident fields only when it has a state and a
// policy), with the configuration's two; an empty text is false in a
// section. Event fields replace incident fields of the same name.
kainjow::mustache::data TemplateContext(const engine::RenderInput& in,
                                        const std::string& organisation,
                                        const std::string& support_contact);

}  // namespace warroom::notify
