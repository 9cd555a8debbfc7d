// The store contract suite against the memory twin.
#include "store/memory/memory_store.hpp"
#include "store/store_contract_test.hpp"

namespace warroom::store {
namespace {

INSTANTIATE_TEST_SUITE_P(Memory, StoreContract,
                         ::testing::Values(StoreAdapter{
                             "memory",
                             [](const std::filesystem::path&) -> std::unique_ptr<Store> {
                               return std::make_unique<memory::MemoryStore>();
                             }}),
                         AdapterName);

}  // namespace
}  // namespace warroom::store
