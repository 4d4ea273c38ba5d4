// FakeOpenAi: an OpenAI-compatible chat completions server on loopback for tests and
// benchmarks, built to the documented API shape (OpenAI's OpenAPI spec,
// https://github.com/openai/openai-openapi:
// POST /v1/audio/transcriptions (multipart, verbose_json segments; at most 26,214,400 bytes) and
// POST /v1/chat/completions -> {id, object: "chat.completion", model, choices[{index, message:
// {role, content, refusal}, finish_reason}], usage{prompt_tokens, completion_tokens,
// total_tokens}}; errors {"error": {message, type, code}}).
//
// As strict as the real service where our client could go wrong (each refusal below follows
// OpenAI's OpenAPI spec, its structured-outputs guide and
// docs/architecture.md#openai-chat-completions):
//   - 401 without `Authorization: Bearer <key>`; 400 for a body that is not JSON, an argument
//     the spec does not define ("Unrecognized request argument supplied"), missing or malformed
//     messages; 404 `model_not_found` for a model it does not serve;
//   - 400 for a strict json_schema outside the supported subset: a name not matching
//     [a-zA-Z0-9_-]{1,64}, an object without additionalProperties:false or whose `required`
//     is not every property, a keyword strict mode does not support, more than 5 levels of
//     nesting or 100 properties;
//   - 400 `context_length_exceeded` when the prompt (about 4 bytes a token) plus
//     max_completion_tokens exceeds the model's window (128,000 unless set);
//   - an answer longer than max_completion_tokens is cut there with finish_reason "length";
//   - usage.prompt_tokens_details.cached_tokens: a schema + system prompt of 1,024+ tokens seen
//     before is reported cached, in 128-token steps, as OpenAI's prompt caching does.
//
// Its answer is chosen per request by a script of behaviours, so tests can make it slow, rate
// limit (429 + Retry-After), run out of quota, fail (500), hang past the client's timeout,
// return malformed JSON, refuse, be stopped by the content filter, answer at length, answer a
// clean call with nothing to report, or answer with a random instance of the request's own
// schema — or, for fault tests, fail every request for a while (an outage window) and then
// recover. A valid answer fills every script item the request's json_schema asks for.
// Thread-safe.
#pragma once

#include <atomic>
#include <boost/json/value.hpp>
#include <chrono>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "http/router.h"
#include "local_server.h"

namespace converza::testing {

class FakeOpenAi {
 public:
  enum class Behaviour {
    kValid,
    kRateLimited,
    kServerError,
    kMalformed,
    kRefusal,
    kHang,
    kContentFilter,      // finish_reason "content_filter"
    kInsufficientQuota,  // 429 insufficient_quota (a billing state)
    kClean,              // a clean call: no upsell, no coaching, empty evidence, neutral
    kLong,               // a valid answer of about 3,000 tokens (cut at the usual limits)
    kSchemaSample,       // a random instance of the request's schema (SampleFromSchema)
  };
  static constexpr int kBehaviours = 11;

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
  // The context window of every model (default 128,000 tokens, gpt-4o's).
  void set_context_tokens(long tokens) { context_tokens_ = tokens; }
  // Seeds kSchemaSample answers (request n uses seed + n).
  void set_sample_seed(unsigned long long seed) { sample_seed_ = seed; }
  // Requests answered 400 because the request broke the API's rules (see above).
  int invalid_requests() const { return invalid_requests_; }
  int max_prompt_tokens_seen() const { return max_prompt_tokens_seen_; }
  // The body of the last chat request (for assertions on what the client sent).
  std::string last_request() const;
  int requests() const { return requests_; }
  int transcriptions() const { return transcriptions_; }
  // The largest transcription request body received, in bytes.
  std::size_t largest_upload() const {
    std::lock_guard lock(mu_);
    return largest_upload_;
  }
  // OpenAI's limit on a transcription request (26,214,400 bytes; 413 above it).
  static constexpr std::size_t kMaxUploadBytes = 26214400;
  int max_in_flight() const { return max_in_flight_; }
  int in_flight() const { return in_flight_; }
  // Chat requests answered with behaviour `b` (kValid: a complete, valid insight).
  int answered(Behaviour b) const { return answered_[static_cast<int>(b)]; }

  // The assistant content of a valid answer for a request body (exposed for unit tests).
  static std::string ValidContent(const std::string& request_body);

 private:
  http::Response Handle(http::Request& req);
  // POST /v1/audio/transcriptions: multipart with model and a WAV file; verbose_json segments
  // where the audio has speech (see fake_openai.cc). 401 without a key, 413 over the size limit,
  // 400 for a malformed form, a missing model or file, audio that is not audio, or verbose_json
  // asked of a gpt-4o transcription model (which answer json only).
  http::Response HandleTranscription(http::Request& req);
  // The error the real API would answer `req` with, if any; the parsed body otherwise.
  std::optional<http::Response> Refuse(const http::Request& req, boost::json::value* parsed);
  Behaviour Next();

  std::chrono::milliseconds latency_;
  http::Router router_;
  std::unique_ptr<LocalServer> server_;
  mutable std::mutex mu_;
  std::deque<Behaviour> script_;
  Behaviour fallback_ = Behaviour::kValid;
  std::chrono::steady_clock::time_point fail_until_{};
  std::vector<Behaviour> failures_;
  std::size_t next_failure_ = 0;
  std::chrono::milliseconds hang_{0};
  std::atomic<int> answered_[kBehaviours] = {};
  std::atomic<int> requests_{0}, in_flight_{0}, max_in_flight_{0}, transcriptions_{0};
  std::atomic<int> invalid_requests_{0}, max_prompt_tokens_seen_{0};
  std::atomic<long> context_tokens_{128000};
  std::atomic<unsigned long long> sample_seed_{1};
  std::vector<std::string> cached_prefixes_;  // guarded by mu_
  std::string last_request_;                  // guarded by mu_
  std::size_t largest_upload_ = 0;            // guarded by mu_
};

}  // namespace converza::testing
