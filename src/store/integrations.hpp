#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "store/records.hpp"

namespace warroom::store {

// Alert sources, each with its own API key (stored as a digest).
class IntegrationReads {
 public:
  virtual ~IntegrationReads() = default;
  // The enabled integration holding a key with this digest.
  virtual Result<std::optional<Integration>> FindIntegrationByDigest(const Hash& digest) = 0;
  // Every integration, by name.
  virtual Result<std::vector<Integration>> ListIntegrations() = 0;
};

class IntegrationWrites {
 public:
  virtual ~IntegrationWrites() = default;
  // Stores an enabled integration with no report yet. kAlreadyExists when
  // the name (or the key's digest) is taken.
  virtual Outcome InsertIntegration(const Integration& i, const Hash& key_digest) = 0;
  // Counts an accepted request of the integration and when it came (the
  // latest time wins); an unknown name changes nothing. Rolled back with its
  // write. An adapter may write it with the transaction's commit, so reads
  // in the same write need not see it.
  virtual Outcome RecordReport(const std::string& name, TimePoint at) = 0;
  // Enables or disables; kNotFound for an unknown name.
  virtual Outcome SetIntegrationEnabled(const std::string& name, bool enabled) = 0;
  // Replaces the key (the old one stops working at once); kNotFound for an
  // unknown name.
  virtual Outcome RotateIntegrationKey(const std::string& name, const Hash& key_digest,
                                       TimePoint at) = 0;
};

}  // namespace warroom::store
