#pragma once

// Test set-up for the engine's modules without a server: a SQLite store in a
// temporary directory, a simulated clock, the default policy (P1: two
// messages, the incidents channel and a page) and an IncidentService over
// them. (The store's memory twin can replace the SQLite file later.)
#include <gtest/gtest.h>

#include <filesystem>
#include <future>

#include "base/test_dir.hpp"
#include "base/time_zone.hpp"
#include "core/clocks/business_calendar.hpp"
#include "engine/incident_service.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace warroom::engine::testing {

inline const TimePoint kStart = ParseTime("2026-02-12T14:00:00Z").value();

class ModuleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = FreshTestDir("modules");
    auto s = store::sqlite::SqliteStore::Open((dir_ / "t.db").string());
    ASSERT_TRUE(s.ok()) << s.error().message;
    store_ = std::move(*s);
    core::Policy p = core::DefaultPolicy();
    p.levels[1].executive_notification.clear();
    auto cal = std::make_shared<core::BusinessCalendar>(p.business_hours,
                                                        std::make_shared<FixedOffsetZone>());
    policies_ = std::make_shared<PolicyRegistry>(PolicyEntry{std::move(p), cal});
    incidents_ = std::make_unique<IncidentService>(*store_, clock_, policies_);
  }
  void TearDown() override {
    incidents_.reset();
    if (store_) store_->Close();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  Result<IncidentView> Declare(core::Severity severity) {
    core::commands::Declare d;
    d.severity = severity;
    d.summary = "checkout is down";
    std::promise<Result<IncidentView>> p;
    incidents_->Execute(Caller{"admin", store::Permission::kAdmin}, {"", d, std::nullopt},
                        [&p](Result<IncidentView> r) { p.set_value(std::move(r)); });
    return p.get_future().get();
  }

  // The types of an incident's events, in order.
  std::vector<std::string> EventTypes(const std::string& id) {
    std::vector<std::string> types;
    EXPECT_TRUE(store_
                    ->ReadSync([&](store::ReadTx& tx) -> Outcome {
                      WARROOM_ASSIGN_OR_RETURN(auto rows, tx.LoadEvents(id));
                      for (const auto& r : rows) types.push_back(r.type);
                      return Success();
                    })
                    .ok());
    return types;
  }

  std::vector<store::OutboxMessage> Outbox() {
    std::vector<store::OutboxMessage> out;
    EXPECT_TRUE(store_
                    ->ReadSync([&](store::ReadTx& tx) -> Outcome {
                      WARROOM_ASSIGN_OR_RETURN(out, tx.ListOutbox(store::OutboxFilter{}));
                      return Success();
                    })
                    .ok());
    return out;
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::sqlite::SqliteStore> store_;
  std::shared_ptr<SimulatedClock> clock_ = std::make_shared<SimulatedClock>(kStart);
  std::shared_ptr<PolicyRegistry> policies_;
  std::unique_ptr<IncidentService> incidents_;
};

// Waits (real time) until `pred` holds; false after five seconds.
inline bool Eventually(const std::function<bool()>& pred) {
  for (int i = 0; i < 1000; ++i) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return pred();
}

template <typename Runner>
Result<TimePoint> AdvanceBy(Runner& runner, Duration by) {
  std::promise<Result<TimePoint>> p;
  runner.Advance(by, [&p](Result<TimePoint> r) { p.set_value(std::move(r)); });
  return p.get_future().get();
}

}  // namespace warroom::engine::testing
