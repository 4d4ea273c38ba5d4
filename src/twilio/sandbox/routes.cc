#include "twilio/sandbox/routes.h"

#include "twilio/sandbox/accounts.h"
#include "twilio/sandbox/handler.h"
#include "twilio/sandbox/numbers.h"
#include "twilio/sandbox/recordings.h"
#include "twilio/sandbox/transcripts.h"

namespace converza::twilio::sandbox {

void AddSandboxRoutes(http::Router& router, Store& store, const SandboxOptions& options) {
  const Sandbox sandbox{store, options};
  const std::string acct = std::string(kApi) + "{AccountSid}";
  const struct {
    const char* method;
    std::string path;
    SandboxHandler handler;
  } routes[] = {
      {"POST", "/2010-04-01/Accounts.json", CreateAccount},
      {"GET", acct + "/AvailablePhoneNumbers/{Country}/Local.json", SearchNumbers},
      {"POST", acct + "/IncomingPhoneNumbers.json", BuyNumber},
      {"GET", acct + "/IncomingPhoneNumbers.json", ListNumbers},
      {"GET", acct + "/IncomingPhoneNumbers/{File}", GetNumber},
      {"POST", acct + "/IncomingPhoneNumbers/{File}", UpdateNumber},
      {"DELETE", acct + "/IncomingPhoneNumbers/{File}", ReleaseNumber},
      {"GET", acct + "/Recordings.json", ListRecordings},
      {"GET", acct + "/Recordings/{File}", GetRecording},
      {"POST", "/sandbox/v1/Recordings", AddRecording},
      {"POST", "/v2/Transcripts", CreateTranscript},
      {"GET", "/v2/Transcripts", ListTranscripts},
      {"GET", "/v2/Transcripts/{Sid}", GetTranscript},
      {"DELETE", "/v2/Transcripts/{Sid}", DeleteTranscript},
      {"GET", "/v2/Transcripts/{Sid}/Sentences", ListSentences},
  };
  for (const auto& r : routes) router.Add(r.method, r.path, Guard(sandbox, r.handler));
  // Not behind Basic auth: the storage host takes a presigned link instead.
  router.Get("/sandbox-storage/{File}",
             [sandbox](http::Request& req) { return GetStoredMedia(sandbox, req); });
}

}  // namespace converza::twilio::sandbox
