#pragma once

#include <string>

#include "base/clock.hpp"
#include "base/result.hpp"
#include "store/store.hpp"

namespace warroom::engine {

// What `warroom admin reset` is asked to do.
struct AdminResetRequest {
  std::string handle;
  std::string operator_name;  // who runs it: the system user and host
  std::string reason;
  bool revoke = false;  // also end every token and session the user had
  Duration link_lifetime = std::chrono::minutes(15);
};

// What it did; the secrets are shown once, by the caller, and never stored.
struct AdminResetResult {
  std::string handle;
  std::string token;
  std::int64_t token_id = 0;
  std::string link_secret;
  TimePoint link_expires_at;
  bool created = false;
  bool promoted = false;
  bool enabled = false;
  std::int64_t tokens_revoked = 0;
  std::int64_t sessions_revoked = 0;
  std::int64_t global_seq = 0;  // of the admin_reset event on the administration chain
};

// The recovery when no admin can act (the only admin's token lost, the
// admin disabled or demoted): in one write, makes `handle` an active admin
// (creating them if there is no such user), optionally revokes what they
// held, issues a fresh admin token and a one-time sign-in link, and
// appends an admin_reset event to the administration chain, so the reset
// is on the signed, verified log like everything else. Needs no caller:
// whoever can write the database is trusted, which is why it runs offline
// and never over the API.
Result<AdminResetResult> ResetAdmin(store::Store& store, const Clock& clock,
                                    const AdminResetRequest& req);

}  // namespace warroom::engine
