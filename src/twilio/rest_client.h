// RestClient: the parts of Twilio's REST API Converza calls — number search, purchase, webhook
// update and release (API 2010-04-01), recording media, and Voice Intelligence transcripts and
// sentences (v2). Base URLs are configurable, so the same code talks to Twilio or to the local
// Twilio sandbox. Requests use HTTP Basic auth: the API key and secret when given, else the
// account's SID and auth token.
//
// Errors: Twilio's error JSON ({code, message, more_info, status}) becomes a Status whose
// message starts with "Twilio <code>:"; 429 and 5xx are retried here (exponential backoff,
// Retry-After honoured, 3 attempts) and, if they persist, come back as Unavailable so a job can
// retry later; other 4xx are InvalidArgument/NotFound (retrying will not help). Coroutines:
// include only from code already on an Asio event loop. Thread-safe (no mutable state).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>
#include <vector>

#include "common/status.h"
#include "http/client.h"

namespace converza::twilio {

struct Credentials {
  std::string account_sid;
  std::string auth_token;  // also what Twilio signs webhooks with, API key or not
  // An API key (SK…) and its secret: when set, requests authenticate with them instead of the
  // auth token (Twilio's advice for production: keys can be revoked one by one). The account
  // SID stays in every URL.
  std::string api_key;
  std::string api_secret;
};

struct AvailableNumber {
  std::string phone_number;  // E.164
  std::string friendly_name;
  std::string locality, region;
};

struct IncomingNumber {
  std::string sid;  // PN...
  std::string phone_number;
  std::string voice_url, status_callback;  // where its calls and call progress are sent
};

struct TranscriptStatus {
  std::string sid;     // GT...
  std::string status;  // queued | in-progress | completed | new | failed | canceled | error
};

struct Sentence {
  int channel = 0;  // media_channel: 1 = parent call leg, 2 = child leg (dual-channel recording)
  double start_s = 0, end_s = 0;
  std::string text;
  double confidence = 0;
};

class RestClient {
 public:
  RestClient(std::string api_base, std::string intelligence_base, Credentials credentials);

  boost::asio::awaitable<Result<std::vector<AvailableNumber>>> SearchLocalNumbers(
      std::string area_code, int limit = 20);
  // Buying is not idempotent: the POST is sent once (retried only after a 429, when Twilio
  // refused before acting). When its outcome is unknown — no answer, or a 5xx that may have come
  // after the number was bought — the account's numbers are asked (FindIncomingNumber) before
  // answering: owned now means bought; not owned is Unavailable, safe to try again.
  boost::asio::awaitable<Result<IncomingNumber>> BuyNumber(std::string phone_number,
                                                           std::string voice_url,
                                                           std::string status_callback);
  // The account's number with this E.164 value (GET IncomingPhoneNumbers.json?PhoneNumber=);
  // NotFound when the account does not own it.
  boost::asio::awaitable<Result<IncomingNumber>> FindIncomingNumber(std::string phone_number);
  boost::asio::awaitable<Status> UpdateNumberWebhooks(std::string number_sid, std::string voice_url,
                                                      std::string status_callback);
  boost::asio::awaitable<Status> ReleaseNumber(std::string number_sid);
  // The recording's audio; `format` "wav" or "mp3"; `range` an HTTP Range header value or "".
  // Answers 200 or 206 with Content-Type/Content-Range/Content-Length passed through.
  boost::asio::awaitable<Result<http::ClientResponse>> FetchRecording(std::string recording_sid,
                                                                      std::string format,
                                                                      std::string range);
  boost::asio::awaitable<Result<TranscriptStatus>> CreateTranscript(std::string service_sid,
                                                                    std::string recording_sid,
                                                                    std::string customer_key);
  boost::asio::awaitable<Result<TranscriptStatus>> FetchTranscript(std::string transcript_sid);
  // The transcript of this recording (GET /v2/Transcripts?SourceSid=), NotFound when none:
  // Twilio keeps one per recording, so it is looked for before one is created.
  boost::asio::awaitable<Result<TranscriptStatus>> FindTranscript(std::string recording_sid);
  // Deletes a transcript (a failed one, so the recording can be transcribed again).
  boost::asio::awaitable<Status> DeleteTranscript(std::string transcript_sid);
  // All sentences, following Twilio's paging (meta.next_page_url).
  boost::asio::awaitable<Result<std::vector<Sentence>>> FetchSentences(std::string transcript_sid);

  [[nodiscard]] const Credentials& credentials() const { return credentials_; }

 private:
  // What may be sent again: kIdempotent requests after any failure that may be transient
  // (no answer, 429, 5xx); kOnce only after a 429 (Twilio refused before acting).
  enum class Resend { kIdempotent, kOnce };
  boost::asio::awaitable<Result<http::ClientResponse>> Send(
      std::string method, std::string url, std::vector<std::pair<std::string, std::string>> form,
      std::string range = "", Resend resend = Resend::kIdempotent);

  const std::string api_base_;
  const std::string intelligence_base_;
  const Credentials credentials_;
};

// Maps a non-2xx Twilio response to a Status (see the class comment).
Status TwilioStatus(const http::ClientResponse& response);

}  // namespace converza::twilio
