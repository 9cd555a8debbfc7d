#pragma once

#include <boost/json.hpp>
#include <span>
#include <string_view>

#include "core/incident/command.hpp"

namespace warroom::api {

// The request bodies of POST /api/v1/incidents/{id}/{action} (and of POST
// /api/v1/incidents for "declare"). Unknown fields are ignored; a field of
// the wrong type is an error naming it.
Result<core::Command> DecodeCommand(std::string_view action, const boost::json::object& body);

// The actions posted to /api/v1/incidents/{id}/{action}, one route each
// (http/api_routes.cpp); the only list of them. (declare, leave and
// complete-task have routes of their own.)
std::span<const std::string_view> IncidentActions();

// The actions DecodeCommand knows, for error messages.
std::string KnownActions();

// The answer to an action no route names: not found, listing the actions.
Error UnknownIncidentAction(std::string_view action);

}  // namespace warroom::api
