// The sandbox's HTTP surface: the subset of Twilio's REST API Converza uses, answering with
// Twilio's shapes (docs/architecture.md#contracts-we-rely-on and Twilio's OpenAPI specs,
// https://github.com/twilio/twilio-oai). One file per product, the table in routes.cc:
//
//   accounts.h     /2010-04-01/Accounts.json                                    POST a subaccount
//   numbers.h      /2010-04-01/Accounts/{AC}/AvailablePhoneNumbers/US/Local.json GET search
//                  /2010-04-01/Accounts/{AC}/IncomingPhoneNumbers.json          GET list, POST buy
//                  /2010-04-01/Accounts/{AC}/IncomingPhoneNumbers/{PN}.json     GET, POST, DELETE
//   recordings.h   /2010-04-01/Accounts/{AC}/Recordings.json                    GET list
//   (?CallSid=)
//                  /2010-04-01/Accounts/{AC}/Recordings/{RE}[.json|.wav|.mp3]   metadata / audio
//                  /sandbox-storage/{RE}.wav?token=   the storage host media redirects to
//   transcripts.h  /v2/Transcripts  POST create, GET list;  /v2/Transcripts/{GT}  GET, DELETE;
//                  /v2/Transcripts/{GT}/Sentences  GET (paged)
//
// plus one sandbox-only endpoint for the call simulator (not part of Twilio, recordings.h):
//   POST /sandbox/v1/Recordings  JSON {call_sid, duration, start_time, audio_kind,
//        sentences:[{channel,start,end,text,confidence}], audio_base64}  → 201 recording
//
// Every route but the storage host's needs HTTP Basic auth (401 + Twilio error JSON otherwise):
// the sandbox's main account (auth token or API key) or a subaccount with its own token; {AC} in
// a path must be that account or, for the main account, one of its subaccounts (404 otherwise;
// handler.h). Errors use Twilio's shape {"code","message","more_info","status"}. Deviations, on
// purpose: `.mp3` answers 404 (no MP3 encoder; ask for .wav); a second transcript for a
// recording is refused with 409 / 20409 (Twilio refuses it; its error code is not documented);
// Intelligence's "transcription" of a recording is the script the simulator stored with it,
// unredacted.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "http/router.h"
#include "twilio/sandbox/credentials.h"
#include "twilio/sandbox/store.h"

namespace converza::twilio::sandbox {

struct SandboxOptions {
  Credentials credentials;
  // Absolute base URL clients reach the sandbox at (for media_url, Intelligence links).
  std::string base_url = "http://127.0.0.1:8081";
  // A new transcript reports queued → in-progress → completed over this long.
  int transcript_delay_ms = 1000;
  // Fault injection: this many number purchases are committed and then answered 504, as when
  // Twilio's answer is lost on the way (the buyer cannot know the number is now theirs).
  // Recording media is answered with a 307 to this storage origin, as Twilio's media links may
  // lead to a storage host; that host serves the presigned link (`storage_token`) and refuses a
  // request that also carries credentials, as S3 does. "" serves media directly.
  std::string storage_base_url;
  std::string storage_token = "sandbox-presigned";
  // For this long after a recording is created its media answers 404, as Twilio's can right
  // after the recording webhook.
  int media_not_found_ms = 0;
  // Fault injection: this many new transcripts end "failed" instead of "completed".
  std::shared_ptr<std::atomic<int>> failed_transcripts = std::make_shared<std::atomic<int>>(0);
  std::shared_ptr<std::atomic<int>> lost_purchase_responses = std::make_shared<std::atomic<int>>(0);
};

// Registers the routes above. `store` must outlive the router.
void AddSandboxRoutes(http::Router& router, Store& store, const SandboxOptions& options);

}  // namespace converza::twilio::sandbox
