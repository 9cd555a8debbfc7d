#pragma once

#include <string>

#include "base/error.hpp"
#include "store/records.hpp"

namespace warroom::store {

// The hash chain of docs/event-format.md: SHA-256 over a length-prefixed
// binary encoding of the event and the hash of the previous event of the same
// incident (32 zero bytes for the first). Never over JSON text, whose key
// order a database may change.
Hash ChainHash(const StoredEvent& e);

// The encoding that ChainHash digests (exposed for tests and the docs).
std::string ChainEncoding(const StoredEvent& e);

std::string HexOf(const Hash& h);

// `ne` as the log stores it at (global_seq, incident_seq) after the chain
// head `prev_hash`, its hash computed: what every adapter's Append answers.
StoredEvent ChainedEvent(const NewEvent& ne, std::int64_t global_seq, std::int64_t incident_seq,
                         const Hash& prev_hash);

// The answer to an Append whose expected_seq is not the chain's head.
Error StaleAppend(const std::string& incident_id, std::int64_t head, std::int64_t expected);

}  // namespace warroom::store
