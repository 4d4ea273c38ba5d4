// Store: the Twilio sandbox's state (phone numbers, recordings with their audio, Voice
// Intelligence transcripts), kept in memory and persisted as one JSON file per resource under
// the sandbox directory ($CONVERZA_DATA_DIR/sandbox), so a restarted sandbox keeps what it
// created:
//   accounts/AC….json   numbers/PN….json   recordings/RE….json + RE….wav   transcripts/GT….json
// Files are written to a temporary name and renamed, so a crash never leaves half a file.
// The store is the only writer of its directory while a sandbox runs; the call simulator adds
// recordings through the sandbox's HTTP API (POST /sandbox/v1/Recordings), not on disk.
// Thread-safe: every method takes one internal mutex.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/status.h"

namespace converza::twilio::sandbox {

// A random Twilio-style SID: two-letter prefix + 32 lower-case hex digits.
std::string NewSid(std::string_view prefix);

// A subaccount of the sandbox's main account (POST /2010-04-01/Accounts.json), with its own auth
// token and numbers, as a tenant's own Twilio account is.
struct SubAccount {
  std::string sid;  // AC…
  std::string auth_token;
  std::string owner_account_sid;
  std::string friendly_name;
  std::int64_t date_created = 0, date_updated = 0;  // unix seconds
};

struct PhoneNumber {
  std::string sid;  // PN…
  std::string account_sid;
  std::string phone_number;  // E.164
  std::string friendly_name;
  std::string voice_url, voice_method = "POST", voice_fallback_url, voice_fallback_method = "POST";
  std::string status_callback, status_callback_method = "POST";
  std::int64_t date_created = 0, date_updated = 0;  // unix seconds
};

// One sentence of a dual-channel transcript. Channel 1 = the caller (parent leg: the customer on
// inbound calls; left), 2 = the dialled agent (child leg; right), as in the <Dial> recording
// (twilio/twiml.h); the simulator and the transcribe stage use the same mapping.
struct Sentence {
  int channel = 1;
  double start = 0, end = 0;  // seconds from the start of the recording
  std::string text;
  double confidence = 0.9;
};

struct Recording {
  std::string sid;  // RE…
  std::string account_sid;
  std::string call_sid;
  std::int64_t date_created = 0;  // unix seconds
  std::int64_t start_time = 0;    // unix seconds, when recording began
  int duration = 0;               // whole seconds, as Twilio reports
  int channels = 2;
  std::string source = "DialVerb";
  std::string status = "completed";
  std::string audio_kind;           // "speech" (espeak-ng), "tone" (placeholder) or "none"
  std::vector<Sentence> sentences;  // what the sandbox's Intelligence "hears" in this audio
};

struct Transcript {
  std::string sid;  // GT…
  std::string account_sid, service_sid;
  std::string source_sid;  // the recording transcribed (RE…)
  std::string customer_key;
  std::string channel_json;          // the Channel parameter as given
  std::int64_t date_created_ms = 0;  // unix milliseconds
  std::int64_t ready_at_ms = 0;      // becomes "completed" (or "failed") from this time on
  bool fails = false;                // ends "failed" instead (fault injection)
  int duration = 0;                  // seconds of media
  std::vector<Sentence> sentences;
};

class Store {
 public:
  // Creates the directory if needed and loads every resource in it.
  static Result<std::unique_ptr<Store>> Open(const std::string& dir);

  [[nodiscard]] const std::string& dir() const { return dir_; }

  // Subaccounts. Create assigns sid, auth token and dates.
  Result<SubAccount> CreateSubAccount(SubAccount a);
  std::optional<SubAccount> GetSubAccount(const std::string& sid);

  // Phone numbers. Create assigns sid and dates. Update applies `change` to the stored copy.
  Result<PhoneNumber> CreateNumber(PhoneNumber n);
  std::optional<PhoneNumber> GetNumber(const std::string& account_sid, const std::string& sid);
  std::optional<PhoneNumber> FindNumber(const std::string& phone_number);
  std::vector<PhoneNumber> ListNumbers(const std::string& account_sid);
  Result<PhoneNumber> UpdateNumber(const std::string& account_sid, const std::string& sid,
                                   const std::function<void(PhoneNumber&)>& change);
  bool DeleteNumber(const std::string& account_sid, const std::string& sid);

  // Recordings. Put assigns a sid when empty; replaces a recording with the same sid.
  Result<Recording> PutRecording(Recording r, const std::string& wav);
  std::optional<Recording> GetRecording(const std::string& sid);
  std::vector<Recording> ListRecordings(const std::string& account_sid);
  // A recording's audio: its size, and `length` bytes from `offset` (the whole file by default).
  // Only the bytes asked for are read, so a 90-minute recording is served in ranges cheaply.
  Result<std::uint64_t> AudioSize(const std::string& sid);
  Result<std::string> ReadAudio(const std::string& sid, std::uint64_t offset = 0,
                                std::uint64_t length = UINT64_MAX);

  // Transcripts. Create assigns sid and date.
  Result<Transcript> CreateTranscript(Transcript t);
  std::optional<Transcript> GetTranscript(const std::string& sid);
  std::optional<Transcript> FindTranscriptBySource(const std::string& recording_sid);
  // The account's transcripts, newest first, at most `limit`, only those of `source_sid` when it
  // is given: filtered under the lock, so a lookup by recording copies one transcript, not all.
  std::vector<Transcript> ListTranscripts(const std::string& account_sid,
                                          const std::string& source_sid, std::size_t limit);
  bool DeleteTranscript(const std::string& sid);

 private:
  explicit Store(std::string dir) : dir_(std::move(dir)) {}
  Status Load();
  Status Save(const std::string& kind, const std::string& sid, const std::string& json);
  void Remove(const std::string& kind, const std::string& sid, const std::string& ext);
  // Rebuilds the indexes below from the vectors (after a load or a deletion).
  void Reindex();

  std::string dir_;
  std::mutex mu_;
  std::vector<SubAccount> accounts_;
  std::vector<PhoneNumber> numbers_;
  std::vector<Recording> recordings_;
  std::vector<Transcript> transcripts_;
  // Where each recording and transcript is by SID, and each recording's transcripts in creation
  // order: a pipeline polls a transcript several times per call, and a scan of every call's
  // resources per request was the sandbox's top cost at thousands of calls (docs/benchmarks.md).
  std::unordered_map<std::string, std::size_t> recording_at_, transcript_at_;
  std::unordered_map<std::string, std::vector<std::size_t>> transcripts_of_;  // by source_sid
};

// Current time in unix seconds/milliseconds (the sandbox's clock).
std::int64_t NowSeconds();
std::int64_t NowMillis();

}  // namespace converza::twilio::sandbox
