#include "cli/status_page_export.hpp"

#include <filesystem>
#include <iostream>
#include <map>
#include <memory>

#include "base/atomic_file.hpp"
#include "cli/print.hpp"

namespace warroom::cli {

namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

// The public documents at fixed paths (the hosted Statuspage API's, the
// page, its feed and its stylesheet).
constexpr const char* kFixed[] = {
    "/api/v2/status.json",
    "/api/v2/summary.json",
    "/api/v2/components.json",
    "/api/v2/incidents.json",
    "/api/v2/incidents/unresolved.json",
    "/api/v2/scheduled-maintenances.json",
    "/api/v2/scheduled-maintenances/upcoming.json",
    "/api/v2/scheduled-maintenances/active.json",
    "/status",
    "/status/feed.atom",
    "/assets/status.css",
};

// The incidents' and maintenances' own pages, from the JSON just fetched.
Result<std::vector<std::string>> PagesOf(const std::string& incidents,
                                         const std::string& maintenances) {
  std::vector<std::string> out;
  auto ids = [&](const std::string& text, const char* key, const std::string& prefix) -> Outcome {
    boost::system::error_code ec;
    json::value v = json::parse(text, ec);
    if (ec || !v.is_object() || !v.as_object().contains(key) || !v.at(key).is_array())
      return Error::Internal(std::string("the server's ") + key + " document is not what it was");
    for (const auto& item : v.at(key).as_array())
      if (const auto* id = item.as_object().if_contains("id"); id && id->is_string())
        out.push_back(prefix + std::string(id->as_string()));
    return Success();
  };
  WARROOM_RETURN_IF_ERROR(ids(incidents, "incidents", "/status/incidents/"));
  WARROOM_RETURN_IF_ERROR(ids(maintenances, "scheduled_maintenances", "/status/maintenances/"));
  return out;
}

int Export(const ClientOptions& o, const std::string& dir) {
  Client client = MakeClient(o);
  std::map<std::string, std::string> files;
  for (const char* path : kFixed) {
    auto bytes = client.Fetch(path);
    if (!bytes.ok()) return Fail(bytes.error());
    files[path] = std::move(*bytes);
  }
  auto pages =
      PagesOf(files["/api/v2/incidents.json"], files["/api/v2/scheduled-maintenances.json"]);
  if (!pages.ok()) return Fail(pages.error());
  for (const std::string& path : *pages) {
    auto bytes = client.Fetch(path);
    if (!bytes.ok()) return Fail(bytes.error());
    files[path] = std::move(*bytes);
  }
  std::size_t bytes = 0;
  json::array written;
  for (const auto& [path, body] : files) {
    fs::path file = StaticFileFor(dir, path);
    if (Outcome w = WriteFileAtomically(file, body); !w.ok()) return Fail(w.error());
    bytes += body.size();
    written.push_back(json::object{{"path", path},
                                   {"file", file.string()},
                                   {"bytes", static_cast<std::int64_t>(body.size())}});
  }
  if (o.json) {
    std::cout << json::serialize(json::object{{"directory", dir}, {"files", std::move(written)}})
              << "\n";
  } else {
    std::cout << "Wrote " << files.size() << " files (" << bytes << " bytes) to " << dir
              << ": serve it as the web root of a static server, and the same URLs answer.\n";
  }
  return exit_code::kOk;
}

}  // namespace

void AddStatusPageExport(CLI::App* sp, const Registrar& k) {
  auto* c = sp->add_subcommand(
      "export", "Write the public page, its pages, feed and JSON as static files into DIR");
  auto dir = std::make_shared<std::string>();
  c->add_option("dir", *dir, "The directory (made if missing; files in it are replaced)")
      ->required();
  k.Runs(c, [opts = k.opts, dir] { return Export(*opts, *dir); });
}

}  // namespace warroom::cli
