#include "fake_openai.h"

#include <boost/json.hpp>
#include <cmath>
#include <optional>
#include <random>
#include <regex>

#include "schema_sample.h"
#include "twilio/simulator/audio.h"

namespace converza::testing {

namespace json = boost::json;

FakeOpenAi::FakeOpenAi(std::chrono::milliseconds latency, int handler_threads) : latency_(latency) {
  router_.Post("/v1/chat/completions", [this](http::Request& req) { return Handle(req); });
  router_.Post("/v1/audio/transcriptions",
               [this](http::Request& req) { return HandleTranscription(req); });
  http::ServerOptions o = LocalServer::Quiet();
  o.handler_threads = handler_threads;
  // Larger than OpenAI's 25 MB so that the fake, like the API, reads an oversized upload and
  // answers 413 itself.
  o.body_limit = 40 << 20;
  server_ = std::make_unique<LocalServer>(router_, o);
}

FakeOpenAi::~FakeOpenAi() = default;

namespace {

struct FormPart {
  std::string name, filename, content;
};

// multipart/form-data (RFC 7578) parts, or nullopt when the body is not well formed.
std::optional<std::vector<FormPart>> ParseMultipart(std::string_view content_type,
                                                    std::string_view body) {
  constexpr std::string_view kPrefix = "multipart/form-data; boundary=";
  if (content_type.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  const std::string delimiter = "--" + std::string(content_type.substr(kPrefix.size()));
  std::vector<FormPart> parts;
  std::size_t at = body.find(delimiter);
  if (at != 0) return std::nullopt;
  while (true) {
    at += delimiter.size();
    if (body.substr(at, 2) == "--") return parts;  // the closing delimiter
    if (body.substr(at, 2) != "\r\n") return std::nullopt;
    const std::size_t headers_end = body.find("\r\n\r\n", at);
    const std::size_t next = body.find("\r\n" + delimiter, at);
    if (headers_end == std::string_view::npos || next == std::string_view::npos ||
        headers_end > next) {
      return std::nullopt;
    }
    const std::string_view headers = body.substr(at + 2, headers_end - at - 2);
    auto attribute = [&](std::string_view key) {
      const std::string k = std::string(key) + "=\"";
      std::size_t p = headers.find(k);
      if (p == std::string_view::npos) return std::string();
      p += k.size();
      return std::string(headers.substr(p, headers.find('"', p) - p));
    };
    parts.push_back({attribute("; name"), attribute("filename"),
                     std::string(body.substr(headers_end + 4, next - headers_end - 4))});
    at = next + 2;
  }
}

// Stretches of speech in 16-bit PCM samples (all channels mixed), in seconds: 20 ms frames whose
// RMS is above a floor, joined across gaps shorter than 300 ms.
std::vector<std::pair<double, double>> SpeechSpans(const twilio::simulator::Pcm& pcm) {
  const std::size_t frame = static_cast<std::size_t>(pcm.sample_rate / 50) * pcm.channels;
  std::vector<std::pair<double, double>> spans;
  const double frame_s = 0.02;
  for (std::size_t f = 0; frame > 0 && (f + 1) * frame <= pcm.samples.size(); ++f) {
    double sum = 0;
    const std::int16_t* samples = pcm.samples.data() + f * frame;
    for (std::size_t i = 0; i < frame; ++i) sum += double(samples[i]) * samples[i];
    if (std::sqrt(sum / double(frame)) < 200) continue;
    const double start = double(f) * frame_s, end = start + frame_s;
    if (!spans.empty() && start - spans.back().second < 0.3) {
      spans.back().second = end;
    } else {
      spans.emplace_back(start, end);
    }
  }
  return spans;
}

double Centiseconds(double s) { return std::round(s * 100) / 100; }

}  // namespace

http::Response FakeOpenAi::HandleTranscription(http::Request& req) {
  ++transcriptions_;
  {
    std::lock_guard lock(mu_);
    largest_upload_ = std::max(largest_upload_, req.body.size());
  }
  auto error = [this](int status, const std::string& message, const char* type, const char* param,
                      const char* code) {
    ++invalid_requests_;
    json::object e{{"message", message},
                   {"type", type},
                   {"param", param ? json::value(param) : json::value(nullptr)},
                   {"code", code ? json::value(code) : json::value(nullptr)}};
    return http::Response::Json(status, json::serialize(json::object{{"error", std::move(e)}}));
  };
  if (req.header("authorization").rfind("Bearer ", 0) != 0) {
    return error(401, "You didn't provide an API key.", "invalid_request_error", nullptr, nullptr);
  }
  // The limit is on the whole request, as the API words it: "Maximum content size limit
  // (26214400) exceeded (N bytes read)" with 413 and type server_error.
  if (req.body.size() > kMaxUploadBytes) {
    return error(413,
                 "Maximum content size limit (" + std::to_string(kMaxUploadBytes) + ") exceeded (" +
                     std::to_string(req.body.size()) + " bytes read)",
                 "server_error", nullptr, nullptr);
  }
  auto parts = ParseMultipart(req.header("content-type"), req.body);
  if (!parts) {
    return error(400, "Could not parse multipart form", "invalid_request_error", nullptr, nullptr);
  }
  std::string model, format = "json";
  const FormPart* file = nullptr;
  for (const auto& p : *parts) {
    if (p.name == "model") model = p.content;
    if (p.name == "response_format") format = p.content;
    if (p.name == "file") file = &p;
  }
  if (model.empty()) {
    return error(400, "you must provide a model parameter", "invalid_request_error", nullptr,
                 nullptr);
  }
  if (file == nullptr) {
    return error(400, "Missing required parameter: 'file'.", "invalid_request_error", "file",
                 "missing_required_parameter");
  }
  // AudioResponseFormat: the gpt-4o transcription models take json (or text) only.
  if (model.rfind("gpt-4o", 0) == 0 && format == "verbose_json") {
    return error(400,
                 "response_format 'verbose_json' is not compatible with this model. Use 'json' "
                 "or 'text' instead.",
                 "invalid_request_error", "response_format", "unsupported_value");
  }
  auto pcm = twilio::simulator::ParseWav(file->content);
  if (!pcm.ok()) {
    return error(400,
                 "Invalid file format. Supported formats: ['flac', 'm4a', 'mp3', 'mp4', 'mpeg', "
                 "'mpga', 'oga', 'ogg', 'wav', 'webm']",
                 "invalid_request_error", nullptr, nullptr);
  }
  // What is "said": a segment per stretch of speech in the audio, timed as in the file; the
  // first few carry the lines of a short upgrade call, the caller's side for files named
  // channel1… (see TranscribeStage), the agent's otherwise.
  static constexpr const char* kCaller[] = {" Hi, I'd like to upgrade to the premium plan.",
                                            " Yes, let's do it. Thanks!"};
  static constexpr const char* kAgent[] = {
      " Thanks for calling Acme, this is Maya. How can I help?",
      " The premium plan is $20 a month. Shall I switch you over?",
      " Done, you're on premium. Thanks for calling, goodbye!"};
  const bool caller = file->filename.rfind("channel1", 0) == 0;
  const auto spans = SpeechSpans(*pcm);
  json::array segments;
  for (const auto& [start, end] : spans) {
    const std::size_t i = segments.size();
    std::string text = caller ? (i < std::size(kCaller) ? kCaller[i] : "")
                              : (i < std::size(kAgent) ? kAgent[i] : "");
    if (text.empty()) text = " And one more thing, number " + std::to_string(i + 1) + ".";
    segments.push_back(json::object{{"id", i},
                                    {"seek", 0},
                                    {"start", Centiseconds(start)},
                                    {"end", Centiseconds(end)},
                                    {"text", text},
                                    {"avg_logprob", -0.1},
                                    {"no_speech_prob", 0.01}});
  }
  const double duration =
      double(pcm->samples.size()) / std::max(1, pcm->channels) / std::max(1, pcm->sample_rate);
  return http::Response::Json(200,
                              json::serialize(json::object{{"task", "transcribe"},
                                                           {"language", "english"},
                                                           {"duration", Centiseconds(duration)},
                                                           {"text", ""},
                                                           {"segments", std::move(segments)}}));
}

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

std::string FakeOpenAi::last_request() const {
  std::lock_guard lock(mu_);
  return last_request_;
}

namespace {

// Every argument of CreateChatCompletionRequest in OpenAI's OpenAPI spec (with the properties it
// inherits from CreateModelResponseProperties and ModelResponseProperties).
constexpr std::string_view kRequestArguments[] = {"audio",
                                                  "frequency_penalty",
                                                  "function_call",
                                                  "functions",
                                                  "logit_bias",
                                                  "logprobs",
                                                  "max_completion_tokens",
                                                  "max_tokens",
                                                  "messages",
                                                  "metadata",
                                                  "modalities",
                                                  "model",
                                                  "moderation",
                                                  "n",
                                                  "parallel_tool_calls",
                                                  "prediction",
                                                  "presence_penalty",
                                                  "prompt_cache_key",
                                                  "prompt_cache_options",
                                                  "prompt_cache_retention",
                                                  "reasoning_effort",
                                                  "response_format",
                                                  "safety_identifier",
                                                  "seed",
                                                  "service_tier",
                                                  "stop",
                                                  "store",
                                                  "stream",
                                                  "stream_options",
                                                  "temperature",
                                                  "tool_choice",
                                                  "tools",
                                                  "top_logprobs",
                                                  "top_p",
                                                  "user",
                                                  "verbosity",
                                                  "web_search_options"};

// Models that take strict json_schema response formats (structured outputs need
// gpt-4o-2024-08-06+ or gpt-4o-mini-2024-07-18+; the aliases point at such snapshots).
bool KnownModel(std::string_view m) {
  return m == "gpt-4o" || m == "gpt-4o-mini" || m == "gpt-4o-2024-08-06" ||
         m == "gpt-4o-2024-11-20" || m == "gpt-4o-mini-2024-07-18";
}

http::Response Error(int status, std::string message, std::string type, json::value param,
                     json::value code) {
  return http::Response::Json(
      status, json::serialize(json::object{{"error", json::object{{"message", std::move(message)},
                                                                  {"type", std::move(type)},
                                                                  {"param", std::move(param)},
                                                                  {"code", std::move(code)}}}}));
}

http::Response BadRequest(std::string message, json::value param = nullptr) {
  return Error(400, std::move(message), "invalid_request_error", std::move(param), nullptr);
}

// Strict structured outputs accept a subset of JSON Schema (OpenAI's structured outputs guide,
// "Supported schemas", https://platform.openai.com/docs/guides/structured-outputs): these
// keywords, every object closed and fully required, at most 5 levels of nesting and 100
// properties.
struct StrictSchemaCheck {
  int properties = 0;
  std::string error;

  void Check(const json::value& v, const std::string& context, int depth) {
    if (!error.empty()) return;
    if (!v.is_object()) {
      error = "In context=(" + context + "), schema must be a JSON Schema of 'type: \"object\"'";
      return;
    }
    const json::object& o = v.get_object();
    static constexpr std::string_view kSupported[] = {"type",
                                                      "properties",
                                                      "required",
                                                      "additionalProperties",
                                                      "items",
                                                      "enum",
                                                      "const",
                                                      "anyOf",
                                                      "description",
                                                      "title",
                                                      "minItems",
                                                      "maxItems",
                                                      "minimum",
                                                      "maximum",
                                                      "exclusiveMinimum",
                                                      "exclusiveMaximum",
                                                      "multipleOf",
                                                      "pattern",
                                                      "format",
                                                      "$ref",
                                                      "$defs",
                                                      "definitions"};
    for (const auto& kv : o) {
      bool ok = false;
      for (auto k : kSupported) ok |= kv.key() == k;
      if (!ok) {
        error = "In context=(" + context + "), '" + std::string(kv.key()) + "' is not permitted.";
        return;
      }
    }
    const json::value* type = o.if_contains("type");
    bool is_object = type && ((type->is_string() && type->get_string() == "object"));
    if (is_object) {
      if (depth > 5) {
        error = "In context=(" + context + "), " + std::to_string(depth + 1) +
                " levels of nesting exceeds limit of 5";
        return;
      }
      const json::value* ap = o.if_contains("additionalProperties");
      if (!ap || !ap->is_bool() || ap->get_bool()) {
        error = "In context=(" + context +
                "), 'additionalProperties' is required to be supplied and to be false.";
        return;
      }
      const json::value* props = o.if_contains("properties");
      const json::value* req = o.if_contains("required");
      if (!props || !props->is_object()) return;
      for (const auto& kv : props->get_object()) {
        ++properties;
        bool listed = false;
        if (req && req->is_array()) {
          for (const auto& r : req->get_array())
            listed |= r.is_string() && r.get_string() == kv.key();
        }
        if (!listed) {
          error = "In context=(" + context +
                  "), 'required' is required to be supplied and to be an array including every "
                  "key in properties. Missing '" +
                  std::string(kv.key()) + "'.";
          return;
        }
        Check(kv.value(),
              context + (context.empty() ? "" : ", ") + "'properties', '" + std::string(kv.key()) +
                  "'",
              depth + 1);
      }
      if (properties > 100) error = "The schema has more than 100 object properties.";
    }
    if (const json::value* items = o.if_contains("items")) {
      Check(*items, context + (context.empty() ? "" : ", ") + "'items'", depth);
    }
  }
};

// About 4 bytes a token, as OpenAI's tokenizers average on English.
long Tokens(std::string_view text) { return static_cast<long>((text.size() + 3) / 4); }

std::string CleanContent() {
  return R"({"sentiment":{"score":0,"label":"neutral"},"converted":false,"converted_evidence":"",)"
         R"("converted_at_ms":null,"upsell_cents":0,"currency":"USD","upsell_items":[],)"
         R"("script":__SCRIPT__,"ai_score":75,"summary":"The customer asked about their order )"
         R"(and the agent answered.","coaching":[]})";
}

}  // namespace

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

std::optional<http::Response> FakeOpenAi::Refuse(const http::Request& req, json::value* parsed) {
  auto bad = [this](http::Response r) {
    ++invalid_requests_;
    return std::optional<http::Response>(std::move(r));
  };
  const std::string_view auth = req.header("authorization");
  if (auth.rfind("Bearer ", 0) != 0 || auth.size() <= 7) {
    return bad(
        Error(401,
              "You didn't provide an API key. You need to provide your API key in an "
              "Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
              "invalid_request_error", nullptr, nullptr));
  }
  boost::system::error_code ec;
  *parsed = json::parse(req.body, ec);
  if (ec || !parsed->is_object()) {
    return bad(BadRequest(
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't "
        "using your HTTP library correctly.)"));
  }
  const json::object& o = parsed->get_object();
  for (const auto& kv : o) {
    bool known = false;
    for (auto k : kRequestArguments) known |= kv.key() == k;
    if (!known) {
      return bad(BadRequest("Unrecognized request argument supplied: " + std::string(kv.key())));
    }
  }
  const json::value* model = o.if_contains("model");
  if (!model || !model->is_string()) return bad(BadRequest("you must provide a model parameter"));
  if (!KnownModel(model->get_string())) {
    return bad(Error(404,
                     "The model `" + std::string(model->get_string()) +
                         "` does not exist or you do not have access to it.",
                     "invalid_request_error", nullptr, "model_not_found"));
  }
  const json::value* messages = o.if_contains("messages");
  if (!messages || !messages->is_array() || messages->get_array().empty()) {
    return bad(BadRequest("[] is too short - 'messages'", "messages"));
  }
  long prompt = 0;
  std::size_t i = 0;
  for (const auto& m : messages->get_array()) {
    const json::object* mo = m.if_object();
    const json::value* role = mo ? mo->if_contains("role") : nullptr;
    const json::value* content = mo ? mo->if_contains("content") : nullptr;
    static constexpr std::string_view kRoles[] = {"system", "developer", "user", "assistant"};
    bool role_ok = false;
    for (auto r : kRoles) role_ok |= role && role->is_string() && role->get_string() == r;
    if (!role_ok || !content || !content->is_string()) {
      return bad(BadRequest("Invalid value for 'messages[" + std::to_string(i) + "]'.",
                            json::string("messages[" + std::to_string(i) + "]")));
    }
    prompt += Tokens(content->get_string()) + 4;
    ++i;
  }
  long max_completion = 16384;  // gpt-4o's output limit
  if (const json::value* m = o.if_contains("max_completion_tokens")) {
    if (!m->is_int64() || m->get_int64() < 1) {
      return bad(BadRequest("Invalid 'max_completion_tokens': expected a positive integer.",
                            "max_completion_tokens"));
    }
    max_completion = static_cast<long>(m->get_int64());
  }
  if (const json::value* rf = o.if_contains("response_format")) {
    const json::object* rfo = rf->if_object();
    const json::value* js = rfo ? rfo->if_contains("json_schema") : nullptr;
    if (!rfo || !rfo->if_contains("type") || rfo->at("type") != "json_schema" || !js ||
        !js->is_object()) {
      return bad(BadRequest("Invalid 'response_format': expected a json_schema object.",
                            "response_format"));
    }
    const json::object& jso = js->get_object();
    const json::value* name = jso.if_contains("name");
    static const std::regex kName("^[a-zA-Z0-9_-]{1,64}$");
    if (!name || !name->is_string() || !std::regex_match(std::string(name->get_string()), kName)) {
      return bad(
          BadRequest("Invalid 'response_format.json_schema.name': must be a-z, A-Z, 0-9, "
                     "or contain underscores and dashes, with a maximum length of 64.",
                     "response_format.json_schema.name"));
    }
    const json::value* schema = jso.if_contains("schema");
    const json::value* strict = jso.if_contains("strict");
    if (strict && strict->is_bool() && strict->get_bool()) {
      StrictSchemaCheck check;
      if (!schema)
        check.error = "schema must be supplied";
      else
        check.Check(*schema, "", 1);
      if (!check.error.empty()) {
        return bad(BadRequest("Invalid schema for response_format '" +
                                  std::string(name->get_string()) + "': " + check.error,
                              "response_format"));
      }
    }
    if (schema) prompt += Tokens(json::serialize(*schema));
  }
  for (int seen = max_prompt_tokens_seen_;
       prompt > seen &&
       !max_prompt_tokens_seen_.compare_exchange_weak(seen, static_cast<int>(prompt));) {
  }
  if (prompt + max_completion > context_tokens_) {
    return bad(Error(400,
                     "This model's maximum context length is " + std::to_string(context_tokens_) +
                         " tokens. However, you requested " +
                         std::to_string(prompt + max_completion) + " tokens (" +
                         std::to_string(prompt) + " in the messages, " +
                         std::to_string(max_completion) +
                         " in the completion). Please reduce the length of the messages or "
                         "completion.",
                     "invalid_request_error", "messages", "context_length_exceeded"));
  }
  return std::nullopt;
}

http::Response FakeOpenAi::Handle(http::Request& req) {
  ++requests_;
  {
    std::lock_guard lock(mu_);
    last_request_ = req.body;
  }
  json::value parsed;
  if (auto refused = Refuse(req, &parsed)) return *refused;
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
  const int n = ++answered_[static_cast<int>(behaviour)];
  const json::object& request = parsed.get_object();
  static const json::value kNoSchema = json::object{};
  const json::value* rf_schema = nullptr;
  if (auto* rf = request.if_contains("response_format")) {
    rf_schema = rf->at("json_schema").as_object().if_contains("schema");
  }
  const json::value& schema = rf_schema ? *rf_schema : kNoSchema;
  long max_completion = 16384;
  if (auto* m = request.if_contains("max_completion_tokens")) max_completion = m->get_int64();
  std::string content;
  json::value refusal = nullptr;
  std::string finish = "stop";
  switch (behaviour) {
    case Behaviour::kRateLimited: {
      auto r = Error(429,
                     "Rate limit reached for gpt-4o in organization org-fake on requests per "
                     "min (RPM): Limit 500, Used 500, Requested 1. Please try again in 1s.",
                     "requests", nullptr, "rate_limit_exceeded");
      r.set_header("Retry-After", "1");
      return r;
    }
    case Behaviour::kInsufficientQuota:
      return Error(429,
                   "You exceeded your current quota, please check your plan and billing details.",
                   "insufficient_quota", nullptr, "insufficient_quota");
    case Behaviour::kServerError:
    case Behaviour::kHang:  // the client gave up long ago
      return Error(500, "The server had an error while processing your request.", "server_error",
                   nullptr, nullptr);
    case Behaviour::kMalformed:
      content = "{\"sentiment\": {\"score\": 0.5, ";  // truncated JSON
      break;
    case Behaviour::kRefusal:
      refusal = "I'm sorry, I can't help with that.";
      break;
    case Behaviour::kContentFilter:
      finish = "content_filter";
      break;
    case Behaviour::kValid:
      content = ValidContent(req.body);
      break;
    case Behaviour::kClean: {
      json::object script;
      for (const auto& kv : schema.at_pointer("/properties/script/properties").as_object()) {
        script[kv.key()] = json::object{{"met", false}, {"evidence", ""}};
      }
      content = CleanContent();
      content.replace(content.find("__SCRIPT__"), 10, json::serialize(script));
      break;
    }
    case Behaviour::kLong: {
      json::value v = json::parse(ValidContent(req.body));
      v.as_object()["summary"] = std::string(12000, 's');  // ~3,000 tokens
      content = json::serialize(v);
      break;
    }
    case Behaviour::kSchemaSample: {
      // A model writes within its token limit: draw until the instance fits.
      std::mt19937_64 rng(sample_seed_ * 1000003 + static_cast<unsigned long long>(n));
      for (int tries = 0; tries < 1000; ++tries) {
        content = json::serialize(SampleFromSchema(schema, rng));
        if (Tokens(content) <= max_completion) break;
      }
      break;
    }
  }
  long completion = Tokens(content);
  if (completion > max_completion) {  // cut where the model had to stop, between characters
    std::size_t cut = static_cast<std::size_t>(max_completion) * 4;
    while (cut > 0 && (static_cast<unsigned char>(content[cut]) & 0xC0) == 0x80) --cut;
    content.resize(cut);
    completion = max_completion;
    finish = "length";
  }
  // Prompt caching: the schema and the system message form the prefix.
  long prompt = 0, cached = 0;
  std::string prefix = json::serialize(schema);
  for (const auto& m : request.at("messages").as_array()) {
    prompt += Tokens(m.at("content").as_string()) + 4;
    if (m.at("role") == "system") prefix += m.at("content").as_string();
  }
  prompt += Tokens(json::serialize(schema));
  if (Tokens(prefix) >= 1024) {
    std::lock_guard lock(mu_);
    if (std::find(cached_prefixes_.begin(), cached_prefixes_.end(), prefix) !=
        cached_prefixes_.end()) {
      cached = Tokens(prefix) / 128 * 128;
    } else {
      cached_prefixes_.push_back(prefix);
    }
  }
  json::object message{
      {"role", "assistant"},
      {"content", refusal.is_null() && finish != "content_filter" ? json::value(content)
                                                                  : json::value(nullptr)},
      {"refusal", refusal}};
  json::object body{
      {"id", "chatcmpl-fake" + std::to_string(requests_)},
      {"object", "chat.completion"},
      {"created", 1764000000},
      {"model", request.at("model").as_string() == "gpt-4o-mini" ? "gpt-4o-mini-2024-07-18"
                                                                 : "gpt-4o-2024-08-06"},
      {"choices", json::array{json::object{{"index", 0},
                                           {"message", std::move(message)},
                                           {"logprobs", nullptr},
                                           {"finish_reason", finish}}}},
      {"usage", json::object{{"prompt_tokens", prompt},
                             {"completion_tokens", completion},
                             {"total_tokens", prompt + completion},
                             {"prompt_tokens_details",
                              json::object{{"cached_tokens", cached}, {"audio_tokens", 0}}},
                             {"completion_tokens_details", json::object{{"reasoning_tokens", 0}}}}},
  };
  http::Response ok = http::Response::Json(200, json::serialize(body));
  // The account's budgets as OpenAI reports them on every response
  // (https://platform.openai.com/docs/guides/rate-limits).
  ok.set_header("x-ratelimit-limit-requests", "10000");
  ok.set_header("x-ratelimit-remaining-requests", std::to_string(std::max(0, 10000 - n)));
  ok.set_header("x-ratelimit-reset-requests", "6ms");
  ok.set_header("x-ratelimit-limit-tokens", "30000000");
  ok.set_header("x-ratelimit-remaining-tokens",
                std::to_string(std::max(0L, 30000000 - prompt - completion)));
  ok.set_header("x-ratelimit-reset-tokens", "0s");
  return ok;
}

}  // namespace converza::testing
