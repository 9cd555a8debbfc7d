#include "ingest/webhook_reply.hpp"

namespace warroom::ingest {

Reply WebhookAccepted(const core::IngestResult& r) {
  boost::json::array incidents;
  for (const auto& id : r.incidents) incidents.emplace_back(id);
  return Reply{200,
               boost::json::object{{"status", "success"},
                                   {"received", r.received},
                                   {"created", r.created},
                                   {"repeats", r.repeats},
                                   {"incidents", std::move(incidents)}},
               ""};
}

}  // namespace warroom::ingest
