// The call simulator behind `converza simulate`: for each generated call it (1) posts the voice
// webhook as Twilio does when a call arrives, (2) registers the call's recording — audio plus the
// sentences the sandbox's Voice Intelligence will return — in the Twilio sandbox through its
// HTTP API (POST /sandbox/v1/Recordings; the sandbox process stays the only writer of its
// store), (3) posts the call-status callback (completed), then (4) the recording status
// callback. Every webhook is form-encoded and signed with X-Twilio-Signature over
// public_url + path using the account's auth token, exactly as Twilio signs.
//
// Uses the blocking http::Fetch; one call at a time, optionally paced at `rate` calls/second.
#pragma once

#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "twilio/simulator/audio.h"

namespace converza::twilio::simulator {

struct SimulateOptions {
  int calls = 10;
  std::string tenant_number;  // the called (provisioned) number, E.164
  std::string server_url;     // where webhooks are sent, e.g. http://127.0.0.1:8080
  std::string public_url;     // what signatures are computed over (PUBLIC_URL of serve)
  std::string sandbox_url;    // the Twilio sandbox, e.g. http://127.0.0.1:8081
  std::string account_sid, auth_token;
  std::uint64_t seed = 1;
  double rate = 0;  // calls per second; 0 = as fast as possible
  AudioMode audio = AudioMode::kSpeech;
  int speech_calls = 10;  // with kSpeech, calls after this many use tones (synthesis is slow)
  std::string out_jsonl;  // when set: one line per call in `converza analyze` format + labels
};

struct SimulateSummary {
  int calls = 0;                        // calls simulated
  int webhooks_sent = 0;                // webhook POSTs attempted
  int webhooks_acked = 0;               // answered 2xx
  int webhooks_failed = 0;              // non-2xx or transport failure
  int recordings_stored = 0;            // registered in the sandbox
  std::map<std::string, int> failures;  // "voice 403", "recording transport", "sandbox 401" ...
  std::map<std::string, int> audio_kinds;
};

// The webhook form fields the simulator sends, in the order it sends them (exposed for tests
// and for the webhook handlers' authors).
struct CallFacts {
  std::string account_sid, call_sid, recording_sid, from, to, recording_url;
  std::int64_t start_unix = 0;  // when the call was answered
  int duration = 0;             // seconds
};
std::vector<std::pair<std::string, std::string>> VoiceWebhookForm(const CallFacts& c);
std::vector<std::pair<std::string, std::string>> CallStatusForm(const CallFacts& c);
std::vector<std::pair<std::string, std::string>> RecordingStatusForm(const CallFacts& c);

// Runs the simulation, writing a progress line to `progress` (may be null).
SimulateSummary RunSimulation(const SimulateOptions& options, std::FILE* progress);

}  // namespace converza::twilio::simulator
