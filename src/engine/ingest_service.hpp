#pragma once

#include <functional>
#include <memory>

#include "base/clock.hpp"
#include "engine/caller.hpp"
#include "store/store.hpp"

namespace warroom::engine {

struct IssuedKey {
  std::string integration;
  std::string key;  // shown once; only its digest is stored
};

// What one ingest request did.
struct IngestResult {
  int received = 0;
  int created = 0;  // new alerts
  int repeats = 0;  // repeats of known alerts (count and last seen updated)
};

// Alert sources and their alerts. Each integration has its own 256-bit key
// ("wri_" + 64 hex digits), stored as a digest; disable and rotate stop the
// old key at once.
class IngestService {
 public:
  IngestService(store::Store& store, std::shared_ptr<const Clock> clock)
      : store_(store), clock_(std::move(clock)) {}

  void CreateIntegration(const Caller& caller, std::string name, std::string type,
                         std::function<void(Result<IssuedKey>)> done);
  void ListIntegrations(const Caller& caller,
                        std::function<void(Result<std::vector<store::Integration>>)> done);
  void SetEnabled(const Caller& caller, std::string name, bool enabled,
                  std::function<void(Result<Ok>)> done);
  void Rotate(const Caller& caller, std::string name, std::function<void(Result<IssuedKey>)> done);

  // Authenticates `key` as an enabled integration of `type`, translates the
  // body with `parse`, and records every alert (repeats update the alert they
  // repeat), all in one write: nothing is half-stored. kUnauthenticated for a
  // wrong or disabled key; kInvalidArgument for a bad payload.
  using Parser = std::function<Result<std::vector<store::AlertRecord>>(
      const std::string& integration, TimePoint now)>;
  void Ingest(const std::string& key, const std::string& type, Parser parse,
              std::function<void(Result<IngestResult>)> done);

  void ListAlerts(const Caller& caller, store::AlertFilter f,
                  std::function<void(Result<std::vector<store::AlertRecord>>)> done);

 private:
  store::Store& store_;
  std::shared_ptr<const Clock> clock_;
};

}  // namespace warroom::engine
