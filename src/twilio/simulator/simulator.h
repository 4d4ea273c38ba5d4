// The call simulator behind `converza simulate`: for each call it (1) posts the voice webhook as
// Twilio does when a call arrives, picks the <Number> of the TwiML it gets back that answers
// (seeded), generates the conversation with that agent speaking (the story's name for that
// phone), and, when the <Number> asks for the "answered" status callback, posts that child leg's
// callback (its own CallSid, ParentCallSid, To = the agent) to its statusCallback, (2) registers
// the call's recording — audio plus the sentences the sandbox's Voice Intelligence will return — in
// the Twilio sandbox through its HTTP API (POST /sandbox/v1/Recordings; the sandbox process stays
// the only writer of its store), (3) posts the call-status callback (completed), then (4) the
// recording status callback. Every webhook is form-encoded and signed with X-Twilio-Signature over
// public_url + path using the account's auth token, exactly as Twilio signs.
//
// Uses the blocking http::Fetch; `concurrency` calls at a time (one thread each), optionally
// paced at `rate` calls/second. Like Twilio behind a load balancer, webhooks may go to several
// servers (call i to server i mod n), and a webhook that was not acknowledged — a transport
// failure, 429 or 5xx — is sent again up to `retries` times on a bounded schedule (0.5 s, 1 s,
// 2 s, then 4 s apart), to the next server, with the same I-Twilio-Idempotency-Token. A 4xx other
// than 429 is final. Fault tests read which webhooks were acked from `out_jsonl`.
#pragma once

#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "twilio/simulator/audio.h"
#include "twilio/simulator/story.h"

namespace converza::twilio::simulator {

struct SimulateOptions {
  int calls = 10;
  std::string tenant_number;  // the called (provisioned) number, E.164
  std::string server_url;     // where webhooks are sent, e.g. http://127.0.0.1:8080; several
                              // comma-separated URLs spread the calls over those servers
  std::string public_url;     // what signatures are computed over (PUBLIC_URL of serve)
  std::string sandbox_url;    // the Twilio sandbox, e.g. http://127.0.0.1:8081
  std::string account_sid, auth_token;
  std::uint64_t seed = 1;
  double rate = 0;      // calls per second; 0 = as fast as possible
  int days = 0;         // calls started over the last `days` days (RecordingStartTime); 0: now
  int concurrency = 1;  // calls simulated at once
  int retries = 0;      // extra tries of an unacknowledged webhook (transport, 429, 5xx)
  AudioMode audio = AudioMode::kSpeech;
  int speech_calls = 10;  // with kSpeech, calls after this many use tones (synthesis is slow)
  // Whose calls these are (story.h): the industry, the business's name, and per agent phone the
  // name said in the greeting and the form over the `days`. Empty: the general mix, names drawn.
  Story story;
  // When set: one line per call in `converza analyze` format + labels, plus what the server
  // acknowledged: "acked" {"voice", "agent-answered" (when sent), "call-status", "recording":
  // bool}, "tries" (POSTs sent), "answered_by" (the agent's number, or "") and "agent" (the
  // name the agent says in the greeting).
  std::string out_jsonl;
};

struct SimulateSummary {
  int calls = 0;                        // calls simulated
  int webhooks_sent = 0;                // webhook POSTs attempted, retries included
  int webhooks_acked = 0;               // webhooks answered 2xx (on some try)
  int webhooks_failed = 0;              // webhooks never acked (non-2xx or transport failure)
  int webhooks_retried = 0;             // POSTs that were retries
  int webhooks_unavailable = 0;         // POSTs answered 503
  int recordings_stored = 0;            // registered in the sandbox
  std::map<std::string, int> failures;  // per POST: "voice 403", "recording transport", ...
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
// The status callback of the dialled leg `child_call_sid` to `agent` when it answers.
std::vector<std::pair<std::string, std::string>> AgentAnsweredForm(
    const CallFacts& c, const std::string& child_call_sid, const std::string& agent);

// Runs the simulation, writing a progress line to `progress` (may be null).
SimulateSummary RunSimulation(const SimulateOptions& options, std::FILE* progress);

}  // namespace converza::twilio::simulator
