#pragma once

// The store contract suite's fixture: every case of store_contract_test.cpp
// runs against each adapter that instantiates it with a factory
// (INSTANTIATE_TEST_SUITE_P(Name, StoreContract, ::testing::Values(...))),
// as memory/, sqlite/ and postgres/ do.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>
#include <string>

#include "store/store.hpp"

namespace warroom::store {

struct StoreAdapter {
  std::string name;
  // Opens an empty store whose files, if any, live in `dir` (removed after).
  std::function<std::unique_ptr<Store>(const std::filesystem::path& dir)> open;
  // Optional: why the adapter cannot run here ("" when it can): the case is
  // skipped, or fails when `required` says so.
  std::function<std::string()> unavailable = nullptr;
  std::function<bool()> required = nullptr;
  // Optional: removes what `open` made outside `dir` (after the store closed).
  std::function<void(const std::filesystem::path& dir)> cleanup = nullptr;
};

// gtest prints the adapter by its name (in ctest's test names too).
inline void PrintTo(const StoreAdapter& a, std::ostream* os) { *os << a.name; }

inline std::string AdapterName(const ::testing::TestParamInfo<StoreAdapter>& info) {
  return info.param.name;
}

// A Result's error, or success: for writes whose value the case ignores.
template <typename T>
Outcome AsOutcome(const Result<T>& r) {
  return r.ok() ? Success() : Outcome(r.error());
}

// A time `s` seconds after the epoch.
inline TimePoint At(std::int64_t s) { return FromMicros(s * 1'000'000); }

// A user with a name, an email and `p`, created at At(1).
inline User Person(std::string handle, Permission p = Permission::kResponder) {
  User u;
  u.handle = std::move(handle);
  u.name = "Name of " + u.handle;
  u.email = u.handle + "@example.com";
  u.permission = p;
  u.created_at = At(1);
  return u;
}

class StoreContract : public ::testing::TestWithParam<StoreAdapter> {
 protected:
  void SetUp() override;
  void TearDown() override;
  Outcome Write(WriteFn fn) { return store_->WriteSync(std::move(fn)); }
  Outcome Read(ReadFn fn) { return store_->ReadSync(std::move(fn)); }

  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
};

}  // namespace warroom::store
