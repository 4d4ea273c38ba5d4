#include "twilio/simulator/simulator.h"

#include <openssl/evp.h>

#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <mutex>
#include <random>
#include <thread>

#include "common/base64.h"
#include "http/client.h"
#include "http/form.h"
#include "twilio/sandbox/twiml.h"
#include "twilio/signature.h"
#include "twilio/simulator/scenarios.h"
#include "twilio/timestamps.h"

namespace converza::twilio::simulator {
namespace {

namespace json = boost::json;
using http::Form;

std::string Sid(std::string_view prefix, std::uint64_t seed, int index, int kind) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(prefix);
  std::uint64_t a = Mix(Mix(seed, static_cast<std::uint64_t>(index)), kind * 2 + 1);
  std::uint64_t b = Mix(a, 0xc0ffee);
  for (std::uint64_t v : {a, b}) {
    for (int i = 15; i >= 0; --i) out += kHex[(v >> (4 * i)) & 15];
  }
  return out;
}

// A caller number per call: +1 from a handful of area codes, 555-01XX (fictional).
std::string CallerNumber(std::uint64_t seed, int index) {
  static constexpr const char* kAreas[] = {"415", "212", "312", "512", "617", "303", "206"};
  std::uint64_t r = Mix(seed ^ 0xca11e5, static_cast<std::uint64_t>(index));
  char buf[16];
  std::snprintf(buf, sizeof buf, "+1%s55501%02d", kAreas[r % 7], static_cast<int>((r >> 8) % 100));
  return buf;
}

std::string TrimSlash(std::string s) {
  while (!s.empty() && s.back() == '/') s.pop_back();
  return s;
}

// Whether Twilio would post this <Number>'s "answered" event (space-separated events; POST).
bool WantsAnswered(const sandbox::DialedNumber& n) {
  std::string events = " " + n.status_callback_event + " ";
  return !n.status_callback.empty() && events.find(" answered ") != std::string::npos &&
         (n.status_callback_method.empty() || n.status_callback_method == "POST");
}

}  // namespace

// Field sets follow Twilio's voice request parameters and recording status callback
// (https://www.twilio.com/docs/usage/webhooks/voice-webhooks).
Form VoiceWebhookForm(const CallFacts& c) {
  return {{"AccountSid", c.account_sid},
          {"ApiVersion", "2010-04-01"},
          {"CallSid", c.call_sid},
          {"CallStatus", "ringing"},
          {"Called", c.to},
          {"Caller", c.from},
          {"Direction", "inbound"},
          {"From", c.from},
          {"FromCountry", "US"},
          {"To", c.to},
          {"ToCountry", "US"}};
}

Form CallStatusForm(const CallFacts& c) {
  return {{"AccountSid", c.account_sid},
          {"ApiVersion", "2010-04-01"},
          {"CallDuration", std::to_string(c.duration)},
          {"CallSid", c.call_sid},
          {"CallStatus", "completed"},
          {"CallbackSource", "call-progress-events"},
          {"Called", c.to},
          {"Caller", c.from},
          {"Direction", "inbound"},
          {"Duration", std::to_string((c.duration + 59) / 60)},  // billed minutes
          {"From", c.from},
          {"SequenceNumber", "0"},
          {"Timestamp", FormatRfc2822(c.start_unix + c.duration)},
          {"To", c.to}};
}

// The answered leg's status callback: Twilio's call status parameters for the child call of the
// <Dial> (Direction outbound-dial, ParentCallSid the inbound call), as the <Number> docs say.
Form AgentAnsweredForm(const CallFacts& c, const std::string& child_call_sid,
                       const std::string& agent) {
  return {{"AccountSid", c.account_sid},
          {"ApiVersion", "2010-04-01"},
          {"CallSid", child_call_sid},
          {"CallStatus", "in-progress"},
          {"CallbackSource", "call-progress-events"},
          {"Called", agent},
          {"Caller", c.from},
          {"Direction", "outbound-dial"},
          {"From", c.from},
          {"ParentCallSid", c.call_sid},
          {"SequenceNumber", "0"},
          {"Timestamp", FormatRfc2822(c.start_unix)},
          {"To", agent}};
}

Form RecordingStatusForm(const CallFacts& c) {
  return {{"AccountSid", c.account_sid},
          {"CallSid", c.call_sid},
          {"RecordingSid", c.recording_sid},
          {"RecordingUrl", c.recording_url},
          {"RecordingStatus", "completed"},
          {"RecordingDuration", std::to_string(c.duration)},
          {"RecordingChannels", "2"},
          {"RecordingSource", "DialVerb"},
          {"RecordingStartTime", FormatRfc2822(c.start_unix)},
          {"RecordingTrack", "both"},
          {"ErrorCode", "0"}};
}

namespace {

// What one call's webhooks did, merged into the summary under the lock.
struct CallTally {
  SimulateSummary sum;
  json::object acked;
  int tries = 0;
};

std::vector<std::string> SplitServers(const std::string& list) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t comma = std::min(list.find(',', start), list.size());
    if (comma > start) out.push_back(TrimSlash(list.substr(start, comma - start)));
    start = comma + 1;
  }
  return out;
}

// The wait before retry `n` (0-based): 0.5 s, 1 s, 2 s, then 4 s.
std::chrono::milliseconds RetryDelay(int n) {
  return std::chrono::milliseconds(std::min(500 << std::min(n, 3), 4000));
}

}  // namespace

SimulateSummary RunSimulation(const SimulateOptions& o, std::FILE* progress) {
  SimulateSummary sum;
  const std::vector<std::string> servers = SplitServers(o.server_url);
  const std::string public_url =
      TrimSlash(o.public_url.empty() ? (servers.empty() ? "" : servers[0]) : o.public_url);
  const std::string sandbox = TrimSlash(o.sandbox_url);
  std::mutex mu;  // guards sum, jsonl, progress and `finished`
  std::ofstream jsonl;
  if (!o.out_jsonl.empty()) jsonl.open(o.out_jsonl, std::ios::trunc);
  int finished = 0;

  // Posts one webhook of call `index` until it is acked, refused (4xx) or out of tries.
  // `reply`, when given, receives the body of the acknowledging answer.
  auto post_webhook = [&](CallTally& t, int index, int webhook, const char* name,
                          const std::string& path, const Form& form,
                          std::string* reply = nullptr) -> bool {
    http::ClientRequest req;
    req.method = "POST";
    req.body = http::FormEncode(form);
    req.timeout = std::chrono::milliseconds(15000);
    req.headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                   {"X-Twilio-Signature", ComputeSignature(o.auth_token, public_url + path, form)},
                   {"User-Agent", "TwilioProxy/1.1 (converza simulator)"},
                   {"I-Twilio-Idempotency-Token", Sid("", o.seed, index * 4 + webhook, 99)}};
    bool acked = false;
    for (int attempt = 0; !acked && attempt <= o.retries; ++attempt) {
      if (attempt > 0) {
        std::this_thread::sleep_for(RetryDelay(attempt - 1));
        ++t.sum.webhooks_retried;
      }
      req.url = servers[static_cast<std::size_t>(index + attempt) % servers.size()] + path;
      ++t.sum.webhooks_sent;
      ++t.tries;
      auto res = http::Fetch(req);
      if (res.ok() && res->status / 100 == 2) {
        acked = true;
        if (reply) *reply = std::move(res->body);
        break;
      }
      if (res.ok() && res->status == 503) ++t.sum.webhooks_unavailable;
      ++t.sum.failures[std::string(name) + " " +
                       (res.ok() ? std::to_string(res->status) : std::string("transport"))];
      const bool retryable = !res.ok() || res->status == 429 || res->status >= 500;
      if (!retryable) break;
    }
    (acked ? t.sum.webhooks_acked : t.sum.webhooks_failed)++;
    t.acked[name] = acked;
    return acked;
  };

  auto simulate_call = [&](int i) {
    CallTally t;
    CallFacts facts;
    facts.account_sid = o.account_sid;
    facts.call_sid = Sid("CA", o.seed, i, 1);
    facts.recording_sid = Sid("RE", o.seed, i, 2);
    facts.from = CallerNumber(o.seed, i);
    facts.to = o.tenant_number;
    facts.recording_url =
        sandbox + "/2010-04-01/Accounts/" + o.account_sid + "/Recordings/" + facts.recording_sid;
    std::int64_t ago = 0;  // a history: a fixed start per (seed, call) within the last `days` days
    if (o.days > 0) {
      std::mt19937_64 when(o.seed * 0x9e3779b97f4a7c15ULL + static_cast<std::uint64_t>(i));
      ago = static_cast<std::int64_t>(when() % (static_cast<std::uint64_t>(o.days) * 86400));
    }

    std::string twiml;
    post_webhook(t, i, 0, "voice", "/webhooks/twilio/voice", VoiceWebhookForm(facts), &twiml);
    // Twilio rings every <Number> at once and bridges the first to pick up (here a seeded
    // choice); that agent is the one who speaks in the call.
    const auto numbers = sandbox::DialedNumbers(twiml);
    const sandbox::DialedNumber* answered =
        numbers.empty() ? nullptr : &numbers[Mix(o.seed ^ 0xa9e47, i) % numbers.size()];
    const std::string answered_by = answered ? answered->number : "";

    Scenario scenario = GenerateScenario(
        o.seed, i, StoryScenario(o.story, answered_by, static_cast<double>(ago) / 86400, o.days));
    AudioMode mode = o.audio;
    if (mode == AudioMode::kSpeech && i >= o.speech_calls) mode = AudioMode::kTone;
    RenderedCall call = RenderCall(scenario, mode, Mix(o.seed, static_cast<std::uint64_t>(i)));
    ++t.sum.audio_kinds[call.kind];
    facts.duration = static_cast<int>(std::lround(call.duration));
    facts.start_unix = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count() -
                       facts.duration - ago;

    // The answered leg's callback comes while the call is live, before the other webhooks.
    if (answered) {
      const bool ours = answered->status_callback.rfind(public_url + "/", 0) == 0;
      if (WantsAnswered(*answered) && ours) {
        post_webhook(t, i, 3, "agent-answered", answered->status_callback.substr(public_url.size()),
                     AgentAnsweredForm(facts, Sid("CA", o.seed, i, 3), answered_by));
      } else if (WantsAnswered(*answered)) {  // a URL the simulator cannot reach
        ++t.sum.failures["agent-answered callback outside the public URL"];
      }
    }

    // Register audio + transcript in the sandbox.
    json::array sentences;
    for (const auto& turn : call.timeline) {
      sentences.push_back(
          json::object{{"channel", turn.speaker == Speaker::kAgent ? 2 : 1},
                       {"start", std::round(turn.start * 1000) / 1000},
                       {"end", std::round(turn.end * 1000) / 1000},
                       {"text", turn.text},
                       {"confidence", 0.86 + 0.1 * (turn.text.size() % 10) / 10.0}});
    }
    json::object rec{{"recording_sid", facts.recording_sid},
                     {"call_sid", facts.call_sid},
                     {"duration", facts.duration},
                     {"start_time", facts.start_unix},
                     {"audio_kind", call.kind},
                     {"sentences", sentences},
                     {"audio_base64", Base64Encode(call.wav)}};
    http::ClientRequest sreq;
    sreq.method = "POST";
    sreq.url = sandbox + "/sandbox/v1/Recordings";
    sreq.body = json::serialize(rec);
    sreq.headers = {{"Content-Type", "application/json"},
                    {"Authorization", http::BasicAuth(o.account_sid, o.auth_token)}};
    auto sres = http::Fetch(sreq);
    bool stored = sres.ok() && sres->status == 201;
    if (stored) {
      ++t.sum.recordings_stored;
    } else {
      ++t.sum.failures["sandbox " +
                       (sres.ok() ? std::to_string(sres->status) : std::string("transport"))];
    }

    post_webhook(t, i, 1, "call-status", "/webhooks/twilio/call-status", CallStatusForm(facts));
    // Without a stored recording, the server could not fetch it: Twilio would not call back.
    if (stored) {
      post_webhook(t, i, 2, "recording", "/webhooks/twilio/recording", RecordingStatusForm(facts));
    }
    ++t.sum.calls;

    std::string line;
    if (jsonl.is_open()) {
      json::array turns;
      for (const auto& turn : call.timeline) {
        turns.push_back(
            json::object{{"speaker", turn.speaker == Speaker::kAgent ? "agent" : "customer"},
                         {"start", std::round(turn.start * 1000) / 1000},
                         {"end", std::round(turn.end * 1000) / 1000},
                         {"text", turn.text}});
      }
      json::object script;
      for (const auto& [k, v] : scenario.labels.script) script[k] = v;
      line = json::serialize(
          json::object{{"id", facts.call_sid},
                       {"industry", scenario.industry},
                       {"outcome", scenario.outcome},
                       {"turns", turns},
                       {"labels", json::object{{"converted", scenario.labels.converted},
                                               {"upsell_cents", scenario.labels.upsell_cents},
                                               {"sentiment", scenario.labels.sentiment},
                                               {"script", script},
                                               {"has_pii", scenario.labels.has_pii}}},
                       {"acked", t.acked},
                       {"tries", t.tries},
                       {"answered_by", answered_by},
                       {"agent", scenario.agent_name}});
    }

    std::lock_guard lock(mu);
    sum.calls += t.sum.calls;
    sum.webhooks_sent += t.sum.webhooks_sent;
    sum.webhooks_acked += t.sum.webhooks_acked;
    sum.webhooks_failed += t.sum.webhooks_failed;
    sum.webhooks_retried += t.sum.webhooks_retried;
    sum.webhooks_unavailable += t.sum.webhooks_unavailable;
    sum.recordings_stored += t.sum.recordings_stored;
    for (const auto& [k, n] : t.sum.failures) sum.failures[k] += n;
    for (const auto& [k, n] : t.sum.audio_kinds) sum.audio_kinds[k] += n;
    if (jsonl.is_open()) jsonl << line << "\n";
    ++finished;
    if (progress) {
      constexpr int kWidth = 30;
      int filled = o.calls ? finished * kWidth / o.calls : kWidth;
      std::fprintf(progress, "\r[%s%s] %d/%d calls  webhooks: %d acked, %d failed",
                   std::string(static_cast<std::size_t>(filled), '#').c_str(),
                   std::string(static_cast<std::size_t>(kWidth - filled), '.').c_str(), finished,
                   o.calls, sum.webhooks_acked, sum.webhooks_failed);
      std::fflush(progress);
    }
  };

  if (servers.empty()) {
    sum.failures["no server URL"] = 1;
    return sum;
  }
  const auto started = std::chrono::steady_clock::now();
  std::atomic<int> next{0};
  auto run = [&] {
    for (int i; (i = next++) < o.calls;) {
      if (o.rate > 0) {
        std::this_thread::sleep_until(
            started + std::chrono::microseconds(static_cast<std::int64_t>(1e6 * i / o.rate)));
      }
      simulate_call(i);
    }
  };
  std::vector<std::thread> threads;
  for (int n = 1; n < std::max(1, o.concurrency); ++n) threads.emplace_back(run);
  run();
  for (auto& th : threads) th.join();
  if (progress) std::fprintf(progress, "\n");
  return sum;
}

}  // namespace converza::twilio::simulator
