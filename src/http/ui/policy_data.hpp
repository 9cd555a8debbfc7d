#pragma once

// The policy as the declare and policy pages show it: the API's JSON of it
// (api::EncodePolicy) with each level's response requirements as rows a
// person reads ("Acknowledge: within 15m"), in the spec's order.

#include <boost/json.hpp>

#include "core/severity/policy.hpp"

namespace warroom::http::ui {

// EncodePolicy(p), each of its `severities` given `requirements`:
// [{label, value}], and `selected` for `current` (if any).
boost::json::object PolicyData(const core::Policy& p, std::string_view current = "");

}  // namespace warroom::http::ui
