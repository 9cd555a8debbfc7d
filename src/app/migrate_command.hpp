#pragma once

#include <string>

namespace warroom::app {

// `warroom migrate --from sqlite:PATH --to postgres://…`: copies a whole
// installation (every incident's events, checkpoints, users and tokens,
// policies, integrations, alerts, the outbox) into an empty PostgreSQL
// database in one transaction, with progress on stderr, then checks the
// log on both sides and that they agree (the same events, the same chain
// heads). The source is only read; stop the server first. Exit codes: 0
// copied and agreeing, 1 the copy or the check failed (nothing is kept of
// a failed copy), 2 a bad argument or a target that is not empty, 3 no
// source file, 6 a database cannot be opened.
int Migrate(const std::string& from, const std::string& to, bool json);

}  // namespace warroom::app
