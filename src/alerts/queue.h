// Queueing alerts: which of the tenant's enabled rules a freshly analysed call matches, as one
// INSERT run in the transaction that stores the call's insight and tracker hits (so an alert is
// queued exactly when the insight is stored, and never without it). One delivery per rule, call
// and target (the webhook, each e-mail address); the table's unique key makes a re-analysis or
// a job that runs twice queue nothing new. The sender (alerts/sender.h) does the rest.
#pragma once

#include <string>

#include "db/connection.h"

namespace converza::alerts {

// Conditions, on public.insights and public.calls as stored in `tx`:
//   negative_long_call  sentiment_label = 'negative' and duration_s > threshold (seconds)
//   tracker_hit         the call has a tracker_hits row for the rule's tracker
//   ai_score_below      ai_score < threshold
//   upsell_above        upsell_cents > threshold * 100 (in the insight's currency)
// Only calls that started in the last day alert: re-analysing a year of history must not page
// anyone about old calls. Returns the number of deliveries queued.
long long QueueAlerts(db::Transaction& tx, const std::string& tenant_id,
                      const std::string& call_id);

}  // namespace converza::alerts
