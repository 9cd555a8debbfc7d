// The store contract suite against the PostgreSQL adapter: a database of
// its own per case on the test cluster (pg_test_support.hpp), its name kept
// in the case's directory so the case's end drops it.
#include <fstream>

#include "store/postgres/pg_store.hpp"
#include "store/postgres/pg_test_support.hpp"
#include "store/store_contract_test.hpp"

namespace warroom::store {
namespace {

namespace pgt = postgres::testing;

StoreAdapter PostgresAdapter() {
  StoreAdapter a;
  a.name = "postgres";
  a.open = [](const std::filesystem::path& dir) -> std::unique_ptr<Store> {
    auto name = pgt::CreateDatabase();
    EXPECT_TRUE(name.ok()) << name.error().message;
    if (!name.ok()) return nullptr;
    std::ofstream(dir / "database") << *name;
    auto s = postgres::PgStore::Open(pgt::ConnInfo(*name));
    EXPECT_TRUE(s.ok()) << s.error().message;
    if (!s.ok()) return nullptr;
    return std::move(*s);
  };
  a.unavailable = pgt::Unavailable;
  a.required = pgt::Required;
  a.cleanup = [](const std::filesystem::path& dir) {
    std::string name;
    std::ifstream(dir / "database") >> name;
    if (!name.empty()) {
      auto r = pgt::DropDatabase(name);
      EXPECT_TRUE(r.ok()) << r.error().message;
    }
  };
  return a;
}

INSTANTIATE_TEST_SUITE_P(Postgres, StoreContract, ::testing::Values(PostgresAdapter()),
                         AdapterName);

}  // namespace
}  // namespace warroom::store
