#include "engine/admin_reset.hpp"

#include "core/incident/event.hpp"
#include "engine/session_service.hpp"
#include "engine/stored_events.hpp"
#include "engine/tokens.hpp"
#include "engine/user_input.hpp"

namespace warroom::engine {

using store::Permission;

namespace {

// Revokes every live token of `handle`; answers how many.
Result<std::int64_t> RevokeTokensOf(store::WriteTx& tx, const std::string& handle, TimePoint at) {
  WARROOM_ASSIGN_OR_RETURN(auto tokens, tx.ListTokens(handle));
  std::int64_t n = 0;
  for (const store::ApiToken& t : tokens) {
    if (t.revoked_at) continue;
    WARROOM_RETURN_IF_ERROR(tx.RevokeToken(t.id, at));
    ++n;
  }
  return n;
}

// Appends `reset` to the administration chain, after its head.
Result<std::int64_t> Record(store::WriteTx& tx, TimePoint at, const core::events::AdminReset& r) {
  const std::string chain(core::events::kAdminChain);
  WARROOM_ASSIGN_OR_RETURN(auto head, tx.ChainHead(chain));
  core::Event e;
  e.incident_id = chain;
  e.occurred_at = at;
  e.recorded_at = at;
  e.actor = core::Actor::System();
  e.payload = r;
  WARROOM_ASSIGN_OR_RETURN(auto stored, tx.Append(ToNewEvent(e), head ? head->first : 0));
  return stored.global_seq;
}

}  // namespace

Result<AdminResetResult> ResetAdmin(store::Store& store, const Clock& clock,
                                    const AdminResetRequest& req) {
  WARROOM_RETURN_IF_ERROR(CheckHandle(req.handle));
  AdminResetResult out;
  out.handle = req.handle;
  out.token = NewTokenSecret();
  out.link_secret = NewTokenSecret(kSignInLinkPrefix);
  auto r = store.WriteSync([&](store::WriteTx& tx) -> Outcome {
    // A drill's or a test's database keeps its simulated time: the link
    // must be good on the clock its server will read.
    WARROOM_ASSIGN_OR_RETURN(auto simulated, tx.SimulatedNow());
    TimePoint now = simulated.value_or(clock.Now());
    WARROOM_ASSIGN_OR_RETURN(auto user, tx.FindUser(req.handle));
    if (!user) {
      store::User u;
      u.handle = req.handle;
      u.name = "Administrator";
      u.permission = Permission::kAdmin;
      u.created_at = now;
      WARROOM_RETURN_IF_ERROR(tx.InsertUser(u));
      out.created = true;
    } else {
      if (user->permission != Permission::kAdmin) {
        WARROOM_RETURN_IF_ERROR(tx.SetUserPermission(req.handle, Permission::kAdmin));
        out.promoted = true;
      }
      if (user->disabled_at) {
        WARROOM_RETURN_IF_ERROR(tx.SetUserDisabled(req.handle, std::nullopt));
        out.enabled = true;
      }
      if (req.revoke) {
        WARROOM_ASSIGN_OR_RETURN(out.tokens_revoked, RevokeTokensOf(tx, req.handle, now));
        WARROOM_ASSIGN_OR_RETURN(out.sessions_revoked, tx.RevokeSessions(req.handle, now));
      }
    }
    store::ApiToken t{0, req.handle, "admin reset", Permission::kAdmin, now, {}, {}, {}};
    WARROOM_ASSIGN_OR_RETURN(out.token_id, tx.InsertToken(TokenDigest(out.token), t));
    out.link_expires_at = now + req.link_lifetime;
    WARROOM_RETURN_IF_ERROR(
        tx.InsertSignInLink(TokenDigest(out.link_secret),
                            store::SignInLink{req.handle, now, out.link_expires_at, std::nullopt}));
    core::events::AdminReset e{req.handle,         req.operator_name,   req.reason,
                               out.created,        out.promoted,        out.enabled,
                               out.tokens_revoked, out.sessions_revoked};
    WARROOM_ASSIGN_OR_RETURN(out.global_seq, Record(tx, now, e));
    return Success();
  });
  if (!r.ok()) return r.error();
  return out;
}

}  // namespace warroom::engine
