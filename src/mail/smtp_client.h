// SmtpClient: sends one e-mail per call over plain SMTP (RFC 5321) to a configured relay — the
// account e-mails (password recovery, invitations) Converza sends. Plain SMTP with optional
// AUTH PLAIN (RFC 4954) is what a local relay or a test sink speaks; a provider that needs TLS
// sits behind a local relay (postfix, or the provider's SMTP proxy) on loopback.
//
// Blocking: every read and write has a deadline (`timeout`), so a stuck relay costs one
// background thread at most that long. Stateless between sends, thread-safe. The password
// never reaches a log line or an error message.
#pragma once

#include <chrono>
#include <string>

#include "common/status.h"

namespace converza::mail {

struct SmtpSettings {
  std::string host = {};      // SMTP_HOST; empty: mail is not configured
  int port = 25;              // SMTP_PORT
  std::string user = {};      // SMTP_USER: AUTH PLAIN when set
  std::string password = {};  // SMTP_PASS (never logged)
  std::string from = {};      // SMTP_FROM, e.g. "Converza <no-reply@example.com>"
  std::string helo = "converza.local";
  std::chrono::milliseconds timeout{10000};
};

struct Message {
  std::string to = {};       // one address
  std::string subject = {};  // ASCII or UTF-8 (sent as an RFC 2047 encoded word when not ASCII)
  std::string text = {};     // text/plain; charset=utf-8 body, lines ending in \n
};

// The envelope address inside "Name <addr>" (or the whole string).
std::string AddressOf(const std::string& mailbox);

// The DATA section for `m`: headers, the body with CRLF line ends and dot-stuffing
// (RFC 5321 4.5.2), without the final ".". Pure, for tests.
std::string FormatMessage(const SmtpSettings& s, const Message& m, const std::string& date,
                          const std::string& message_id);

class SmtpClient {
 public:
  explicit SmtpClient(SmtpSettings settings) : settings_(std::move(settings)) {}
  [[nodiscard]] bool configured() const { return !settings_.host.empty(); }
  // Ok when the relay accepted the message (250 after DATA); Unavailable for network failures
  // and 4xx replies, InvalidArgument for 5xx replies.
  Status Send(const Message& m) const;

 private:
  SmtpSettings settings_;
};

// Sends on a detached thread and logs the outcome (recipient domain and `purpose`, never the
// message or the password), so the caller's answer neither waits for the relay nor reveals by its
// timing whether a mail was sent. No-op with a log line when mail is not configured.
void SendInBackground(const SmtpClient& client, Message m, std::string purpose);

}  // namespace converza::mail
