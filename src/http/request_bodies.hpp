#pragma once

// The bodies of the users, tokens, classify, integrations, alert triage and
// clock routes, read: pure functions of the parsed JSON object (the fuzz
// harness api_bodies runs them without a server). The incident actions'
// bodies are api::DecodeCommand's (api/command_json.hpp).

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "core/severity/classifier.hpp"
#include "engine/alert_router.hpp"
#include "engine/user_service.hpp"
#include "store/records.hpp"

namespace warroom::http {

// POST /api/v1/users.
Result<store::User> UserOf(const boost::json::object& body);

// `permission` (PATCH /api/v1/users/{handle}): absent or null is nullopt.
Result<std::optional<store::Permission>> PermissionField(const boost::json::object& body);

// PATCH /api/v1/users/{handle}: the fields given, any other refused by
// name.
Result<engine::UserChange> UserChangeOf(const boost::json::object& body);

// POST /api/v1/users/{handle}/tokens.
Result<engine::TokenRequest> TokenRequestOf(const boost::json::object& body);

// POST /api/v1/policy/classify.
Result<core::ImpactAssessment> ImpactAssessmentOf(const boost::json::object& body);

// POST /api/v1/integrations.
struct NewIntegration {
  std::string name;
  std::string type;
};
Result<NewIntegration> NewIntegrationOf(const boost::json::object& body);

// The alert ids of a triage request: a non-empty list of positive numbers.
Result<std::vector<std::int64_t>> AlertIds(const boost::json::object& body);

// POST /api/v1/alerts/declare, attach and dismiss.
Result<engine::AlertRouter::Declaration> TriageDeclarationOf(const boost::json::object& body);
struct TriageAttach {
  std::vector<std::int64_t> alert_ids;
  std::string incident_id;
};
Result<TriageAttach> TriageAttachOf(const boost::json::object& body);
struct TriageDismissal {
  std::vector<std::int64_t> alert_ids;
  std::string reason;
};
Result<TriageDismissal> TriageDismissalOf(const boost::json::object& body);

// POST /api/v1/clock/advance: `by`, a duration.
Result<Duration> ClockAdvanceOf(const boost::json::object& body);

}  // namespace warroom::http
