// The Twilio webhooks: the front door of the pipeline.
//   POST /webhooks/twilio/voice        inbound call -> TwiML dialling the tenant's agents with
//                                      dual-channel recording (unknown number: polite hang-up);
//                                      only phones the dial policy allows, and only while the
//                                      tenant's daily budget of minutes lasts (<Dial timeLimit>
//                                      is what is left of it; spent: a polite hang-up)
//   POST /webhooks/twilio/call-status  call metadata (status, duration) upserted
//   POST /webhooks/twilio/agent-answered  the dialled agent leg that picked up (ParentCallSid,
//                                      To): the call's agent, first answer wins, so calls on a
//                                      number ringing every agent are attributed too
//   POST /webhooks/twilio/recording    call + recording upserted and the `transcribe` job
//                                      enqueued in ONE transaction (group-committed with
//                                      concurrent webhooks); acked only after the commit
// Every request must carry a valid X-Twilio-Signature for the account in AccountSid (403
// otherwise, nothing written). Twilio retries: all are idempotent (CallSid/RecordingSid, and the
// first answer wins).
#pragma once

#include <functional>
#include <string>

#include "common/plan_limits.h"
#include "db/pool.h"
#include "http/router.h"
#include "twilio/accounts.h"
#include "twilio/dial_policy.h"
#include "webhooks/recording_batcher.h"

namespace converza::webhooks {

struct WebhookContext {
  db::Pool& pool;
  twilio::Accounts& accounts;
  RecordingBatcher& recordings;  // durable, group-committed storage of recording callbacks
  std::string public_url;        // PUBLIC_URL without trailing slash: what Twilio signed
  // Called after a job was enqueued (coalesced wake-up of workers); may be empty.
  std::function<void()> on_enqueued;
  // Called after a webhook created a call row (live dashboards: call.created); may be empty.
  std::function<void(const std::string& tenant_id, const std::string& call_id)> on_call_created;
  // Toll-fraud and spend limits on what the voice webhook dials: where agents may be dialled
  // (AGENT_DIAL_COUNTRIES) and the minutes per tenant per UTC day (DIAL_MINUTES_PER_DAY; none
  // unset).
  twilio::DialPolicy dial_policy{};
  PlanLimits dial_minutes_per_day{};
};

void AddTwilioWebhooks(http::Router& router, WebhookContext& context);

}  // namespace converza::webhooks
