#include "engine/status_page_feed.hpp"

#include <spdlog/spdlog.h>

#include "core/status_page/maintenance.hpp"
#include "core/status_page/page_log.hpp"
#include "crypto/hmac.hpp"
#include "engine/stored_events.hpp"

namespace warroom::engine {

namespace sp = core::status_page;

namespace {

// Read at most this often while nothing changes: today's uptime runs on.
constexpr auto kStale = std::chrono::minutes(1);

}  // namespace

StatusPageFeed::StatusPageFeed(store::Store& store, std::shared_ptr<const Clock> clock,
                               sp::PageSettings settings, std::string slug_key)
    : store_(store),
      clock_(std::move(clock)),
      settings_(std::move(settings)),
      slug_key_(std::move(slug_key)) {}

StatusPageFeed::~StatusPageFeed() {
  if (bus_) bus_->Unsubscribe(subscription_);
}

std::string StatusPageSlug(std::string_view slug_key, const std::string& incident_id) {
  return crypto::HmacSha256Hex(slug_key, "status-page-slug:" + incident_id).substr(0, 16);
}

std::string StatusPageFeed::SlugOf(const std::string& incident_id) const {
  return StatusPageSlug(slug_key_, incident_id);
}

Result<sp::PageView> StatusPageFeed::Build(store::ReadTx& tx, TimePoint now) {
  store::IncidentFilter f;
  f.ignore_visibility = true;  // PublicIncidentOf keeps only a restricted one's statements
  f.limit = -1;
  WARROOM_ASSIGN_OR_RETURN(auto rows, tx.ListIncidents(f));
  const TimePoint since = now - std::chrono::hours(24) * settings_.history_days;
  std::vector<sp::PublicIncident> incidents;
  for (const store::IncidentRow& row : rows) {
    if (!row.open && row.updated_at < since) continue;
    WARROOM_ASSIGN_OR_RETURN(auto stored, tx.LoadEvents(row.id));
    WARROOM_ASSIGN_OR_RETURN(auto history, FromStored(stored));
    // Resolved before the window: gone from the history, even while its
    // review keeps it open.
    if (auto p = sp::PublicIncidentOf(history, settings_.rules, SlugOf(row.id));
        p && !(p->resolved_at && *p->resolved_at < since))
      incidents.push_back(std::move(*p));
  }
  WARROOM_ASSIGN_OR_RETURN(auto chain, tx.LoadEvents(std::string(core::events::kStatusPageChain)));
  WARROOM_ASSIGN_OR_RETURN(auto published, FromStored(chain));
  return sp::BuildPage(settings_.rules.components, std::move(incidents),
                       sp::ManualStatusesOf(published, settings_.rules.components),
                       sp::MaintenancesOf(published, settings_.rules.components), now,
                       settings_.history_days);
}

void StatusPageFeed::Publish(sp::PageView view, TimePoint now) {
  SnapshotPtr built;
  std::function<void(const SnapshotPtr&)> notify;
  {
    std::lock_guard lock(mu_);
    built = std::make_shared<const Snapshot>(Snapshot{std::move(view), ++version_, now});
    current_ = built;
    notify = on_built_;
  }
  if (notify) notify(built);
}

Outcome StatusPageFeed::Start() {
  TimePoint now = clock_->Now();
  std::optional<sp::PageView> view;
  WARROOM_RETURN_IF_ERROR(store_.ReadSync([&](store::ReadTx& tx) -> Outcome {
    WARROOM_ASSIGN_OR_RETURN(view, Build(tx, now));
    return Success();
  }));
  Publish(std::move(*view), now);
  return Success();
}

void StatusPageFeed::Listen(ChangeBus& bus) {
  bus_ = &bus;
  subscription_ = bus.Subscribe([this](const Change& c) {
    if (c.kind == ChangeKind::kIncident || c.kind == ChangeKind::kEverything ||
        c.kind == ChangeKind::kClock || c.kind == ChangeKind::kStatusPage)
      Rebuild();
  });
}

void StatusPageFeed::OnBuilt(std::function<void(const SnapshotPtr&)> fn) {
  std::lock_guard lock(mu_);
  on_built_ = std::move(fn);
}

StatusPageFeed::SnapshotPtr StatusPageFeed::Current() {
  SnapshotPtr now;
  {
    std::lock_guard lock(mu_);
    now = current_;
  }
  if (now && clock_->Now() - now->built_at > kStale) Rebuild();
  return now;
}

void StatusPageFeed::Rebuild() {
  {
    std::lock_guard lock(mu_);
    if (building_) {
      again_ = true;  // once this build is done
      return;
    }
    building_ = true;
  }
  TimePoint now = clock_->Now();
  auto view = std::make_shared<std::optional<sp::PageView>>();
  store_.Read(
      [this, now, view](store::ReadTx& tx) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(*view, Build(tx, now));
        return Success();
      },
      [this, now, view](Outcome r) {
        if (r.ok())
          Publish(std::move(**view), now);
        else
          spdlog::warn("status page: the rebuild failed, the last one is served: {}",
                       r.error().message);
        bool again = false;
        {
          std::lock_guard lock(mu_);
          building_ = false;
          std::swap(again, again_);
        }
        if (again) Rebuild();
      });
}

}  // namespace warroom::engine
