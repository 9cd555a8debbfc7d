// SessionService on the store's memory twin: sign-in by password and by
// one-time link, the throttle of failed sign-ins (its delays recorded, not
// slept), session lifetimes on a simulated clock, sign-out, password
// changes and resets, and that a disabled user's sessions end.
#include "engine/session_service.hpp"

#include <gtest/gtest.h>

#include <future>
#include <mutex>

#include "engine/user_service.hpp"
#include "store/memory/memory_store.hpp"

namespace warroom::engine {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;
using store::Permission;

template <typename T, typename F>
T Wait(F start) {
  std::promise<T> p;
  start([&p](T r) { p.set_value(std::move(r)); });
  return p.get_future().get();
}

const ClientInfo kLaptop{"192.0.2.7", "Mozilla/5.0 (X11; Linux x86_64)"};
const ClientInfo kElsewhere{"198.51.100.9", "curl/8"};
const std::string kPassword = "correct horse battery staple";

class SessionServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (auto [h, p] :
         {std::pair{"admin", Permission::kAdmin}, std::pair{"alice", Permission::kResponder}}) {
      store::User u;
      u.handle = h;
      u.permission = p;
      u.created_at = clock_->Now();
      ASSERT_TRUE(store_.WriteSync([&](store::WriteTx& tx) { return tx.InsertUser(u); }).ok());
    }
    ASSERT_TRUE(SetPassword(Admin(), "alice", "", kPassword).ok());
  }

  static Caller Admin() { return Caller{"admin", Permission::kAdmin}; }

  Result<IssuedSession> SignIn(const std::string& handle, const std::string& password,
                               const ClientInfo& client = kLaptop) {
    return Wait<Result<IssuedSession>>(
        [&](auto done) { sessions_.SignIn(handle, password, client, done); });
  }
  Result<Caller> Auth(const std::string& secret) {
    return Wait<Result<Caller>>([&](auto done) { sessions_.Authenticate(secret, done); });
  }
  Outcome SetPassword(const Caller& c, const std::string& handle, const std::string& current,
                      const std::string& password) {
    return Wait<Outcome>(
        [&](auto done) { sessions_.SetPassword(c, handle, current, password, done); });
  }
  std::vector<Duration> Delays() {
    std::lock_guard lock(mu_);
    return delays_;
  }

  store::memory::MemoryStore store_;
  std::shared_ptr<SimulatedClock> clock_ =
      std::make_shared<SimulatedClock>(*ParseTime("2026-02-12T14:00:00Z"));
  PasswordHasher hasher_{crypto::PasswordCost::Least(), 1, 16};
  std::mutex mu_;
  std::vector<Duration> delays_;
  SessionService sessions_{store_, clock_, hasher_, [this](Duration d, std::function<void()> then) {
                             {
                               std::lock_guard lock(mu_);
                               delays_.push_back(d);
                             }
                             then();
                           }};
};

TEST_F(SessionServiceTest, APasswordOpensASessionWhoseCookieAuthenticatesItsUser) {
  auto s = SignIn("alice", kPassword);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->secret.rfind("wrs_", 0), 0u);
  EXPECT_EQ(s->csrf, CsrfTokenFor(s->secret));
  EXPECT_NE(s->csrf, CsrfTokenFor(s->secret + "x"));
  EXPECT_TRUE(s->password_set);
  EXPECT_EQ(s->session.expires_at, clock_->Now() + hours(24 * 7));
  EXPECT_EQ(s->session.client, "192.0.2.7");
  auto c = Auth(s->secret);
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->handle, "alice");
  EXPECT_EQ(c->permission, Permission::kResponder);
  EXPECT_EQ(c->session_id, s->session.id);
  EXPECT_EQ(c->token_id, 0);
  // The secret itself is stored nowhere: only its digest finds the session.
  ASSERT_TRUE(store_
                  .ReadSync([&](store::ReadTx& tx) -> Outcome {
                    WARROOM_ASSIGN_OR_RETURN(auto g,
                                             tx.FindSessionByDigest(TokenDigest(s->secret)));
                    EXPECT_TRUE(g.has_value());
                    return Success();
                  })
                  .ok());
}

TEST_F(SessionServiceTest, EveryWrongSignInGetsOneAnswerThatNamesNoReason) {
  store::User off;
  off.handle = "dave";
  off.created_at = clock_->Now();
  off.disabled_at = clock_->Now();
  ASSERT_TRUE(store_.WriteSync([&](store::WriteTx& tx) { return tx.InsertUser(off); }).ok());
  ASSERT_TRUE(store_
                  .WriteSync([&](store::WriteTx& tx) {
                    return tx.SetPasswordHash(
                        "dave", *crypto::HashPassword(kPassword, crypto::PasswordCost::Least()));
                  })
                  .ok());
  std::string first;
  for (auto [handle, password] : {std::pair{"alice", "wrong password!"}, std::pair{"nobody", "x"},
                                  std::pair{"admin", kPassword.c_str()},  // no password set
                                  std::pair{"dave", kPassword.c_str()},   // disabled
                                  std::pair{"alice", ""}, std::pair{"Not A Handle", "x"}}) {
    auto s = SignIn(handle, password);
    ASSERT_FALSE(s.ok()) << handle;
    EXPECT_EQ(s.error().code, ErrorCode::kUnauthenticated) << handle;
    if (first.empty()) first = s.error().message;
    EXPECT_EQ(s.error().message, first) << handle;
  }
  EXPECT_NE(first.find("handle or the password is wrong"), std::string::npos) << first;
  EXPECT_TRUE(SignIn("alice", kPassword).ok());
}

TEST_F(SessionServiceTest, FailuresSlowTheNextAttemptsOfTheAccountAndTheClientNeverLockThem) {
  for (int i = 0; i < 6; ++i) EXPECT_FALSE(SignIn("alice", "not the password", kElsewhere).ok());
  // The first three attempts cost nothing; after 3 failures 1 s, then 2 s, 4 s...
  EXPECT_EQ(Delays(), (std::vector<Duration>{seconds(1), seconds(2), seconds(4)}));
  // The right password still opens (after its wait) from another client:
  // slowed, never locked out, and a success clears the account's count.
  auto s = SignIn("alice", kPassword, kLaptop);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(Delays().back(), seconds(8));
  std::size_t waited = Delays().size();
  EXPECT_TRUE(SignIn("alice", kPassword, kLaptop).ok());
  EXPECT_EQ(Delays().size(), waited);
  // The client that failed is still slowed, for any account.
  EXPECT_FALSE(SignIn("admin", "guess guess guess", kElsewhere).ok());
  EXPECT_EQ(Delays().size(), waited + 1);
  // A quiet spell forgets them.
  clock_->Advance(minutes(16));
  EXPECT_FALSE(SignIn("admin", "guess guess guess", kElsewhere).ok());
  EXPECT_EQ(Delays().size(), waited + 1);
}

TEST(SignInDelay, GrowsFromTheThirdFailureAndStopsAtThirtySeconds) {
  EXPECT_EQ(SignInDelay(0), Duration::zero());
  EXPECT_EQ(SignInDelay(2), Duration::zero());
  EXPECT_EQ(SignInDelay(3), seconds(1));
  EXPECT_EQ(SignInDelay(4), seconds(2));
  EXPECT_EQ(SignInDelay(7), seconds(16));
  EXPECT_EQ(SignInDelay(8), seconds(30));
  EXPECT_EQ(SignInDelay(1000), seconds(30));
}

TEST_F(SessionServiceTest, ASessionEndsWhenIdleAtItsLifetimeAndWhenSignedOut) {
  auto s = SignIn("alice", kPassword);
  ASSERT_TRUE(s.ok());
  // In use, it lives on past the idle spell...
  for (int i = 0; i < 3; ++i) {
    clock_->Advance(hours(11));
    ASSERT_TRUE(Auth(s->secret).ok()) << i;
  }
  // ...and not past it.
  clock_->Advance(hours(12));
  auto idle = Auth(s->secret);
  ASSERT_FALSE(idle.ok());
  EXPECT_EQ(idle.error().code, ErrorCode::kUnauthenticated);

  auto t = SignIn("alice", kPassword);
  ASSERT_TRUE(t.ok());
  for (int i = 0; i < 16; ++i) {
    clock_->Advance(hours(11));
    if (!Auth(t->secret).ok()) break;
  }
  EXPECT_FALSE(Auth(t->secret).ok()) << "a week after signing in, whatever happens";

  auto u = SignIn("alice", kPassword);
  ASSERT_TRUE(u.ok());
  Caller c = *Auth(u->secret);
  EXPECT_TRUE(Wait<Outcome>([&](auto done) { sessions_.SignOut(c, done); }).ok());
  EXPECT_FALSE(Auth(u->secret).ok());
  auto twice = Wait<Outcome>([&](auto done) { sessions_.SignOut(c, done); });
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::kFailedPrecondition);
  auto token = Wait<Outcome>([&](auto done) { sessions_.SignOut(Admin(), done); });
  ASSERT_FALSE(token.ok());
  EXPECT_NE(token.error().message.find("API token"), std::string::npos);
  for (const char* bad : {"", "wrs_", "wr_0123", "wrs_zz"}) EXPECT_FALSE(Auth(bad).ok()) << bad;
}

TEST_F(SessionServiceTest, DisablingAUserEndsTheirSessionsForGood) {
  auto s = SignIn("alice", kPassword);
  ASSERT_TRUE(s.ok());
  UserService users(store_, clock_);
  auto off =
      Wait<Result<UserView>>([&](auto done) { users.SetDisabled(Admin(), "alice", true, done); });
  ASSERT_TRUE(off.ok()) << off.error().message;
  EXPECT_FALSE(Auth(s->secret).ok());
  auto on =
      Wait<Result<UserView>>([&](auto done) { users.SetDisabled(Admin(), "alice", false, done); });
  ASSERT_TRUE(on.ok());
  EXPECT_FALSE(Auth(s->secret).ok()) << "enabling them signs nobody back in";
  EXPECT_TRUE(SignIn("alice", kPassword).ok());
}

TEST_F(SessionServiceTest, ALinkSignsInOnceWithinFifteenMinutesAndAsksForAPassword) {
  auto link = Wait<Result<IssuedLink>>(
      [&](auto done) { sessions_.IssueSignInLink(Admin(), "admin", done); });
  ASSERT_TRUE(link.ok()) << link.error().message;
  EXPECT_EQ(link->secret.rfind("wrl_", 0), 0u);
  EXPECT_EQ(link->expires_at, clock_->Now() + minutes(15));
  auto s = Wait<Result<IssuedSession>>(
      [&](auto done) { sessions_.SignInWithLink(link->secret, kLaptop, done); });
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->user.handle, "admin");
  EXPECT_FALSE(s->password_set);
  EXPECT_TRUE(Auth(s->secret).ok());
  auto again = Wait<Result<IssuedSession>>(
      [&](auto done) { sessions_.SignInWithLink(link->secret, kLaptop, done); });
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kUnauthenticated);

  auto late = Wait<Result<IssuedLink>>(
      [&](auto done) { sessions_.IssueSignInLink(Admin(), "alice", done); });
  ASSERT_TRUE(late.ok());
  clock_->Advance(minutes(15));
  auto expired = Wait<Result<IssuedSession>>(
      [&](auto done) { sessions_.SignInWithLink(late->secret, kLaptop, done); });
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.error().message, again.error().message);
  auto forged = Wait<Result<IssuedSession>>(
      [&](auto done) { sessions_.SignInWithLink("wrl_" + std::string(64, '0'), kLaptop, done); });
  ASSERT_FALSE(forged.ok());

  auto not_admin = Wait<Result<IssuedLink>>(
      [&](auto done) { sessions_.IssueSignInLink(Caller{"alice"}, "alice", done); });
  ASSERT_FALSE(not_admin.ok());
  EXPECT_EQ(not_admin.error().code, ErrorCode::kPermissionDenied);
  auto nobody = Wait<Result<IssuedLink>>(
      [&](auto done) { sessions_.IssueSignInLink(Admin(), "nobody", done); });
  ASSERT_FALSE(nobody.ok());
  EXPECT_EQ(nobody.error().code, ErrorCode::kNotFound);
}

TEST_F(SessionServiceTest, OnesOwnPasswordChangesWithTheCurrentOneAnAdminResetEndsSessions) {
  Caller alice{"alice", Permission::kResponder};
  auto wrong = SetPassword(alice, "alice", "not it at all", "a brand new passphrase");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::kPermissionDenied);
  EXPECT_TRUE(SignIn("alice", kPassword).ok()) << "unchanged";
  for (const char* bad : {"short", "alice"}) {
    auto r = SetPassword(alice, "alice", kPassword, bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument) << bad;
  }
  auto too_long = SetPassword(alice, "alice", kPassword, std::string(kMaxPassword + 1, 'p'));
  ASSERT_FALSE(too_long.ok());
  ASSERT_TRUE(SetPassword(alice, "alice", kPassword, "a brand new passphrase").ok());
  EXPECT_FALSE(SignIn("alice", kPassword).ok());
  auto mine = SignIn("alice", "a brand new passphrase");
  ASSERT_TRUE(mine.ok());
  EXPECT_TRUE(Auth(mine->secret).ok()) << "changing one's own keeps one's sessions";

  auto others = SetPassword(alice, "admin", "", "a password for admin");
  ASSERT_FALSE(others.ok());
  EXPECT_EQ(others.error().code, ErrorCode::kPermissionDenied);
  ASSERT_TRUE(SetPassword(Admin(), "alice", "", "reset by the admin ok").ok());
  EXPECT_FALSE(Auth(mine->secret).ok()) << "a reset ends the user's sessions";
  EXPECT_TRUE(SignIn("alice", "reset by the admin ok").ok());
  auto unknown = SetPassword(Admin(), "nobody", "", "a password for nobody");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

TEST_F(SessionServiceTest, SessionsAreListedAndEndedByTheirUserOrAnAdmin) {
  auto a = SignIn("alice", kPassword, kLaptop);
  auto b = SignIn("alice", kPassword, kElsewhere);
  ASSERT_TRUE(a.ok() && b.ok());
  Caller alice{"alice", Permission::kResponder};
  auto list = Wait<Result<std::vector<store::WebSession>>>(
      [&](auto done) { sessions_.ListSessions(alice, "alice", done); });
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].client, "198.51.100.9");
  auto theirs = Wait<Result<std::vector<store::WebSession>>>(
      [&](auto done) { sessions_.ListSessions(alice, "admin", done); });
  ASSERT_FALSE(theirs.ok());
  EXPECT_EQ(theirs.error().code, ErrorCode::kPermissionDenied);
  for (const char* bad : {"Not A Handle", "nobody"}) {
    auto r = Wait<Result<std::vector<store::WebSession>>>(
        [&](auto done) { sessions_.ListSessions(Admin(), bad, done); });
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code,
              std::string(bad) == "nobody" ? ErrorCode::kNotFound : ErrorCode::kInvalidArgument);
  }
  auto wrong_owner = Wait<Outcome>(
      [&](auto done) { sessions_.RevokeSession(Admin(), "admin", b->session.id, done); });
  ASSERT_FALSE(wrong_owner.ok());
  EXPECT_EQ(wrong_owner.error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(Auth(b->secret).ok());
  ASSERT_TRUE(Wait<Outcome>([&](auto done) {
                sessions_.RevokeSession(Admin(), "alice", b->session.id, done);
              }).ok());
  EXPECT_FALSE(Auth(b->secret).ok());
  EXPECT_TRUE(Auth(a->secret).ok());
}

}  // namespace
}  // namespace warroom::engine
