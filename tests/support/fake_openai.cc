#include "fake_openai.h"

#include <boost/json.hpp>

namespace converza::testing {

namespace json = boost::json;

FakeOpenAi::FakeOpenAi(std::chrono::milliseconds latency, int handler_threads) : latency_(latency) {
  router_.Post("/v1/chat/completions", [this](http::Request& req) { return Handle(req); });
  // Whisper-style transcription (verbose_json). The request must be multipart with a WAV file
  // and a model; each channel file (channel1.wav / channel2.wav, see TranscribeStage) gets the
  // lines of its side of a short call.
  router_.Post("/v1/audio/transcriptions", [this](http::Request& req) {
    ++transcriptions_;
    if (req.header("content-type").find("multipart/form-data; boundary=") != 0 ||
        req.body.find("name=\"model\"") == std::string::npos ||
        req.body.find("RIFF") == std::string::npos) {
      return http::Response::Json(
          400,
          R"({"error":{"message":"expected multipart with model and file","type":"invalid_request_error","code":null}})");
    }
    const bool caller = req.body.find("filename=\"channel1.wav\"") != std::string::npos;
    json::array segments;
    auto add = [&](double start, double end, const char* text) {
      segments.push_back(json::object{{"id", segments.size()},
                                      {"seek", 0},
                                      {"start", start},
                                      {"end", end},
                                      {"text", text},
                                      {"avg_logprob", -0.1},
                                      {"no_speech_prob", 0.01}});
    };
    if (caller) {
      add(4.0, 7.5, " Hi, I'd like to upgrade to the premium plan.");
      add(12.0, 14.0, " Yes, let's do it. Thanks!");
    } else {
      add(0.5, 3.5, " Thanks for calling Acme, this is Maya. How can I help?");
      add(8.0, 11.5, " The premium plan is $20 a month. Shall I switch you over?");
      add(14.5, 17.0, " Done, you're on premium. Thanks for calling, goodbye!");
    }
    return http::Response::Json(200,
                                json::serialize(json::object{{"task", "transcribe"},
                                                             {"language", "english"},
                                                             {"duration", 17.0},
                                                             {"text", ""},
                                                             {"segments", std::move(segments)}}));
  });
  http::ServerOptions o = LocalServer::Quiet();
  o.handler_threads = handler_threads;
  o.body_limit = 8 << 20;
  server_ = std::make_unique<LocalServer>(router_, o);
}

FakeOpenAi::~FakeOpenAi() = default;

void FakeOpenAi::Script(std::deque<Behaviour> next, Behaviour fallback) {
  std::lock_guard lock(mu_);
  script_ = std::move(next);
  fallback_ = fallback;
}

void FakeOpenAi::FailFor(std::chrono::milliseconds window, std::vector<Behaviour> failures,
                         std::chrono::milliseconds hang) {
  std::lock_guard lock(mu_);
  fail_until_ = std::chrono::steady_clock::now() + window;
  failures_ = std::move(failures);
  next_failure_ = 0;
  hang_ = hang;
}

std::string FakeOpenAi::base_url() const { return server_->base_url() + "/v1"; }

FakeOpenAi::Behaviour FakeOpenAi::Next() {
  std::lock_guard lock(mu_);
  if (!failures_.empty() && std::chrono::steady_clock::now() < fail_until_) {
    return failures_[next_failure_++ % failures_.size()];
  }
  if (script_.empty()) return fallback_;
  auto b = script_.front();
  script_.pop_front();
  return b;
}

std::string FakeOpenAi::ValidContent(const std::string& request_body) {
  json::object script;
  boost::system::error_code ec;
  auto req = json::parse(request_body, ec);
  if (!ec) {
    const auto* props = req.as_object()
                            .at("response_format")
                            .at("json_schema")
                            .at("schema")
                            .at("properties")
                            .at("script")
                            .at("properties")
                            .if_object();
    if (props) {
      for (const auto& kv : *props) {
        script[kv.key()] = json::object{{"met", true}, {"evidence", "Thanks for calling."}};
      }
    }
  }
  json::object insight{
      {"sentiment", json::object{{"score", 0.6}, {"label", "positive"}}},
      {"converted", true},
      {"converted_evidence", "Yes, let's do it."},
      {"converted_at_ms", 5000},
      {"upsell_cents", 2000},
      {"currency", "USD"},
      {"upsell_items", json::array{json::object{{"name", "premium plan"}, {"cents", 2000}}}},
      {"script", std::move(script)},
      {"ai_score", 88},
      {"summary", "The customer upgraded to the premium plan."},
      {"coaching",
       json::array{json::object{{"note", "Recap the price before closing."}, {"at_ms", 4000}}}},
  };
  return json::serialize(insight);
}

http::Response FakeOpenAi::Handle(http::Request& req) {
  ++requests_;
  int now = ++in_flight_;
  for (int seen = max_in_flight_; now > seen && !max_in_flight_.compare_exchange_weak(seen, now);) {
  }
  const Behaviour behaviour = Next();
  if (latency_.count() > 0) std::this_thread::sleep_for(latency_);
  if (behaviour == Behaviour::kHang) {
    std::chrono::milliseconds hang;
    {
      std::lock_guard lock(mu_);
      hang = hang_;
    }
    std::this_thread::sleep_for(hang);
  }
  --in_flight_;
  ++answered_[static_cast<int>(behaviour)];
  auto error = [](int status, const char* type, const char* message) {
    return http::Response::Json(
        status,
        json::serialize(json::object{
            {"error", json::object{{"message", message}, {"type", type}, {"code", nullptr}}}}));
  };
  std::string content;
  json::value refusal = nullptr;
  switch (behaviour) {
    case Behaviour::kRateLimited: {
      auto r = error(429, "requests", "Rate limit reached for requests");
      r.set_header("Retry-After", "1");
      return r;
    }
    case Behaviour::kServerError:
    case Behaviour::kHang:  // the client gave up long ago
      return error(500, "server_error", "The server had an error while processing your request.");
    case Behaviour::kMalformed:
      content = "{\"sentiment\": {\"score\": 0.5, ";  // truncated JSON
      break;
    case Behaviour::kRefusal:
      refusal = "I'm sorry, I can't help with that.";
      break;
    case Behaviour::kValid:
      content = ValidContent(req.body);
      break;
  }
  json::object message{{"role", "assistant"},
                       {"content", refusal.is_null() ? json::value(content) : json::value(nullptr)},
                       {"refusal", refusal}};
  json::object body{
      {"id", "chatcmpl-fake" + std::to_string(requests_)},
      {"object", "chat.completion"},
      {"created", 1764000000},
      {"model", "gpt-4o-2024-08-06"},
      {"choices", json::array{json::object{{"index", 0},
                                           {"message", std::move(message)},
                                           {"logprobs", nullptr},
                                           {"finish_reason", "stop"}}}},
      {"usage",
       json::object{{"prompt_tokens", static_cast<std::int64_t>(req.body.size() / 4)},
                    {"completion_tokens", 120},
                    {"total_tokens", static_cast<std::int64_t>(req.body.size() / 4 + 120)}}},
  };
  return http::Response::Json(200, json::serialize(body));
}

}  // namespace converza::testing
