#pragma once

#include <string>

namespace warroom::app {

// `warroom verify`: checks every chain, the global sequence, the signed
// checkpoints and the read model of a database, offline. `key` is the
// signing key file or a public key file; empty: "<db>.signing-key". Exit
// codes: 0 intact, 1 tampered (or unreadable events), 2 a bad argument or
// key, 3 no database, 6 the database cannot be opened.
int Verify(const std::string& database, const std::string& key, bool json);

}  // namespace warroom::app
