#pragma once

#include <functional>
#include <map>
#include <memory>

#include "base/clock.hpp"
#include "core/alerts/alert.hpp"
#include "core/alerts/ingest_result.hpp"
#include "core/alerts/signature_check.hpp"
#include "engine/alert_router.hpp"
#include "engine/caller.hpp"
#include "engine/change_bus.hpp"
#include "store/store.hpp"

namespace warroom::engine {

struct IssuedKey {
  std::string integration;
  std::string key;  // shown once; only its digest is stored
};

// What one ingest request did (core/alerts/ingest_result.hpp).
using IngestResult = core::IngestResult;

// Alert sources and their alerts. Each integration has its own 256-bit key
// ("wri_" + 64 hex digits), stored as a digest; disable and rotate stop the
// old key at once.
// Checks a sender's signature (kUnauthenticated, saying what is wrong).
Outcome CheckSignature(const std::string& integration, const core::SignatureCheck& check,
                       const std::map<std::string, std::string>& headers, const std::string& body,
                       TimePoint now);

class IngestService {
 public:
  IngestService(store::Store& store, std::shared_ptr<const Clock> clock)
      : store_(store), clock_(std::move(clock)) {}

  // Where new alerts go (set once, before serving). Without a router alerts
  // are stored and wait in triage.
  // `on_outbox` runs after a commit that wrote outbox messages (wakes the
  // dispatcher).
  void SetRouter(const AlertRouter* router, IncidentService* incidents,
                 std::function<void()> on_outbox = nullptr) {
    router_ = router;
    incidents_ = incidents;
    on_outbox_ = std::move(on_outbox);
  }
  // Where stored alerts are announced (set once, before serving).
  void SetChangeBus(ChangeBus* bus) { bus_ = bus; }

  void CreateIntegration(const Caller& caller, std::string name, std::string type,
                         std::function<void(Result<IssuedKey>)> done);
  void ListIntegrations(const Caller& caller,
                        std::function<void(Result<std::vector<store::Integration>>)> done);
  void SetEnabled(const Caller& caller, std::string name, bool enabled,
                  std::function<void(Result<Ok>)> done);
  void Rotate(const Caller& caller, std::string name, std::function<void(Result<IssuedKey>)> done);

  // Authenticates `key` as an enabled integration of `type` (and the
  // request's signature when its integration has one), then records every
  // alert the caller's translator read, seen `now` (repeats update the alert
  // they repeat; a match_open report joins the open alert with its key, and
  // one that acknowledges or resolves what is not open is dropped), and
  // routes them, all in one write: nothing is half-stored. The translation is
  // the caller's, done before the call on its own thread; its error is
  // answered only once the key is good, so a stranger learns nothing of what
  // a payload should be. kUnauthenticated for a wrong or disabled key or a
  // bad signature; kInvalidArgument for a key of another type or the
  // translation's own error; kResourceExhausted when the ingest lane is full.
  // `signed_request`: the headers (lowercase names) and body, for an
  // integration whose sender signs its requests (SetSignatures).
  struct SignedRequest {
    std::map<std::string, std::string> headers;
    std::string body;
  };
  void Ingest(const std::string& key, const std::string& type,
              Result<std::vector<core::Alert>> translated, TimePoint now,
              std::function<void(Result<IngestResult>)> done,
              std::shared_ptr<const SignedRequest> signed_request = nullptr);

  // The integrations whose requests must carry a valid signature (set once,
  // before serving).
  void SetSignatures(std::map<std::string, core::SignatureCheck> checks) {
    signatures_ = std::move(checks);
  }
  bool HasSignatures() const { return !signatures_.empty(); }

  void ListAlerts(const Caller& caller, store::AlertFilter f,
                  std::function<void(Result<std::vector<store::AlertRecord>>)> done);
  void GetAlert(const Caller& caller, std::int64_t id,
                std::function<void(Result<store::AlertRecord>)> done);

  // Triage: a responder declares an incident from waiting alerts (answers
  // its id), or dismisses them.
  void DeclareFromTriage(const Caller& caller, AlertRouter::Declaration d,
                         std::function<void(Result<std::string>)> done);
  void AttachFromTriage(const Caller& caller, std::vector<std::int64_t> ids,
                        std::string incident_id, std::function<void(Result<Ok>)> done);
  void DismissFromTriage(const Caller& caller, std::vector<std::int64_t> ids, std::string reason,
                         std::function<void(Result<Ok>)> done);

 private:
  // Runs `write` (which may run incident commands through the router) and
  // completes their commits before answering.
  using RoutedWrite = std::function<Outcome(
      store::WriteTx&, std::vector<IncidentService::Executed>&, bool& outbox_written)>;
  void WriteRouted(store::Store::Lane lane, RoutedWrite write, std::function<void(Outcome)> done);

  // False for an alert of a restricted incident the caller may not see.
  Result<bool> Visible(store::ReadTx& tx, const Caller& caller, const store::AlertRecord& a,
                       std::map<std::string, bool>& seen) const;

  store::Store& store_;
  std::shared_ptr<const Clock> clock_;
  const AlertRouter* router_ = nullptr;
  std::map<std::string, core::SignatureCheck> signatures_;
  IncidentService* incidents_ = nullptr;
  std::function<void()> on_outbox_;
  ChangeBus* bus_ = nullptr;
};

}  // namespace warroom::engine
