#include "engine/ingest_service.hpp"

#include "base/text.hpp"

#include "engine/alert_rows.hpp"
#include "engine/reply.hpp"
#include "engine/request_scope.hpp"

#include <algorithm>
#include <charconv>

#include "crypto/hmac.hpp"
#include "engine/tokens.hpp"
#include "engine/user_input.hpp"

namespace warroom::engine {

namespace {

constexpr std::string_view kKeyPrefix = "wri_";

// A retry of the request that made integration `name`'s key is told so: the
// key was shown once, with the original answer.
Outcome RecordKeyShownOnce(store::WriteTx& tx, const Caller& caller, const std::string& name,
                           const std::string& what) {
  return RecordShownOnce(tx, caller,
                         "this Idempotency-Key's request already " + what + " integration " + name +
                             "'s key; the key was shown once, in that answer. If the "
                             "answer was lost, rotate it again (warroom integration rotate " +
                             name + ")");
}

Error AdminsOnly() { return Error::PermissionDenied("integrations are managed by admins"); }

}  // namespace

void IngestService::CreateIntegration(const Caller& caller, std::string name, std::string type,
                                      std::function<void(Result<IssuedKey>)> done) {
  if (!caller.IsAdmin()) return done(AdminsOnly());
  if (auto r = CheckHandle(name); !r.ok())
    return done(Error::InvalidArgument("integration name: " + r.error().message));
  auto sender = core::ParseSender(type);
  if (!sender)
    return done(Error::InvalidArgument("unknown integration type '" + type +
                                       "': use alertmanager, grafana, pagerduty or generic"));
  auto out = std::make_shared<IssuedKey>(IssuedKey{name, NewTokenSecret(kKeyPrefix)});
  store::Integration i;
  i.name = name;
  i.type = *sender;
  i.created_at = clock_->Now();
  store_.Write(
      [caller, i, out](store::WriteTx& tx) -> Outcome {
        WARROOM_RETURN_IF_ERROR(tx.InsertIntegration(i, TokenDigest(out->key)));
        return RecordKeyShownOnce(tx, caller, i.name, "created");
      },
      [out, done = std::move(done)](Outcome r) { Reply(std::move(r), *out, done); });
}

void IngestService::ListIntegrations(
    const Caller& caller, std::function<void(Result<std::vector<store::Integration>>)> done) {
  if (!caller.IsAdmin()) return done(AdminsOnly());
  auto out = std::make_shared<std::vector<store::Integration>>();
  store_.Read(
      [out](store::ReadTx& tx) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(*out, tx.ListIntegrations());
        return Success();
      },
      [out, done = std::move(done)](Outcome r) { Reply(std::move(r), *out, done); });
}

void IngestService::SetEnabled(const Caller& caller, std::string name, bool enabled,
                               std::function<void(Result<Ok>)> done) {
  if (!caller.IsAdmin()) return done(AdminsOnly());
  store_.Write(
      [caller, name, enabled](store::WriteTx& tx) -> Outcome {
        WARROOM_RETURN_IF_ERROR(tx.SetIntegrationEnabled(name, enabled));
        return RecordAnswer(tx, caller, Ok{});
      },
      [done = std::move(done)](Outcome r) { done(std::move(r)); });
}

void IngestService::Rotate(const Caller& caller, std::string name,
                           std::function<void(Result<IssuedKey>)> done) {
  if (!caller.IsAdmin()) return done(AdminsOnly());
  auto out = std::make_shared<IssuedKey>(IssuedKey{name, NewTokenSecret(kKeyPrefix)});
  TimePoint now = clock_->Now();
  store_.Write(
      [caller, name, out, now](store::WriteTx& tx) -> Outcome {
        WARROOM_RETURN_IF_ERROR(tx.RotateIntegrationKey(name, TokenDigest(out->key), now));
        return RecordKeyShownOnce(tx, caller, name, "rotated");
      },
      [out, done = std::move(done)](Outcome r) { Reply(std::move(r), *out, done); });
}

Outcome CheckSignature(const std::string& integration, const core::SignatureCheck& check,
                       const std::map<std::string, std::string>& headers, const std::string& body,
                       TimePoint now) {
  auto header = [&headers](const std::string& name) {
    auto it = headers.find(AsciiLower(name));
    return it == headers.end() ? std::string() : it->second;
  };
  std::string where = "integration '" + integration + "' requires signed requests";
  std::string signature = header(check.header);
  if (signature.empty())
    return Error::Unauthenticated("the " + check.header + " header is missing: " + where +
                                  " (set the same secret as the sender's HMAC signature)");
  if (signature.rfind("sha256=", 0) == 0) signature.erase(0, 7);
  signature = AsciiLower(signature);
  std::string message = body;
  if (!check.timestamp_header.empty()) {
    std::string ts = header(check.timestamp_header);
    long long seconds = 0;
    auto [end, ec] = std::from_chars(ts.data(), ts.data() + ts.size(), seconds);
    constexpr long long kYear3000 = 32'503'680'000;  // beyond it the product would overflow
    if (ts.empty() || ec != std::errc() || end != ts.data() + ts.size() || seconds < 0 ||
        seconds > kYear3000)
      return Error::Unauthenticated("the " + check.timestamp_header +
                                    " header is missing or not Unix seconds: " + where);
    Duration skew = now - FromMicros(seconds * 1'000'000);
    if (skew > check.max_skew || -skew > check.max_skew)
      return Error::Unauthenticated(
          "the signed timestamp is " + FormatDurationWords(skew < Duration(0) ? -skew : skew) +
          " away from warroom's clock (at most " + FormatDurationWords(check.max_skew) +
          "): a replay, or a clock to fix");
    message = ts + ":" + body;
  }
  if (!crypto::ConstantTimeEqual(signature, crypto::HmacSha256Hex(check.secret, message)))
    return Error::Unauthenticated("the " + check.header + " signature does not match: " + where +
                                  " with the secret in the config's integrations." + integration);
  return Success();
}

namespace {

// A request's alerts and the rows they become, both made on the caller's
// thread (the writer only stores them). Shared, never moved into the write:
// a write may run again (a retried batch).
struct Batch {
  Result<std::vector<core::Alert>> alerts;
  std::vector<store::AlertRecord> rows;  // one per alert; the integration set in the write
};

// Stores each alert of `batch` as `integration`'s (a repeat updates the one
// it repeats), counting them in `out`.
Result<std::vector<AlertRouter::Report>> StoreAlerts(store::WriteTx& tx,
                                                     const std::string& integration, Batch& batch,
                                                     IngestResult& out) {
  const std::vector<core::Alert>& alerts = *batch.alerts;
  std::vector<AlertRouter::Report> reports;
  reports.reserve(alerts.size());
  for (std::size_t i = 0; i < alerts.size(); ++i) {
    store::AlertRecord& row = batch.rows[i];
    row.integration = integration;
    if (alerts[i].status == core::AlertStatus::kFiring) {
      // Most reports repeat a firing alert: counted, and not routed (the
      // router acts on new alerts and resolutions only). A sender that names
      // no start (match_open) repeats its open alert; else, or when none is
      // open, the alert of the report's own start.
      bool repeated = false;
      if (row.match_open) {
        WARROOM_ASSIGN_OR_RETURN(repeated, tx.RepeatOpenFiring(row));
      }
      if (!repeated) {
        WARROOM_ASSIGN_OR_RETURN(repeated, tx.RepeatFiring(row));
      }
      if (repeated) {
        ++out.received;
        ++out.repeats;
        continue;
      }
    } else if (row.match_open) {
      WARROOM_ASSIGN_OR_RETURN(auto start, tx.OpenAlertStart(integration, row.alert_key));
      if (!start) continue;  // acknowledging or resolving what is not open: nothing to do
      row.starts_at = *start;
    }
    WARROOM_ASSIGN_OR_RETURN(auto stored, tx.UpsertAlert(row));
    ++out.received;
    ++(stored.created ? out.created : out.repeats);
    reports.push_back({&alerts[i], std::move(stored)});
  }
  return reports;
}

}  // namespace

void IngestService::Ingest(const std::string& key, const std::string& type,
                           Result<std::vector<core::Alert>> translated, TimePoint now,
                           std::function<void(Result<IngestResult>)> done,
                           std::shared_ptr<const SignedRequest> signed_request) {
  auto bad_key = [] {
    return Error::Unauthenticated(
        "the integration key is missing, wrong or disabled: send it as 'Authorization: Bearer "
        "wri_...' or in the "
        "URL path (`warroom integration create` shows it once)");
  };
  if (!LooksLikeToken(key, kKeyPrefix)) return done(bad_key());
  store::Hash digest = TokenDigest(key);
  auto out = std::make_shared<IngestResult>();
  auto batch = std::make_shared<Batch>(Batch{std::move(translated), {}});
  if (batch->alerts.ok()) {
    batch->rows.reserve(batch->alerts->size());
    for (const core::Alert& a : *batch->alerts) batch->rows.push_back(AlertRow(a, "", now));
  }
  WriteRouted(
      store::Store::Lane::kIngest,
      [this, digest, type, batch, now, out, bad_key, signed_request](
          store::WriteTx& tx, std::vector<IncidentService::Executed>& executed,
          bool& queued) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(auto integration, tx.FindIntegrationByDigest(digest));
        if (!integration) return bad_key();
        if (std::string kind(core::SenderName(integration->type)); kind != type)
          return Error::InvalidArgument("integration '" + integration->name + "' is of type " +
                                        kind + ", not " + type + ": post to /api/v1/ingest/" +
                                        kind);
        if (auto check = signatures_.find(integration->name); check != signatures_.end()) {
          static const SignedRequest kUnsigned;
          const SignedRequest& r = signed_request ? *signed_request : kUnsigned;
          WARROOM_RETURN_IF_ERROR(
              CheckSignature(integration->name, check->second, r.headers, r.body, now));
        }
        if (!batch->alerts.ok()) return batch->alerts.error();
        *out = IngestResult();
        WARROOM_RETURN_IF_ERROR(tx.RecordReport(integration->name, now));
        WARROOM_ASSIGN_OR_RETURN(auto reports, StoreAlerts(tx, integration->name, *batch, *out));
        if (!router_) return Success();
        WARROOM_ASSIGN_OR_RETURN(auto routed, router_->Route(tx, integration->name, reports, now));
        executed = std::move(routed.executed);
        queued = routed.queued;
        for (const auto& e : executed)
          if (std::find(out->incidents.begin(), out->incidents.end(), e.view.state.id) ==
              out->incidents.end())
            out->incidents.push_back(e.view.state.id);
        return Success();
      },
      [out, done = std::move(done)](Outcome r) { Reply(std::move(r), *out, done); });
}

void IngestService::WriteRouted(store::Store::Lane lane, RoutedWrite write,
                                std::function<void(Outcome)> done) {
  auto executed = std::make_shared<std::vector<IncidentService::Executed>>();
  auto queued = std::make_shared<bool>(false);
  store_.WriteIn(
      lane,
      [write = std::move(write), executed, queued](store::WriteTx& tx) -> Outcome {
        executed->clear();
        *queued = false;
        return write(tx, *executed, *queued);
      },
      [this, executed, queued, done = std::move(done)](Outcome r) {
        if (r.ok() && incidents_)
          for (const auto& e : *executed) incidents_->Committed(e);
        if (r.ok() && *queued && on_outbox_) on_outbox_();
        if (r.ok() && bus_) bus_->Publish(ChangeKind::kAlerts);
        done(std::move(r));
      });
}

Result<bool> IngestService::Visible(store::ReadTx& tx, const Caller& caller,
                                    const store::AlertRecord& a,
                                    std::map<std::string, bool>& seen) const {
  if (a.incident_id.empty() || caller.IsAdmin() || !incidents_) return true;
  auto it = seen.find(a.incident_id);
  if (it != seen.end()) return it->second;
  WARROOM_ASSIGN_OR_RETURN(core::IncidentState s, incidents_->StateIn(tx, a.incident_id));
  return seen[a.incident_id] = CanSee(caller, s);
}

void IngestService::GetAlert(const Caller& caller, std::int64_t id,
                             std::function<void(Result<store::AlertRecord>)> done) {
  auto out = std::make_shared<store::AlertRecord>();
  store_.Read(
      [this, caller, id, out](store::ReadTx& tx) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(auto a, tx.FindAlert(id));
        std::map<std::string, bool> seen;
        bool visible = false;
        if (a) {
          WARROOM_ASSIGN_OR_RETURN(visible, Visible(tx, caller, *a, seen));
        }
        // A restricted incident's alerts are as hidden as the incident.
        if (!visible)
          return Error::NotFound("no alert " + std::to_string(id) + " (see `warroom alerts`)");
        *out = std::move(*a);
        return Success();
      },
      [out, done = std::move(done)](Outcome r) { Reply(std::move(r), *out, done); });
}

void IngestService::DeclareFromTriage(const Caller& caller, AlertRouter::Declaration d,
                                      std::function<void(Result<std::string>)> done) {
  if (!router_) return done(Error::Unavailable("alert routing is not set up"));
  auto id = std::make_shared<std::string>();
  TimePoint now = clock_->Now();
  WriteRouted(
      store::Store::Lane::kCommands,
      [this, caller, d = std::move(d), now, id](
          store::WriteTx& tx, std::vector<IncidentService::Executed>& executed, bool&) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(executed, router_->DeclareFromTriage(tx, caller, d, now));
        *id = executed.front().view.state.id;
        return RecordAnswer(tx, caller, *id);
      },
      [id, done = std::move(done)](Outcome r) { Reply(std::move(r), *id, done); });
}

void IngestService::AttachFromTriage(const Caller& caller, std::vector<std::int64_t> ids,
                                     std::string incident_id,
                                     std::function<void(Result<Ok>)> done) {
  if (!router_) return done(Error::Unavailable("alert routing is not set up"));
  TimePoint now = clock_->Now();
  WriteRouted(
      store::Store::Lane::kCommands,
      [this, caller, ids = std::move(ids), incident_id = std::move(incident_id), now](
          store::WriteTx& tx, std::vector<IncidentService::Executed>& executed, bool&) -> Outcome {
        WARROOM_ASSIGN_OR_RETURN(executed,
                                 router_->AttachFromTriage(tx, caller, ids, incident_id, now));
        return RecordAnswer(tx, caller, Ok{});
      },
      [done = std::move(done)](Outcome r) { done(std::move(r)); });
}

void IngestService::DismissFromTriage(const Caller& caller, std::vector<std::int64_t> ids,
                                      std::string reason, std::function<void(Result<Ok>)> done) {
  if (!router_) return done(Error::Unavailable("alert routing is not set up"));
  TimePoint now = clock_->Now();
  store_.Write(
      [this, caller, ids = std::move(ids), reason = std::move(reason),
       now](store::WriteTx& tx) -> Outcome {
        WARROOM_RETURN_IF_ERROR(router_->DismissFromTriage(tx, caller, ids, reason, now));
        return RecordAnswer(tx, caller, Ok{});
      },
      [done = std::move(done)](Outcome r) { done(std::move(r)); });
}

void IngestService::ListAlerts(const Caller& caller, store::AlertFilter f,
                               std::function<void(Result<std::vector<store::AlertRecord>>)> done) {
  auto out = std::make_shared<std::vector<store::AlertRecord>>();
  store_.Read(
      [this, caller, f, out](store::ReadTx& tx) -> Outcome {
        // Hidden alerts must not shorten a page either (a short page would
        // count them): read further until `limit` visible ones or the end.
        std::map<std::string, bool> seen;
        store::AlertFilter page = f;
        for (;;) {
          out->clear();
          WARROOM_ASSIGN_OR_RETURN(auto all, tx.ListAlerts(page));
          bool more = static_cast<int>(all.size()) == page.limit;
          for (auto& a : all) {
            if (static_cast<int>(out->size()) == f.limit) break;
            WARROOM_ASSIGN_OR_RETURN(bool visible, Visible(tx, caller, a, seen));
            if (visible) out->push_back(std::move(a));
          }
          if (static_cast<int>(out->size()) == f.limit || !more) return Success();
          page.limit = static_cast<int>(std::min<long long>(page.limit * 4LL, 1 << 30));
        }
      },
      [out, done = std::move(done)](Outcome r) { Reply(std::move(r), *out, done); });
}

}  // namespace warroom::engine
