#pragma once

// Set-up shared by the in-process benchmarks: a fresh SQLite store, the
// default policy (or a variant), and an IncidentService over them.
#include <algorithm>
#include <filesystem>
#include <future>
#include <string>
#include <vector>

#include "core/clocks/business_calendar.hpp"
#include "engine/incident_service.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace warroom::bench {

inline std::filesystem::path FreshDb(const std::string& name) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("warroom-bench-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path p = dir / name;
  for (auto suffix : {"", "-wal", "-shm"}) fs::remove(p.string() + suffix);
  return p;
}

inline void RemoveDbs() {
  std::filesystem::remove_all(std::filesystem::temp_directory_path() /
                              ("warroom-bench-" + std::to_string(::getpid())));
}

inline std::shared_ptr<engine::PolicyRegistry> Registry(core::Policy p) {
  auto cal = std::make_shared<core::BusinessCalendar>(p.business_hours,
                                                      std::make_shared<FixedOffsetZone>());
  return std::make_shared<engine::PolicyRegistry>(engine::PolicyEntry{std::move(p), cal});
}

inline Result<engine::IncidentView> Run(engine::IncidentService& svc, engine::CommandRequest req) {
  std::promise<Result<engine::IncidentView>> p;
  auto f = p.get_future();
  svc.Execute(engine::Caller{"admin", store::Permission::kAdmin}, std::move(req),
              [&p](Result<engine::IncidentView> r) { p.set_value(std::move(r)); });
  return f.get();
}

// The q-quantile of `v` (sorted in place).
inline double Quantile(std::vector<double>& v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size())))];
}

}  // namespace warroom::bench
