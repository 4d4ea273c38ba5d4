// AlertSender: sends the queued alert deliveries (public.alert_deliveries) of every tenant —
// a signed JSON POST to the rule's webhook (alerts/signature.h, alerts/message.h) or an e-mail
// through the configured SMTP relay. `converza work` runs SendDue() about once a second.
//
// Claiming pushes a delivery's next_attempt_at past the send's deadline (a lease) under
// FOR UPDATE SKIP LOCKED, so several workers never send the same delivery at once, and a worker
// that dies mid-send leaves it to be tried again. A 2xx answer (or the relay's 250) marks it
// sent; a transport failure, 408, 429 or 5xx (or a 4xx from the relay) retries after
// RetryDelay() until max_attempts, then `failed` with the last error; other answers (4xx,
// redirects, which are not followed) fail at once. Errors record the status and a short reason,
// never the URL (a Slack URL is itself a secret). Blocking (HTTP and SMTP with deadlines): run it
// on a worker thread. Thread-safe.
#pragma once

#include <chrono>
#include <string>

#include "db/pool.h"
#include "mail/smtp_client.h"

namespace converza::alerts {

struct SenderOptions {
  int batch = 20;                            // deliveries claimed per SendDue()
  int max_attempts = 8;                      // then `failed`
  std::chrono::milliseconds timeout{10000};  // per webhook request
  std::string public_url = {};               // the dashboard, for links to the call
  const mail::SmtpClient* mailer = nullptr;  // null or unconfigured: e-mails fail, saying why
  // Post to loopback and private addresses too (alerts/target.h); off in production.
  bool allow_private_targets = false;
};

// The wait before attempt `attempts + 1`: 30 s, 2 min, 8 min, 32 min, then hourly, so eight
// attempts span about five hours of a receiver's outage. Deterministic: a delivery is one
// request, not a crowd of jobs to spread out.
std::chrono::seconds RetryDelay(int attempts);

class AlertSender {
 public:
  AlertSender(db::Pool& pool, SenderOptions options);
  // Sends up to `batch` due deliveries; returns how many were tried.
  int SendDue();

 private:
  db::Pool& pool_;
  const SenderOptions options_;
};

}  // namespace converza::alerts
