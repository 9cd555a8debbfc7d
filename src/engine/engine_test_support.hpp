#pragma once

// Test set-up for the engine's services on the store's memory twin: a
// simulated clock, the default policy, a few users (an admin, two
// responders, a viewer) and an IncidentService. The twin answers before
// Write returns, so every call here is synchronous.
#include <gtest/gtest.h>

#include <optional>

#include "base/time_zone.hpp"
#include "core/clocks/business_calendar.hpp"
#include "engine/incident_service.hpp"
#include "store/memory/memory_store.hpp"

namespace warroom::engine::testing {

// A Thursday afternoon: inside business hours.
inline const TimePoint kMemoryStart = ParseTime("2026-02-12T14:00:00Z").value();

class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    core::Policy p = core::DefaultPolicy();
    auto cal = std::make_shared<core::BusinessCalendar>(p.business_hours,
                                                        std::make_shared<FixedOffsetZone>());
    policies_ = std::make_shared<PolicyRegistry>(PolicyEntry{std::move(p), cal});
    incidents_ = std::make_unique<IncidentService>(store_, clock_, policies_);
    AddUser("admin", store::Permission::kAdmin);
    AddUser("alice", store::Permission::kResponder);
    AddUser("bob", store::Permission::kResponder);
    AddUser("vic", store::Permission::kViewer);
  }

  void AddUser(const std::string& handle, store::Permission p) {
    store::User u;
    u.handle = handle;
    u.email = handle + "@example.com";
    u.permission = p;
    u.created_at = clock_->Now();
    ASSERT_TRUE(store_.WriteSync([&](store::WriteTx& tx) { return tx.InsertUser(u); }).ok());
  }

  static Caller As(const std::string& handle, store::Permission p = store::Permission::kResponder) {
    return Caller{handle, p};
  }
  static Caller Admin() { return As("admin", store::Permission::kAdmin); }

  Result<IncidentView> Run(const Caller& caller, const std::string& id, core::Command cmd,
                           std::optional<TimePoint> at = std::nullopt) {
    std::optional<Result<IncidentView>> out;
    incidents_->Execute(caller, {id, std::move(cmd), at},
                        [&out](Result<IncidentView> r) { out.emplace(std::move(r)); });
    EXPECT_TRUE(out.has_value()) << "the memory twin answers before Write returns";
    return out ? std::move(*out) : Result<IncidentView>(Error::Internal("no answer"));
  }

  // Declares, as `by`, an incident of `severity`; its id.
  std::string Declare(core::Severity severity, const std::string& by = "alice",
                      std::optional<core::Visibility> visibility = std::nullopt) {
    core::commands::Declare d;
    d.severity = severity;
    d.summary = "checkout is down";
    d.visibility = visibility;
    auto r = Run(As(by), "", d);
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r.ok() ? r->state.id : std::string();
  }

  Result<IncidentView> Get(const Caller& caller, const std::string& id) {
    std::optional<Result<IncidentView>> out;
    incidents_->Get(caller, id, [&out](Result<IncidentView> r) { out.emplace(std::move(r)); });
    EXPECT_TRUE(out.has_value());
    return out ? std::move(*out) : Result<IncidentView>(Error::Internal("no answer"));
  }

  // The types of an incident's stored events, in order.
  std::vector<std::string> EventTypes(const std::string& id) {
    std::vector<std::string> types;
    EXPECT_TRUE(store_
                    .ReadSync([&](store::ReadTx& tx) -> Outcome {
                      WARROOM_ASSIGN_OR_RETURN(auto rows, tx.LoadEvents(id));
                      for (const auto& r : rows) types.push_back(r.type);
                      return Success();
                    })
                    .ok());
    return types;
  }

  static const core::ClockView& ClockOf(const IncidentView& v, core::ClockKind k) {
    for (const auto& c : v.clocks)
      if (c.kind == k) return c;
    static const core::ClockView none;
    ADD_FAILURE() << "no clock " << core::ClockKindName(k);
    return none;
  }

  store::memory::MemoryStore store_;
  std::shared_ptr<SimulatedClock> clock_ = std::make_shared<SimulatedClock>(kMemoryStart);
  std::shared_ptr<PolicyRegistry> policies_;
  std::unique_ptr<IncidentService> incidents_;
};

}  // namespace warroom::engine::testing
