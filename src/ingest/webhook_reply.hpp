#pragma once

#include "core/alerts/ingest_result.hpp"
#include "ingest/reply.hpp"

namespace warroom::ingest {

// What the webhook senders (Alertmanager, Grafana, generic) are answered
// when their alerts are stored: 200 {"status": "success", "received",
// "created", "repeats", "incidents": [...]}. Their refusals are the API's
// problem documents (http/problem.cpp): they read only the status code.
Reply WebhookAccepted(const core::IngestResult& r);

}  // namespace warroom::ingest
