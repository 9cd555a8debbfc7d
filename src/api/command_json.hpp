#pragma once

#include <boost/json.hpp>

#include "core/incident/command.hpp"

namespace warroom::api {

// The request bodies of POST /api/v1/incidents/{id}/{action} (and of POST
// /api/v1/incidents for "declare"). Unknown fields are ignored; a field of
// the wrong type is an error naming it.
Result<core::Command> DecodeCommand(std::string_view action, const boost::json::object& body);

// The actions DecodeCommand knows, for error messages.
std::string KnownActions();

}  // namespace warroom::api
