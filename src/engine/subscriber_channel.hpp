#pragma once

#include <memory>
#include <string>

#include "base/clock.hpp"
#include "engine/channel.hpp"
#include "engine/status_page_notices.hpp"
#include "engine/subscriber_service.hpp"
#include "engine/subscriber_transport.hpp"
#include "store/store.hpp"

namespace warroom::engine {

// The "subscribers" destination: a notice's delivery queues one message
// per confirmed subscriber it concerns (in writes of a few hundred, each
// keyed by the notice and the subscriber, so a delivery cut short and tried
// again queues none twice). A maintenance's start or end by its schedule is
// dropped when the maintenance no longer starts or ends then.
class SubscriberFanout final : public Channel {
 public:
  SubscriberFanout(store::Store& store, std::shared_ptr<const Clock> clock,
                   const StatusPageNotices& notices);
  DeliveryResult Deliver(const store::OutboxMessage& m) override;

 private:
  // Whether a boundary notice still holds (the log as it is now).
  Result<bool> Holds(const Notice& n);

  store::Store& store_;
  std::shared_ptr<const Clock> clock_;
  const StatusPageNotices& notices_;
};

// The "subscriber" destination: one message to one subscriber (its id the
// recipient), by mail or webhook. Each carries a fresh single-use link
// (its secret minted now and stored as a digest): to confirm, for a
// confirmation; to unsubscribe, for a notice, also in List-Unsubscribe and
// List-Unsubscribe-Post (one click, RFC 8058). A webhook's confirmation is
// its answer to a challenge. Nothing goes to a subscriber who left or was
// removed meanwhile.
class SubscriberChannel final : public Channel {
 public:
  SubscriberChannel(store::Store& store, std::shared_ptr<const Clock> clock,
                    const StatusPageNotices& notices, SubscriberTransport& transport,
                    SubscriberPolicy policy);
  DeliveryResult Deliver(const store::OutboxMessage& m) override;

 private:
  // A new link's secret for `purpose`, its digest stored.
  Result<std::string> Mint(std::int64_t subscriber, store::SubscriberTokenPurpose purpose);
  DeliveryResult Confirmation(const store::Subscriber& s, const store::OutboxMessage& m);
  DeliveryResult NoticeTo(const store::Subscriber& s, const store::OutboxMessage& m);

  store::Store& store_;
  std::shared_ptr<const Clock> clock_;
  const StatusPageNotices& notices_;
  SubscriberTransport& transport_;
  SubscriberPolicy policy_;
};

// The texts of a notice mail (exposed for tests).
SubscriberMail NoticeMail(const StatusPageNotices& notices, const Notice& n, const std::string& to,
                          const std::string& unsubscribe_url, const std::string& key);
// The JSON a webhook subscriber receives, in the hosted Statuspage's shape
// (meta.unsubscribe, page, incident with its latest incident_update).
std::string NoticeWebhookBody(const StatusPageNotices& notices, const Notice& n,
                              const std::string& unsubscribe_url);

}  // namespace warroom::engine
