#include "ingest/pagerduty/reply.hpp"

namespace warroom::ingest::pagerduty {

namespace json = boost::json;

Reply Accepted(const std::string& dedup_key) {
  return Reply{
      202,
      json::object{{"status", "success"}, {"message", "Event processed"}, {"dedup_key", dedup_key}},
      ""};
}

Reply Invalid(const std::vector<std::string>& errors) {
  json::array list;
  for (const auto& e : errors) list.emplace_back(e);
  return Reply{400,
               json::object{{"status", "invalid event"},
                            {"message", "Event object is invalid"},
                            {"errors", std::move(list)}},
               ""};
}

std::optional<Reply> Refusal(const Error& e) {
  if (e.code == ErrorCode::kUnauthenticated) return Invalid({"Invalid routing key"});
  if (e.code == ErrorCode::kInvalidArgument) return Invalid({e.message});
  if (e.code == ErrorCode::kResourceExhausted || e.code == ErrorCode::kUnavailable)
    return Reply{429,
                 json::object{{"status", "throttle event"},
                              {"message",
                               "Requests for this service are arriving too quickly. "
                               "Please retry later."}},
                 "1"};
  return std::nullopt;
}

}  // namespace warroom::ingest::pagerduty
