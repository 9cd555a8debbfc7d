// What the PostgreSQL adapter promises beyond the store contract: several
// stores (instances) on one database keep one gap-free, verifiable log; a
// lost connection is reopened and the work run again, nothing applied
// twice; payload bytes come back exactly; a subscriber's token used by two
// instances at once is used once; an unreachable server is a clear
// kUnavailable.
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>

#include "store/postgres/pg_store.hpp"
#include "store/postgres/pg_test_support.hpp"
#include "store/postgres/pg_tx.hpp"
#include "store/verify.hpp"

namespace warroom::store::postgres {
namespace {

namespace pgt = testing;

class PgStoreTest : public pgt::DatabaseTest {
 protected:
  std::unique_ptr<PgStore> Open() {
    auto s = PgStore::Open(pgt::ConnInfo(db_));
    EXPECT_TRUE(s.ok()) << s.error().message;
    return s.ok() ? std::move(*s) : nullptr;
  }
  static NewEvent Ev(const std::string& id, std::string payload = "{}") {
    return NewEvent{id,      FromMicros(1000), FromMicros(2000),  "user",
                    "alice", "note_added",     std::move(payload)};
  }
  // Appends one event to `id`, reading its head first and trying again when
  // another writer appended in between (the engine's read-modify-write).
  static Outcome AppendWithRetry(Store& s, const std::string& id, const std::string& payload) {
    for (int attempt = 0; attempt < 100; ++attempt) {
      Outcome r = s.WriteSync([&](WriteTx& tx) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(auto head, tx.ChainHead(id));
        auto e = tx.Append(Ev(id, payload), head ? head->first : 0);
        return e.ok() ? Success() : Outcome(e.error());
      });
      if (r.ok() || r.error().code != ErrorCode::kConflict) return r;
    }
    return Error::Internal("still conflicting after 100 attempts");
  }
  VerifyReport Verify() {
    auto c = Connection::Open(pgt::ConnInfo(db_));
    EXPECT_TRUE(c.ok());
    auto events = LoadAllEvents(**c);
    auto checkpoints = LoadCheckpoints(**c);
    EXPECT_TRUE(events.ok() && checkpoints.ok());
    VerifyInput in;
    in.events = &*events;
    in.checkpoints = &*checkpoints;
    return VerifyLog(in);
  }
};

TEST_F(PgStoreTest, TwoInstancesAppendingAtOnceKeepOneGapFreeVerifiableLog) {
  auto a = Open();
  auto b = Open();
  ASSERT_TRUE(a && b);
  constexpr int kPerThread = 40;
  std::atomic<int> failures{0};
  std::vector<std::thread> writers;
  // Two writers per instance, on two incidents they share: conflicts on each
  // chain, and the global sequence taken by both instances.
  for (int t = 0; t < 4; ++t) {
    Store& s = t % 2 ? *b : *a;
    writers.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        std::string id = (i + t) % 2 ? "INC-2026-01-01-001" : "INC-2026-01-01-002";
        auto r = AppendWithRetry(s, id, "{\"writer\":" + std::to_string(t) + "}");
        if (!r.ok()) {
          ADD_FAILURE() << r.error().message;
          ++failures;
        }
      }
    });
  }
  for (auto& w : writers) w.join();
  ASSERT_EQ(failures.load(), 0);
  auto report = Verify();
  EXPECT_TRUE(report.ok) << report.problem;
  EXPECT_EQ(report.events, 4 * kPerThread);
  EXPECT_EQ(report.incidents, 2);
  // Both instances read the other's writes at once.
  Outcome read = b->ReadSync([&](ReadTx& tx) -> Outcome {
    WARROOM_ASSIGN_OR_RETURN(auto last, tx.LastGlobalSeq());
    EXPECT_EQ(last, 4 * kPerThread);
    return Success();
  });
  EXPECT_TRUE(read.ok());
}

TEST_F(PgStoreTest, AWriteAfterTheServerDroppedTheConnectionIsRunAgainAndAppliedOnce) {
  auto s = Open();
  ASSERT_TRUE(s);
  ASSERT_TRUE(AppendWithRetry(*s, "INC-2026-01-01-001", "{\"n\":1}").ok());
  TerminateSessions();
  // The writer's connection is gone; the write reconnects and succeeds.
  auto r = AppendWithRetry(*s, "INC-2026-01-01-001", "{\"n\":2}");
  ASSERT_TRUE(r.ok()) << r.error().message;
  // So does a read, on a reader whose connection is gone too.
  std::vector<StoredEvent> events;
  Outcome read = s->ReadSync([&](ReadTx& tx) -> Outcome {
    WARROOM_ASSIGN_OR_RETURN(events, tx.LoadEvents("INC-2026-01-01-001"));
    return Success();
  });
  ASSERT_TRUE(read.ok()) << read.error().message;
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].payload, "{\"n\":2}");
  EXPECT_TRUE(Verify().ok);
}

// One group commit of writes submitted at once to three incidents, every
// fourth refused after it appended, and every fourth after that refused by
// the server for a statement sent without waiting (text that is not UTF-8): each refused write is
// undone alone (its savepoint), the others' appends are numbered without a gap, and the chain heads
// the transaction remembers follow only what was kept.
TEST_F(PgStoreTest, RefusedWritesInAGroupCommitAreUndoneAloneAndTheLogHasNoGap) {
  auto s = Open();
  ASSERT_TRUE(s);
  // Held until every write is queued, so that they share transactions.
  std::promise<void> go;
  std::shared_future<void> started = go.get_future().share();
  std::atomic<bool> first{true};
  std::mutex mu;
  std::condition_variable cv;
  int answered = 0;
  std::vector<Outcome> outcomes(30, Outcome(Error::Internal("not answered")));
  for (int i = 0; i < 30; ++i) {
    s->Write(
        [&, i](WriteTx& tx) -> Outcome {
          if (first.exchange(false)) started.wait();
          const std::string id = "INC-2026-01-01-00" + std::to_string(i % 3);
          WARROOM_ASSIGN_OR_RETURN(auto head, tx.ChainHead(id));
          WARROOM_ASSIGN_OR_RETURN(auto e, tx.Append(Ev(id, "{\"n\":" + std::to_string(i) + "}"),
                                                     head ? head->first : 0));
          if (i % 4 == 1) return Error::InvalidArgument("refused after appending");
          IncidentRow row;
          row.id = id;
          row.summary = i % 4 == 3 ? "not \xff UTF-8" : "fine";
          row.last_seq = e.incident_seq;
          return tx.UpsertIncident(row);
        },
        [&, i](Outcome r) {
          std::lock_guard lock(mu);
          outcomes[i] = std::move(r);
          ++answered;
          cv.notify_all();
        });
  }
  go.set_value();
  {
    std::unique_lock lock(mu);
    ASSERT_TRUE(cv.wait_for(lock, std::chrono::seconds(30), [&] { return answered == 30; }));
  }
  std::size_t kept[3] = {0, 0, 0};
  for (int i = 0; i < 30; ++i) {
    bool refused = i % 4 == 1 || i % 4 == 3;
    EXPECT_EQ(outcomes[i].ok(), !refused)
        << i << ": " << (outcomes[i].ok() ? "" : outcomes[i].error().message);
    if (!refused) ++kept[i % 3];
  }
  for (int k = 0; k < 3; ++k) {
    std::vector<StoredEvent> events;
    ASSERT_TRUE(s->ReadSync([&](ReadTx& tx) -> Outcome {
                   WARROOM_ASSIGN_OR_RETURN(events,
                                            tx.LoadEvents("INC-2026-01-01-00" + std::to_string(k)));
                   return Success();
                 }).ok());
    ASSERT_EQ(events.size(), kept[k]) << k;
    for (std::size_t n = 0; n < events.size(); ++n) EXPECT_EQ(events[n].incident_seq, n + 1);
  }
  auto report = Verify();
  EXPECT_TRUE(report.ok);
  EXPECT_GT(s->commits(), 0u);
  EXPECT_LT(s->commits(), 30u);  // they were grouped
}

// Without savepoints: a write refused before it sent a statement (a
// command Decide refuses) leaves the batch going on, nobody run twice; one
// refused after it wrote makes the batch run again without it.
TEST_F(PgStoreTest, AWriteRefusedBeforeWritingCostsTheBatchNothingAndOneAfterARerun) {
  auto s = Open();
  ASSERT_TRUE(s);
  for (bool after_writing : {false, true}) {
    // A gate holds the writer until the nine are queued: they share a batch.
    std::promise<void> running, go;
    std::shared_future<void> opened = go.get_future().share();
    std::future<Outcome> gate = std::async(std::launch::async, [&] {
      return s->WriteSync([&](WriteTx&) -> Outcome {
        running.set_value();
        opened.wait();
        return Success();
      });
    });
    running.get_future().wait();
    std::vector<std::atomic<int>> runs(10);
    std::vector<std::future<Outcome>> answers;
    for (int i = 1; i < 10; ++i) {
      auto p = std::make_shared<std::promise<Outcome>>();
      answers.push_back(p->get_future());
      s->Write(
          [&, i](WriteTx& tx) -> Outcome {
            ++runs[i];
            const std::string id = std::string(after_writing ? "A" : "B") + std::to_string(i);
            if (i == 5 && !after_writing) return Error::InvalidArgument("refused at once");
            WARROOM_ASSIGN_OR_RETURN(auto e, tx.Append(Ev(id), 0));
            (void)e;
            if (i == 5) return Error::InvalidArgument("refused after appending");
            return Success();
          },
          [p](Outcome r) { p->set_value(std::move(r)); });
    }
    go.set_value();
    ASSERT_TRUE(gate.get().ok());
    for (int i = 1; i < 10; ++i) EXPECT_EQ(answers[i - 1].get().ok(), i != 5) << i;
    // Refused after writing: those before it ran again, those after it
    // only in the batch that ran without it.
    for (int i = 1; i < 10; ++i)
      EXPECT_EQ(runs[i].load(), after_writing && i < 5 ? 2 : 1) << after_writing << " " << i;
  }
  std::int64_t last = 0;
  ASSERT_TRUE(s->ReadSync([&](ReadTx& tx) -> Outcome {
                 WARROOM_ASSIGN_OR_RETURN(last, tx.LastGlobalSeq());
                 return Success();
               }).ok());
  EXPECT_EQ(last, 16);  // eight kept a round
  EXPECT_TRUE(Verify().ok);
}

// A batch commits without waiting for the disk (the writers' lock is free
// sooner) and is answered only after a transaction of the writer's own
// that does wait: its row in writer_flushes counts one per batch.
TEST_F(PgStoreTest, EveryBatchIsFollowedByTheWritersDurableMark) {
  auto s = Open();
  ASSERT_TRUE(s);
  for (int i = 0; i < 3; ++i)
    ASSERT_TRUE(s->WriteSync([&](WriteTx& tx) -> Outcome {
                   auto e = tx.Append(Ev("M" + std::to_string(i)), 0);
                   return e.ok() ? Success() : Outcome(e.error());
                 }).ok());
  auto c = Connection::Open(pgt::ConnInfo(db_));
  ASSERT_TRUE(c.ok());
  auto rows = (*c)->Query("SELECT count(*), coalesce(sum(flushes), 0) FROM writer_flushes");
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  EXPECT_EQ(rows->Int(0, 0), 1);  // one writer
  EXPECT_GE(rows->Int(0, 1), static_cast<std::int64_t>(s->commits()));
  EXPECT_GE(s->commits(), 3u);
}

// A command's write names its incident and the head its instance holds
// (WriteFor): the batch reads the heads and the events since in advance,
// and the write sees exactly what the store holds, its own append included.
TEST_F(PgStoreTest, ACommandsHeadAndTheEventsSinceItsStateAreReadForItsBatch) {
  auto s = Open();
  ASSERT_TRUE(s);
  const std::string id = "INC-2026-01-01-001";
  for (int n = 1; n <= 3; ++n)
    ASSERT_TRUE(AppendWithRetry(*s, id, "{\"n\":" + std::to_string(n) + "}").ok());
  std::promise<Outcome> done;
  s->WriteFor(
      id, 1,
      [&](WriteTx& tx) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(auto head, tx.ChainHead(id));
        EXPECT_TRUE(head && head->first == 3);
        WARROOM_ASSIGN_OR_RETURN(auto since, tx.LoadEventsAfter(id, 1));
        EXPECT_EQ(since.size(), 2u);
        if (since.size() == 2) {
          EXPECT_EQ(since[0].incident_seq, 2);
          EXPECT_EQ(since[1].payload, "{\"n\":3}");
        }
        WARROOM_ASSIGN_OR_RETURN(auto e, tx.Append(Ev(id, "{\"n\":4}"), 3));
        WARROOM_ASSIGN_OR_RETURN(auto after, tx.LoadEventsAfter(id, 1));
        EXPECT_EQ(after.size(), 3u);
        if (after.size() == 3) EXPECT_EQ(after[2].hash, e.hash);
        WARROOM_ASSIGN_OR_RETURN(auto none, tx.ChainHead("INC-2026-01-01-404"));
        EXPECT_FALSE(none);
        return Success();
      },
      [&](Outcome r) { done.set_value(std::move(r)); });
  Outcome r = done.get_future().get();
  EXPECT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(Verify().ok);
}

TEST_F(PgStoreTest, PayloadBytesComeBackExactlyAsHashed) {
  auto s = Open();
  ASSERT_TRUE(s);
  std::string payload;
  for (int c = 0; c < 256; ++c) payload += static_cast<char>(c);
  std::optional<StoredEvent> written;
  ASSERT_TRUE(s->WriteSync([&](WriteTx& tx) -> Outcome {
                 WARROOM_ASSIGN_OR_RETURN(written, tx.Append(Ev("INC-2026-01-01-001", payload), 0));
                 return Success();
               }).ok());
  std::vector<StoredEvent> events;
  ASSERT_TRUE(s->ReadSync([&](ReadTx& tx) -> Outcome {
                 WARROOM_ASSIGN_OR_RETURN(events, tx.LoadEvents("INC-2026-01-01-001"));
                 return Success();
               }).ok());
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].payload, payload);
  EXPECT_EQ(events[0].hash, written->hash);
  EXPECT_TRUE(Verify().ok);
}

TEST_F(PgStoreTest, TwoInstancesUsingOneSubscriberTokenAtOnceUseItOnce) {
  auto a = Open();
  auto b = Open();
  ASSERT_TRUE(a && b);
  constexpr int kTokens = 20;
  auto digest = [](int i) {
    Hash h{};
    h[31] = static_cast<unsigned char>(i);
    return h;
  };
  ASSERT_TRUE(a->WriteSync([&](WriteTx& tx) -> Outcome {
                 Subscriber s;
                 s.address = "ops@example.com";
                 s.created_at = FromMicros(1000);
                 WARROOM_ASSIGN_OR_RETURN(auto id, tx.InsertSubscriber(s));
                 for (int i = 0; i < kTokens; ++i) {
                   SubscriberToken t;
                   t.subscriber_id = id;
                   t.created_at = FromMicros(1000);
                   t.expires_at = FromMicros(9'000'000);
                   WARROOM_RETURN_IF_ERROR(tx.InsertSubscriberToken(digest(i), t));
                 }
                 return Success();
               }).ok());
  // Each token used by both instances at once: one use, one refusal.
  for (int i = 0; i < kTokens; ++i) {
    std::promise<void> go;
    std::shared_future<void> started = go.get_future().share();
    auto use = [&](Store& s) {
      return std::async(std::launch::async, [&s, &digest, started, i] {
        started.wait();
        return s.WriteSync([&](WriteTx& tx) -> Outcome {
          auto r =
              tx.UseSubscriberToken(digest(i), SubscriberTokenPurpose::kConfirm, FromMicros(2000));
          return r.ok() ? Success() : Outcome(r.error());
        });
      });
    };
    auto from_a = use(*a);
    auto from_b = use(*b);
    go.set_value();
    Outcome ra = from_a.get();
    Outcome rb = from_b.get();
    EXPECT_NE(ra.ok(), rb.ok()) << "token " << i;
    const Outcome& refused = ra.ok() ? rb : ra;
    if (!refused.ok()) EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
  }
}

TEST_F(PgStoreTest, InstancesStartingTogetherApplyTheMigrationsOnce) {
  // A fresh, empty database (not the template's copy).
  auto admin = Connection::Open(pgt::ConnInfo("postgres"));
  ASSERT_TRUE(admin.ok());
  std::string fresh = db_ + "_empty";
  ASSERT_TRUE((*admin)->Script("CREATE DATABASE " + fresh).ok());
  std::vector<std::thread> starters;
  std::atomic<int> opened{0};
  for (int i = 0; i < 3; ++i)
    starters.emplace_back([&] {
      auto s = PgStore::Open(pgt::ConnInfo(fresh));
      if (s.ok()) {
        ++opened;
      } else {
        ADD_FAILURE() << s.error().message;
      }
    });
  for (auto& t : starters) t.join();
  EXPECT_EQ(opened.load(), 3);
  auto c = Connection::Open(pgt::ConnInfo(fresh));
  ASSERT_TRUE(c.ok());
  auto n = (*c)->Query("SELECT count(*), count(DISTINCT version) FROM schema_migrations");
  ASSERT_TRUE(n.ok()) << n.error().message;
  EXPECT_EQ(n->Int(0, 0), n->Int(0, 1));
  EXPECT_GT(n->Int(0, 0), 0);
  c->reset();
  EXPECT_TRUE(pgt::DropDatabase(fresh).ok());
}

TEST_F(PgStoreTest, AnUnreachableServerIsUnavailableAndSaysWhatToCheck) {
  // A port nothing listens on (the cluster's own, plus one, is unlikely to be
  // taken; a refusal is what matters).
  auto s = PgStore::Open("host=127.0.0.1 port=1 user=warroom dbname=x connect_timeout=2");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(s.error().message.find("cannot connect to PostgreSQL"), std::string::npos)
      << s.error().message;
  EXPECT_NE(s.error().message.find("--database"), std::string::npos) << s.error().message;
}

}  // namespace
}  // namespace warroom::store::postgres
