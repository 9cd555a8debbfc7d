// UserService over the real SQLite store: scopes, expiry on a simulated
// clock, and that revoking, disabling and demoting take effect on the very
// next authentication although live tokens are cached.
#include "engine/user_service.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <future>

#include <sqlite3.h>

#include "base/test_dir.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace warroom::engine {
namespace {

using store::Permission;

// Runs a callback-style service call and waits for its answer.
template <typename T, typename F>
Result<T> Wait(F start) {
  std::promise<Result<T>> p;
  start([&p](Result<T> r) { p.set_value(std::move(r)); });
  return p.get_future().get();
}

class UserServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = FreshTestDir("users");
    auto s = store::sqlite::SqliteStore::Open((dir_ / "t.db").string());
    ASSERT_TRUE(s.ok()) << s.error().message;
    store_ = std::move(*s);
    clock_ = std::make_shared<SimulatedClock>(*ParseTime("2026-02-12T14:00:00Z"));
    users_ = std::make_unique<UserService>(*store_, clock_);
    auto first = users_->EnsureFirstAdmin("admin");
    ASSERT_TRUE(first.ok() && *first);
    admin_token_ = (*first)->token;
    admin_ = Auth(admin_token_).value();
  }
  void TearDown() override {
    users_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  Result<Caller> Auth(const std::string& token) {
    return Wait<Caller>([&](auto done) { users_->Authenticate(token, done); });
  }
  IssuedToken Create(const std::string& handle, Permission p) {
    store::User u;
    u.handle = handle;
    u.permission = p;
    u.email = handle + "@example.com";
    auto r = Wait<IssuedToken>([&](auto done) { users_->CreateUser(admin_, u, done); });
    EXPECT_TRUE(r.ok()) << r.error().message;
    return *r;
  }
  Result<IssuedToken> Issue(const Caller& by, const std::string& handle, TokenRequest req) {
    return Wait<IssuedToken>([&](auto done) { users_->IssueToken(by, handle, req, done); });
  }
  Result<store::ApiToken> Revoke(const Caller& by, std::int64_t id) {
    return Wait<store::ApiToken>([&](auto done) { users_->RevokeToken(by, id, done); });
  }
  Result<UserView> Disable(const Caller& by, const std::string& handle, bool disabled = true) {
    return Wait<UserView>([&](auto done) { users_->SetDisabled(by, handle, disabled, done); });
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::sqlite::SqliteStore> store_;
  std::shared_ptr<SimulatedClock> clock_;
  std::unique_ptr<UserService> users_;
  std::string admin_token_;
  Caller admin_;
};

TEST_F(UserServiceTest, ATokenActsWithItsScopeWithinItsUsersPermission) {
  EXPECT_EQ(admin_.permission, Permission::kAdmin);
  auto read = Issue(admin_, "admin", {"dashboards", Permission::kViewer, {}, {}});
  ASSERT_TRUE(read.ok()) << read.error().message;
  auto c = Auth(read->token);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->handle, "admin");
  EXPECT_EQ(c->permission, Permission::kViewer);
  EXPECT_FALSE(c->CanRespond());
  EXPECT_EQ(c->token_id, read->record.id);

  // Demoting the user narrows every token at once, cached or not.
  auto sarah = Create("sarah", Permission::kAdmin);
  ASSERT_EQ(Auth(sarah.token)->permission, Permission::kAdmin);
  auto demoted = Wait<UserView>(
      [&](auto done) { users_->SetPermission(admin_, "sarah", Permission::kResponder, done); });
  ASSERT_TRUE(demoted.ok()) << demoted.error().message;
  EXPECT_EQ(Auth(sarah.token)->permission, Permission::kResponder);
  // Promoting her again widens it back up to its scope (admin: she was an
  // admin when it was issued), never past it.
  ASSERT_TRUE(Wait<UserView>([&](auto done) {
                users_->SetPermission(admin_, "sarah", Permission::kAdmin, done);
              }).ok());
  EXPECT_EQ(Auth(sarah.token)->permission, Permission::kAdmin);
}

TEST_F(UserServiceTest, NoTokenIsIssuedWithMoreThanItsUserOrItsIssuerHolds) {
  auto bob = Create("bob", Permission::kResponder);
  auto more = Issue(admin_, "bob", {"", Permission::kAdmin, {}, {}});
  ASSERT_FALSE(more.ok());
  EXPECT_EQ(more.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(more.error().message.find("bob's permission (responder)"), std::string::npos)
      << more.error().message;
  // A read-scoped token of an admin cannot mint an admin token for itself.
  auto read = Issue(admin_, "admin", {"", Permission::kViewer, {}, {}});
  Caller reader = *Auth(read->token);
  auto escalate = Issue(reader, "admin", {"", Permission::kAdmin, {}, {}});
  ASSERT_FALSE(escalate.ok());
  EXPECT_EQ(escalate.error().code, ErrorCode::kPermissionDenied);
  // Without a scope: the most both hold.
  auto dflt = Issue(reader, "admin", {"", std::nullopt, {}, {}});
  ASSERT_TRUE(dflt.ok());
  EXPECT_EQ(dflt->record.scope, Permission::kViewer);
  EXPECT_EQ(Issue(admin_, "bob", {})->record.scope, Permission::kResponder);
  // Nothing was stored by the refused ones.
  auto tokens =
      Wait<std::vector<store::ApiToken>>([&](auto done) { users_->ListTokens(admin_, "", done); });
  ASSERT_TRUE(tokens.ok());
  EXPECT_EQ(tokens->size(), 5u);  // admin's first, read, dflt; bob's first and the default
}

TEST_F(UserServiceTest, AnExpiredTokenIsRefusedOnTheClockEvenWhenCached) {
  auto t = Issue(admin_, "admin", {"ci", std::nullopt, {}, std::chrono::hours(1)});
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(*t->record.expires_at, clock_->Now() + std::chrono::hours(1));
  ASSERT_TRUE(Auth(t->token).ok());  // now cached
  clock_->Advance(std::chrono::minutes(59));
  EXPECT_TRUE(Auth(t->token).ok());
  clock_->Advance(std::chrono::minutes(1));
  auto r = Auth(t->token);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnauthenticated);
  // Not cached either (a fresh service reads the row).
  UserService fresh(*store_, clock_);
  EXPECT_FALSE(Wait<Caller>([&](auto done) { fresh.Authenticate(t->token, done); }).ok());
}

TEST_F(UserServiceTest, AnExpiringTokenMintsNothingThatOutlivesIt) {
  auto bob = Create("bob", Permission::kResponder);
  auto day = Issue(admin_, "bob", {"laptop", std::nullopt, {}, std::chrono::hours(24)});
  ASSERT_TRUE(day.ok()) << day.error().message;
  Caller short_lived = *Auth(day->token);
  ASSERT_EQ(short_lived.token_expires_at, day->record.expires_at);
  // No expiry asked: the new one expires with its issuer.
  auto inherit = Issue(short_lived, "bob", {"ci", std::nullopt, {}, {}});
  ASSERT_TRUE(inherit.ok()) << inherit.error().message;
  EXPECT_EQ(inherit->record.expires_at, day->record.expires_at);
  // Longer than the issuer: refused, nothing stored; shorter: fine.
  auto longer = Issue(short_lived, "bob", {"ci", std::nullopt, {}, std::chrono::hours(48)});
  ASSERT_FALSE(longer.ok());
  EXPECT_EQ(longer.error().code, ErrorCode::kPermissionDenied);
  EXPECT_NE(longer.error().message.find("cannot issue one that lives longer"), std::string::npos);
  EXPECT_TRUE(Issue(short_lived, "bob", {"ci", std::nullopt, {}, std::chrono::hours(1)}).ok());
  auto tokens = Wait<std::vector<store::ApiToken>>(
      [&](auto done) { users_->ListTokens(admin_, "bob", done); });
  ASSERT_TRUE(tokens.ok());
  EXPECT_EQ(tokens->size(), 4u);  // the first, the day token, the inherited and the short one
  // An admin's expiring token is not capped (admins may issue any token).
  auto admin_day = Issue(admin_, "admin", {"", std::nullopt, {}, std::chrono::hours(24)});
  Caller admin_short = *Auth(admin_day->token);
  auto forever = Issue(admin_short, "bob", {"", std::nullopt, {}, {}});
  ASSERT_TRUE(forever.ok());
  EXPECT_FALSE(forever->record.expires_at);
}

TEST_F(UserServiceTest, ExpiryMustBeInTheFutureAndNotBoth) {
  auto past = Issue(admin_, "admin", {"", std::nullopt, clock_->Now(), {}});
  ASSERT_FALSE(past.ok());
  EXPECT_NE(past.error().message.find("'expires_at' must be in the future"), std::string::npos);
  auto both =
      Issue(admin_, "admin",
            {"", std::nullopt, clock_->Now() + std::chrono::hours(2), std::chrono::hours(1)});
  ASSERT_FALSE(both.ok());
  EXPECT_EQ(both.error().code, ErrorCode::kInvalidArgument);
  EXPECT_FALSE(Issue(admin_, "admin", {"", std::nullopt, {}, std::chrono::seconds(0)}).ok());
}

TEST_F(UserServiceTest, RevokingTakesEffectOnTheNextRequestThoughTheTokenWasCached) {
  auto sarah = Create("sarah", Permission::kResponder);
  Caller me = *Auth(sarah.token);  // cached now
  ASSERT_TRUE(Auth(sarah.token).ok());
  auto r = Revoke(me, sarah.record.id);  // her own
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->revoked_at.has_value());
  EXPECT_FALSE(Auth(sarah.token).ok());
  // Twice, or an unknown id: clear errors.
  auto again = Revoke(admin_, sarah.record.id);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(Revoke(admin_, 999).error().code, ErrorCode::kNotFound);
  // Someone else's token is "not found" to a non-admin, and stays live.
  auto bob = Create("bob", Permission::kResponder);
  Caller b = *Auth(bob.token);
  auto other = Revoke(b, 1);  // admin's first token
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(Auth(admin_token_).ok());
}

TEST_F(UserServiceTest, ADisabledUsersTokensAreRefusedAndTheLastAdminStays) {
  auto sarah = Create("sarah", Permission::kResponder);
  ASSERT_TRUE(Auth(sarah.token).ok());  // cached
  auto d = Disable(admin_, "sarah");
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_TRUE(d->user.disabled_at.has_value());
  auto r = Auth(sarah.token);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(r.error().message.find("disabled"), std::string::npos) << "reveals only 'not valid'";
  // No new token for a disabled user; enabling brings the old one back.
  EXPECT_EQ(Issue(admin_, "sarah", {}).error().code, ErrorCode::kFailedPrecondition);
  ASSERT_TRUE(Disable(admin_, "sarah", false).ok());
  EXPECT_TRUE(Auth(sarah.token).ok());
  // Not for a responder; never the last active admin.
  Caller s = *Auth(sarah.token);
  EXPECT_EQ(Disable(s, "admin").error().code, ErrorCode::kPermissionDenied);
  auto last = Disable(admin_, "admin");
  ASSERT_FALSE(last.ok());
  EXPECT_EQ(last.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(Auth(admin_token_).ok());
  auto demote = Wait<UserView>(
      [&](auto done) { users_->SetPermission(admin_, "admin", Permission::kViewer, done); });
  EXPECT_EQ(demote.error().code, ErrorCode::kFailedPrecondition);
  // With a second admin, the first may go.
  Create("root2", Permission::kAdmin);
  EXPECT_TRUE(Disable(admin_, "admin").ok());
  EXPECT_FALSE(Auth(admin_token_).ok());
}

TEST_F(UserServiceTest, ContactDetailsAreForAdminsAndTheUserThemselves) {
  auto sarah = Create("sarah", Permission::kResponder);
  Create("bob", Permission::kViewer);
  auto list = [&](const Caller& c) {
    return *Wait<std::vector<UserView>>([&](auto done) { users_->ListUsers(c, done); });
  };
  for (const auto& v : list(*Auth(sarah.token))) {
    EXPECT_EQ(v.contact_visible, v.user.handle == "sarah") << v.user.handle;
    EXPECT_EQ(v.user.email.empty(), v.user.handle != "sarah") << v.user.handle;
  }
  for (const auto& v : list(admin_)) EXPECT_TRUE(v.contact_visible);
}

TEST_F(UserServiceTest, NamesLabelsAndHandlesAreBoundedAndNeverEchoedWhole) {
  store::User u;
  u.handle = "long";
  u.name = std::string(UserLimits::kName + 1, 'x');
  auto r = Wait<IssuedToken>([&](auto done) { users_->CreateUser(admin_, u, done); });
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("'name' is 201 bytes long: at most 200"), std::string::npos)
      << r.error().message;
  u.name = "two\nlines";
  r = Wait<IssuedToken>([&](auto done) { users_->CreateUser(admin_, u, done); });
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("control character"), std::string::npos);
  u.name = "ok";
  u.handle = std::string(100'000, 'a');
  r = Wait<IssuedToken>([&](auto done) { users_->CreateUser(admin_, u, done); });
  ASSERT_FALSE(r.ok());
  EXPECT_LT(r.error().message.size(), 300u);
  EXPECT_NE(r.error().message.find("(100000 bytes)"), std::string::npos);
  auto label = Issue(admin_, "admin", {std::string(UserLimits::kLabel + 1, 'l'), {}, {}, {}});
  ASSERT_FALSE(label.ok());
  EXPECT_NE(label.error().message.find("'label'"), std::string::npos);
  // Nothing written.
  auto users = Wait<std::vector<UserView>>([&](auto done) { users_->ListUsers(admin_, done); });
  EXPECT_EQ(users->size(), 1u);
}

// A database of before scoped tokens (migration 0010 undone by hand): its
// tokens keep their user's permission and never expire.
TEST_F(UserServiceTest, TokensFromBeforeScopesKeepTheirUsersPermission) {
  Create("sarah", Permission::kResponder);
  users_.reset();
  store_.reset();
  std::string old_token = NewTokenSecret();
  store::Hash digest = TokenDigest(old_token);
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir_ / "t.db").c_str(), &db), SQLITE_OK);
    const char* undo =
        "DROP TABLE api_tokens;"
        "CREATE TABLE api_tokens (digest BLOB PRIMARY KEY, handle TEXT NOT NULL REFERENCES "
        "users (handle), label TEXT NOT NULL, created_at INTEGER NOT NULL, revoked_at INTEGER);"
        "ALTER TABLE users DROP COLUMN disabled_at;"
        "DELETE FROM schema_migrations WHERE version = 10;";
    ASSERT_EQ(sqlite3_exec(db, undo, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    sqlite3_stmt* q = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db,
                                 "INSERT INTO api_tokens (digest, handle, label, created_at) "
                                 "VALUES (?, 'sarah', 'laptop', 1)",
                                 -1, &q, nullptr),
              SQLITE_OK);
    sqlite3_bind_blob(q, 1, digest.data(), digest.size(), SQLITE_TRANSIENT);
    ASSERT_EQ(sqlite3_step(q), SQLITE_DONE);
    sqlite3_finalize(q);
    sqlite3_close(db);
  }
  auto s = store::sqlite::SqliteStore::Open((dir_ / "t.db").string());
  ASSERT_TRUE(s.ok()) << s.error().message;
  store_ = std::move(*s);
  users_ = std::make_unique<UserService>(*store_, clock_);
  auto c = Auth(old_token);
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->handle, "sarah");
  EXPECT_EQ(c->permission, Permission::kResponder);
  auto tokens = Wait<std::vector<store::ApiToken>>(
      [&](auto done) { users_->ListTokens(admin_, "sarah", done); });
  ASSERT_EQ(tokens->size(), 1u);
  EXPECT_EQ((*tokens)[0].label, "laptop");
  EXPECT_EQ((*tokens)[0].scope, Permission::kResponder);
  EXPECT_FALSE((*tokens)[0].expires_at.has_value());
  EXPECT_GT((*tokens)[0].id, 0);
}

TEST_F(UserServiceTest, LastUseIsRecordedToTheHourNotOnEveryRequest) {
  auto last_used = [&] {
    // A write queued after the touches: they are durable once it is.
    EXPECT_TRUE(store_->WriteSync([](store::WriteTx&) { return Success(); }).ok());
    auto t = Wait<std::vector<store::ApiToken>>(
        [&](auto done) { users_->ListTokens(admin_, "admin", done); });
    return (*t)[0].last_used_at;
  };
  TimePoint first = clock_->Now();
  EXPECT_EQ(last_used(), first);  // SetUp authenticated once
  clock_->Advance(std::chrono::minutes(59));
  ASSERT_TRUE(Auth(admin_token_).ok());
  EXPECT_EQ(last_used(), first);
  clock_->Advance(std::chrono::minutes(1));
  ASSERT_TRUE(Auth(admin_token_).ok());
  EXPECT_EQ(last_used(), clock_->Now());
}

// The real store, but the answer of one read can be held back: a token
// checked just before it was revoked must not land in the cache after.
class HeldReadStore final : public store::Store {
 public:
  explicit HeldReadStore(store::Store& real) : real_(real) {}
  void WriteIn(Lane lane, store::WriteFn fn, store::DoneFn done) override {
    real_.WriteIn(lane, std::move(fn), std::move(done));
  }
  void SetLaneLimit(Lane lane, std::size_t limit) override { real_.SetLaneLimit(lane, limit); }
  void Read(store::ReadFn fn, store::DoneFn done) override {
    if (!hold_next) return real_.Read(std::move(fn), std::move(done));
    hold_next = false;
    std::promise<Outcome> read;
    real_.Read(std::move(fn), [&read](Outcome r) { read.set_value(std::move(r)); });
    Outcome r = read.get_future().get();
    held = [r, done = std::move(done)] { done(r); };
  }
  void Close() override {}
  bool hold_next = false;
  std::function<void()> held;

 private:
  store::Store& real_;
};

TEST_F(UserServiceTest, ATokenReadBeforeItsRevocationIsNotCachedAfterIt) {
  HeldReadStore gate(*store_);
  UserService users(gate, clock_);
  auto sarah = Create("sarah", Permission::kResponder);
  gate.hold_next = true;
  std::promise<Result<Caller>> first;
  users.Authenticate(sarah.token, [&](Result<Caller> r) { first.set_value(std::move(r)); });
  ASSERT_TRUE(gate.held);  // read (live), not yet answered
  auto revoked =
      Wait<store::ApiToken>([&](auto done) { users.RevokeToken(admin_, sarah.record.id, done); });
  ASSERT_TRUE(revoked.ok()) << revoked.error().message;
  gate.held();  // the answer of the read from before the revocation arrives now
  EXPECT_TRUE(first.get_future().get().ok());
  auto next = Wait<Caller>([&](auto done) { users.Authenticate(sarah.token, done); });
  EXPECT_FALSE(next.ok()) << "a stale read filled the cache";
}

}  // namespace
}  // namespace warroom::engine
