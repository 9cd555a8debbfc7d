// The store contract suite against the SQLite adapter (a file in a fresh
// temporary directory per case).
#include "store/sqlite/sqlite_store.hpp"
#include "store/store_contract_test.hpp"

namespace warroom::store {
namespace {

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreContract,
                         ::testing::Values(StoreAdapter{
                             "sqlite",
                             [](const std::filesystem::path& dir) -> std::unique_ptr<Store> {
                               auto s = sqlite::SqliteStore::Open((dir / "t.db").string());
                               EXPECT_TRUE(s.ok()) << s.error().message;
                               if (!s.ok()) return nullptr;
                               return std::move(*s);
                             }}),
                         AdapterName);

}  // namespace
}  // namespace warroom::store
