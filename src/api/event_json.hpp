#pragma once

#include <boost/json.hpp>
#include <string>

#include "core/incident/event.hpp"

namespace warroom::api {

// The JSON shape of each event payload: a public format (docs/event-format.md).
// Later versions add fields; they never change what a field means.
boost::json::object EncodePayload(const core::EventPayload& payload);

// Serialized payload bytes, as stored and hashed.
std::string PayloadBytes(const core::EventPayload& payload);

// Decodes a stored payload of event `type`. Unknown fields are ignored, so
// older binaries read newer events. Every failure is Internal (the log is
// the server's own): bytes that are not a JSON object, an unknown type, an
// unknown enum value, a required time missing.
Result<core::EventPayload> DecodePayload(std::string_view type, std::string_view bytes);

// The whole event as the API and `--json` show it.
boost::json::object EncodeEvent(const core::Event& e);

// Small helpers shared by the JSON shapes. They read stored payloads
// leniently (a missing string is ""); request bodies are read strictly by
// api/fields.hpp.
boost::json::value TimeOrNull(const std::optional<TimePoint>& t);
Result<std::optional<TimePoint>> OptionalTime(const boost::json::object& o, std::string_view key);
Result<std::string> RequiredString(const boost::json::object& o, std::string_view key);
std::string OptionalString(const boost::json::object& o, std::string_view key);
Result<core::ImpactChange> DecodeImpact(const boost::json::object& o);
boost::json::object EncodeImpact(const core::ImpactChange& c);

}  // namespace warroom::api
