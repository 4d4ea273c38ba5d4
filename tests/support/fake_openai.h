// FakeOpenAi: an OpenAI-compatible chat completions server on loopback for tests and
// benchmarks, built to the documented API shape (shared/reference/openai.openapi.json:
// POST /v1/audio/transcriptions (multipart, verbose_json segments) and
// POST /v1/chat/completions -> {id, object: "chat.completion", model, choices[{index, message:
// {role, content, refusal}, finish_reason}], usage{prompt_tokens, completion_tokens,
// total_tokens}}; errors {"error": {message, type, code}}).
//
// Its answer is chosen per request by a script of behaviours, so tests can make it slow, rate
// limit (429 + Retry-After), fail (500), hang past the client's timeout, return malformed JSON,
// or refuse — or, for fault tests, fail every request for a while (an outage window) and then
// recover. A valid answer fills every script item the request's json_schema asks for.
// Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "http/router.h"
#include "local_server.h"

namespace converza::testing {

class FakeOpenAi {
 public:
  enum class Behaviour { kValid, kRateLimited, kServerError, kMalformed, kRefusal, kHang };
  static constexpr int kBehaviours = 6;

  explicit FakeOpenAi(std::chrono::milliseconds latency = std::chrono::milliseconds(0),
                      int handler_threads = 8);
  ~FakeOpenAi();
  // Behaviours for the next requests, in order; afterwards every request gets `fallback`.
  void Script(std::deque<Behaviour> next, Behaviour fallback = Behaviour::kValid);
  // For `window` from now, chat requests cycle through `failures` (whatever the script says);
  // afterwards the script and fallback apply again. A kHang request is held for `hang` (longer
  // than the client waits) and then answered 500.
  void FailFor(std::chrono::milliseconds window, std::vector<Behaviour> failures,
               std::chrono::milliseconds hang = std::chrono::seconds(3));
  std::string base_url() const;  // http://127.0.0.1:<port>/v1
  int requests() const { return requests_; }
  int transcriptions() const { return transcriptions_; }
  int max_in_flight() const { return max_in_flight_; }
  int in_flight() const { return in_flight_; }
  // Chat requests answered with behaviour `b` (kValid: a complete, valid insight).
  int answered(Behaviour b) const { return answered_[static_cast<int>(b)]; }

  // The assistant content of a valid answer for a request body (exposed for unit tests).
  static std::string ValidContent(const std::string& request_body);

 private:
  http::Response Handle(http::Request& req);
  Behaviour Next();

  std::chrono::milliseconds latency_;
  http::Router router_;
  std::unique_ptr<LocalServer> server_;
  std::mutex mu_;
  std::deque<Behaviour> script_;
  Behaviour fallback_ = Behaviour::kValid;
  std::chrono::steady_clock::time_point fail_until_{};
  std::vector<Behaviour> failures_;
  std::size_t next_failure_ = 0;
  std::chrono::milliseconds hang_{0};
  std::atomic<int> answered_[kBehaviours] = {};
  std::atomic<int> requests_{0}, in_flight_{0}, max_in_flight_{0}, transcriptions_{0};
};

}  // namespace converza::testing
