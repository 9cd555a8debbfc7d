#pragma once

#include <string>

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

}  // namespace warroom::store
