// The transcribe stage against a Twilio sandbox as strict as Voice Intelligence: one transcript
// per recording (a second is refused), transcripts that fail, a transcript made by an earlier
// attempt whose answer was lost. Real processes (sandbox, serve, simulator, worker) and a real
// database.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cmath>
#include <fstream>
#include <thread>

#include "fake_openai.h"
#include "http/client.h"
#include "http/run_sync.h"
#include "stack.h"
#include "twilio/rest_client.h"
#include "twilio/sandbox/credentials.h"
#include "twilio/sandbox/store.h"
#include "twilio/simulator/audio.h"

namespace converza::pipeline {
namespace {

using testing::ConverzaProcess;

class TranscribeStageTest : public ::testing::Test {
 protected:
  void StartStack(const testing::Stack::EnvMap& sandbox_env = {}) {
    stack_ = std::make_unique<testing::Stack>(
        db_.conninfo(), std::string("transcribe-") +
                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    ASSERT_TRUE(stack_->Start(sandbox_env)) << stack_->error();
    ASSERT_EQ(stack_->AddServer(), 0) << stack_->error();
  }

  void SimulateAndWork(int calls, const std::string& seed, const std::string& audio = "none") {
    ASSERT_EQ(stack_->Simulate("--calls " + std::to_string(calls) + " --seed " + seed +
                               " --audio " + audio),
              0)
        << stack_->error();
    ConverzaProcess work("work --exit-when-idle 2", stack_->Env());
    ASSERT_EQ(work.Wait(180000), 0) << work.log();
  }

  // The sandbox as the platform account sees it.
  twilio::RestClient Twilio() {
    auto creds = twilio::sandbox::LoadOrCreateCredentials((stack_->dir() / "sandbox").string());
    EXPECT_TRUE(creds.ok());
    const std::string base = "http://127.0.0.1:" + stack_->Env().at("SANDBOX_PORT");
    return twilio::RestClient(
        base, base, {creds->account_sid, creds->auth_token, creds->api_key, creds->api_secret});
  }

  long long Count(const std::string& sql) { return stack_->Count(sql); }

  testing::TestDatabase db_;
  std::unique_ptr<testing::Stack> stack_;
};

// Two transcripts end "failed": each is deleted and the recording transcribed again, so every
// call is analysed and each recording ends with exactly one transcript at Twilio.
TEST_F(TranscribeStageTest, AFailedTranscriptIsDeletedAndMadeAgain) {
  StartStack({{"SANDBOX_FAILED_TRANSCRIPTS", "2"}, {"SANDBOX_TRANSCRIPT_DELAY_MS", "200"}});
  SimulateAndWork(3, "1101");
  EXPECT_EQ(Count("select count(*) from calls where pipeline_status = 'done'"), 3);
  EXPECT_EQ(Count("select count(*) from jobs where state = 'dead'"), 0);
  EXPECT_EQ(Count("select count(*) from jobs where kind = 'transcribe' and attempts = 2"), 2);
  EXPECT_EQ(Count("select count(distinct transcript_sid) from calls"), 3);
  auto client = Twilio();
  auto recordings = stack_->sql().exec("select recording_sid, transcript_sid from calls");
  for (int i = 0; i < recordings.size(); ++i) {
    auto t = http::RunSync(client.FindTranscript(std::string(recordings.get(i, 0))));
    ASSERT_TRUE(t.ok()) << t.status().message();
    EXPECT_EQ(t->sid, recordings.get(i, 1)) << "the call keeps the transcript Twilio has";
    EXPECT_EQ(t->status, "completed");
  }
}

// A transcribe job that runs again for a call whose transcript it already stored (a job redone
// by hand) replaces the call's lines, the old ones deleted before the new ones take their keys,
// and the call is analysed again.
TEST_F(TranscribeStageTest, ATranscriptStoredAgainReplacesTheCallsLines) {
  StartStack({{"SANDBOX_TRANSCRIPT_DELAY_MS", "200"}});
  SimulateAndWork(2, "1104");
  const long long lines = Count("select count(*) from transcripts");
  ASSERT_GT(lines, 0);
  stack_->sql().exec(
      "update jobs set state = 'queued', run_at = now(), attempts = 0 where kind = 'transcribe'");
  ConverzaProcess work("work --exit-when-idle 2", stack_->Env());
  ASSERT_EQ(work.Wait(180000), 0) << work.log();
  EXPECT_EQ(Count("select count(*) from jobs where kind = 'transcribe' and state = 'done' and "
                  "attempts = 1"),
            2)
      << work.log();
  EXPECT_EQ(Count("select count(*) from transcripts"), lines);
  EXPECT_EQ(Count("select count(*) from jobs where kind = 'analyze' and state = 'done' and "
                  "attempts = 1 and updated_at > created_at + interval '1 second'"),
            2)
      << "each analysis ran again";
  EXPECT_EQ(Count("select count(*) from calls where pipeline_status = 'done'"), 2);
  EXPECT_EQ(Count("select count(*) from insights"), 2);
}

// Voice Intelligence reads the media itself; the stage reads it once more for the waveform:
// both channels, as long as the recording. A recording without audio has none (the player
// plays it without one).
TEST_F(TranscribeStageTest, EachRecordingsWaveformIsReadWhileItIsTranscribed) {
  StartStack();
  SimulateAndWork(2, "1102", "tone");
  ASSERT_TRUE(stack_->Simulate("--calls 1 --seed 1103 --audio none") == 0) << stack_->error();
  ConverzaProcess work("work --exit-when-idle 2", stack_->Env());
  ASSERT_EQ(work.Wait(180000), 0) << work.log();
  EXPECT_EQ(Count("select count(*) from calls where pipeline_status = 'done'"), 3);
  EXPECT_EQ(Count("select count(*) from calls where jsonb_array_length(recording_peaks->'peaks') "
                  "= 2 and abs((recording_peaks->>'duration_ms')::bigint - recording_duration_s "
                  "* 1000) < 1000"),
            2);
  // Both parties speak (and are silent at times) on their own channel.
  for (int channel : {0, 1}) {
    const std::string values =
        "jsonb_array_elements_text(recording_peaks->'peaks'->" + std::to_string(channel) + ") v";
    EXPECT_EQ(
        Count("select count(*) from calls where exists (select 1 from " + values +
              " where v::int > 100) and exists (select 1 from " + values + " where v::int = 0)"),
        2)
        << "channel " << channel;
  }
  EXPECT_EQ(Count("select count(*) from calls where recording_peaks is null"), 1);
}

// An earlier attempt asked for the transcript but its answer was lost (or the worker died before
// storing the sid): the stage finds it by its recording instead of asking again, which Twilio
// would refuse and which used to dead-letter the call.
TEST_F(TranscribeStageTest, ATranscriptMadeBeforeALostAnswerIsFoundNotRequestedAgain) {
  StartStack({{"SANDBOX_TRANSCRIPT_DELAY_MS", "200"}});
  ASSERT_EQ(stack_->Simulate("--calls 2 --seed 1102"), 0) << stack_->error();
  auto client = Twilio();
  const std::string recording(
      stack_->sql().exec("select recording_sid from calls order by started_at limit 1").get(0, 0));
  auto made = http::RunSync(
      client.CreateTranscript(twilio::sandbox::kDefaultServiceSid, recording, "earlier-attempt"));
  ASSERT_TRUE(made.ok()) << made.status().message();
  // What a second request gets from Twilio: refused.
  auto again = http::RunSync(
      client.CreateTranscript(twilio::sandbox::kDefaultServiceSid, recording, "again"));
  EXPECT_EQ(again.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(again.status().message().rfind("Twilio 20409:", 0), 0u) << again.status().message();

  ConverzaProcess work("work --exit-when-idle 2", stack_->Env());
  ASSERT_EQ(work.Wait(180000), 0) << work.log();
  EXPECT_EQ(Count("select count(*) from calls where pipeline_status = 'done'"), 2);
  EXPECT_EQ(Count("select count(*) from jobs where state = 'dead'"), 0);
  EXPECT_EQ(Count("select count(*) from calls where recording_sid = '" + recording +
                  "' and transcript_sid = '" + made->sid + "'"),
            1);
}

// Right after the recording webhook Twilio may answer 404 for the media (here for 15 s: the
// no-grace worker must ask within it even on a loaded box with sanitizers, which 4 s was not),
// and then redirect it to a storage host (the sandbox always does): within
// RECORDING_MEDIA_GRACE_S the job waits and the call is transcribed; with no grace the same 404
// is a dead letter.
TEST_F(TranscribeStageTest, EarlyMediaNotFoundIsWaitedOutWithinTheGrace) {
  StartStack({{"SANDBOX_MEDIA_NOT_FOUND_MS", "15000"}});
  testing::FakeOpenAi openai;
  const testing::Stack::EnvMap openai_env = {{"OPENAI_API_KEY", "sk-test"},
                                             {"OPENAI_BASE_URL", openai.base_url()},
                                             {"TRANSCRIBE_PROVIDER", "openai"}};
  auto no_grace = openai_env;
  no_grace["RECORDING_MEDIA_GRACE_S"] = "0";
  // A call with no grace: its 404 is final.
  ASSERT_EQ(stack_->Simulate("--calls 1 --audio tone --seed 1103"), 0) << stack_->error();
  {
    ConverzaProcess work("work --exit-when-idle 1", stack_->Env(no_grace));
    ASSERT_EQ(work.Wait(60000), 0) << work.log();
  }
  EXPECT_EQ(Count("select count(*) from jobs where state = 'dead' and last_error like '%20404%'"),
            1);
  // Another with the default grace: waits, then is transcribed from the storage host.
  ASSERT_EQ(stack_->Simulate("--calls 1 --audio tone --seed 1104"), 0) << stack_->error();
  ConverzaProcess work("work --exit-when-idle 2", stack_->Env(openai_env));
  ASSERT_EQ(work.Wait(120000), 0) << work.log();
  EXPECT_EQ(Count("select count(*) from calls where pipeline_status = 'done'"), 1);
  EXPECT_EQ(Count("select count(*) from jobs where kind = 'transcribe' and state = 'done' and "
                  "attempts = 1"),
            1)
      << "waiting for the media used no attempt";
  EXPECT_EQ(openai.transcriptions(), 2);
}

// A 90-minute dual-channel recording (173 MB of WAV) through the OpenAI provider: the media is
// fetched in Range requests into a temporary file (the worker never holds the whole recording),
// each channel goes up in pieces under OpenAI's 25 MB request limit (the fake answers 413 above
// it, as the API does), and the pieces are cut in silence: an utterance spanning the 20-minute
// mark comes back whole, and every utterance keeps its time in the call.
TEST_F(TranscribeStageTest, ANinetyMinuteCallIsTranscribedInPiecesUnderTheUploadLimit) {
  StartStack();
  testing::FakeOpenAi openai;
  ASSERT_EQ(stack_->Simulate("--calls 1 --audio tone --seed 1105"), 0) << stack_->error();
  const std::string recording(stack_->sql().exec("select recording_sid from calls").get(0, 0));

  // The recording becomes 90 minutes long: the caller (channel 1) speaks for 4 s at 10 s past
  // every minute, the agent (channel 2) for 4 s at 57.5 s past, so one utterance spans 20:00.
  constexpr int kRate = twilio::simulator::kSampleRate, kMinutes = 90;
  const auto frames = static_cast<std::size_t>(kMinutes) * 60 * kRate;
  std::string wav = twilio::simulator::WavBytes({}, {}, kRate);
  const std::size_t header = wav.size();
  wav.resize(header + frames * 4, '\0');
  auto put32 = [&](std::size_t at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) wav[at + i] = static_cast<char>((v >> (8 * i)) & 0xff);
  };
  put32(4, static_cast<std::uint32_t>(wav.size() - 8));
  put32(header - 4, static_cast<std::uint32_t>(frames * 4));
  const auto burst = twilio::simulator::ToneBurst(4.0, 440, kRate);
  auto speak = [&](int channel, double at_s) {
    const auto first = static_cast<std::size_t>(at_s * kRate);
    for (std::size_t i = 0; i < burst.size() && first + i < frames; ++i) {
      const std::size_t at = header + (first + i) * 4 + (channel - 1) * 2;
      wav[at] = static_cast<char>(burst[i] & 0xff);
      wav[at + 1] = static_cast<char>((burst[i] >> 8) & 0xff);
    }
  };
  for (int m = 0; m < kMinutes; ++m) {
    speak(1, m * 60 + 10.0);
    if (m * 60 + 57.5 + 4 <= kMinutes * 60) speak(2, m * 60 + 57.5);
  }
  {
    // The simulator cannot upload 173 MB through the sandbox's JSON API; the sandbox reads audio
    // from its directory on every request, so the test replaces the file there.
    auto store = twilio::sandbox::Store::Open((stack_->dir() / "sandbox").string());
    ASSERT_TRUE(store.ok()) << store.status().message();
    auto r = (*store)->GetRecording(recording);
    ASSERT_TRUE(r.has_value());
    r->duration = kMinutes * 60;
    ASSERT_TRUE((*store)->PutRecording(*r, wav).ok());
  }
  [[maybe_unused]] const std::size_t wav_bytes = wav.size();  // (unchecked under ASan)
  wav = std::string();
  stack_->sql().exec("update calls set duration_s = 5400, recording_duration_s = 5400");

  ConverzaProcess work("work --exit-when-idle 2",
                       stack_->Env({{"OPENAI_API_KEY", "sk-test"},
                                    {"OPENAI_BASE_URL", openai.base_url()},
                                    {"TRANSCRIBE_PROVIDER", "openai"}}));
  long peak_kb = 0;
  int rc = -2;
  for (int i = 0; i < 6000 && rc == -2; ++i) {  // up to 5 minutes, sampling the worker's memory
    // (Once it runs converza: before exec the child is a copy of this test process.)
    std::ifstream status("/proc/" + std::to_string(work.pid()) + "/status");
    bool worker = false;
    for (std::string line; std::getline(status, line);) {
      if (line.rfind("Name:", 0) == 0) worker = line.find("converza") != std::string::npos;
      if (worker && line.rfind("VmHWM:", 0) == 0) {
        peak_kb = std::max(peak_kb, std::stol(line.substr(6)));
      }
    }
    rc = work.Wait(50);
  }
  ASSERT_EQ(rc, 0) << work.log();
  EXPECT_EQ(Count("select count(*) from calls where pipeline_status = 'done'"), 1) << work.log();
  // 2 channels × 5 pieces of at most 20 minutes, each request under the limit.
  EXPECT_EQ(openai.transcriptions(), 10);
  EXPECT_EQ(openai.invalid_requests(), 0);
  EXPECT_LE(openai.largest_upload(), testing::FakeOpenAi::kMaxUploadBytes);
  EXPECT_GT(openai.largest_upload(), 15u << 20) << "pieces should be near 20 minutes";
#if !defined(__SANITIZE_ADDRESS__)
  EXPECT_GT(peak_kb, 0);
  EXPECT_LT(peak_kb * 1024, static_cast<long>(wav_bytes / 2))
      << "the worker held the recording in memory (peak " << peak_kb << " kB)";
#endif

  auto rows =
      stack_->sql().exec("select speaker, start_ms, end_ms from transcripts order by start_ms");
  int customer = 0, agent = 0;
  for (int i = 0; i < rows.size(); ++i) {
    const bool is_customer = std::string(rows.get(i, 0)) == "customer";
    const double start = rows.get_int(i, 1) / 1000.0, end = rows.get_int(i, 2) / 1000.0;
    const double offset = is_customer ? 10.0 : 57.5;
    const double minute = std::round((start - offset) / 60);
    EXPECT_NEAR(start, minute * 60 + offset, 0.1) << "row " << i;
    EXPECT_NEAR(end - start, 4.0, 0.1) << "row " << i << " at " << start << " s was split";
    ++(is_customer ? customer : agent);
  }
  EXPECT_EQ(customer, kMinutes);
  EXPECT_EQ(agent, kMinutes - 1);

  // The waveform, read on the way (1,000 slices of 5.4 s): the caller's bursts and nothing else.
  EXPECT_EQ(Count("select (recording_peaks->>'duration_ms')::bigint from calls"), 5400000);
  EXPECT_EQ(Count("select jsonb_array_length(recording_peaks->'peaks'->0) from calls"), 1000);
  for (int m = 0; m < kMinutes; m += 17) {
    const int slice = static_cast<int>((m * 60 + 12) / 5.4);  // mid-burst
    EXPECT_GT(Count("select (recording_peaks->'peaks'->0->>" + std::to_string(slice) +
                    ")::int from calls"),
              100)
        << "minute " << m;
  }
  const long long loud = Count(
      "select count(*) from calls, jsonb_array_elements_text(recording_peaks->'peaks'->0) v "
      "where v::int > 0");
  EXPECT_GE(loud, kMinutes);
  EXPECT_LE(loud, 2 * kMinutes);  // a burst covers at most two slices
}

// The fake transcriber refuses what OpenAI's /v1/audio/transcriptions refuses, so the stage's
// uploads are held to the real limits: no key (401), a request over 26,214,400 bytes (413 with
// OpenAI's message), a body that is not a multipart form, no file, audio that is not audio, and
// verbose_json asked of a gpt-4o transcription model (400).
TEST(FakeTranscriptionTest, RefusesWhatOpenAiRefuses) {
  testing::FakeOpenAi openai;
  auto upload = [&](const std::string& model, const std::string& format, const std::string& file,
                    const std::string& key = "sk-test") {
    const std::string b = "b0undary";
    std::string body = "--" + b + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\n" +
                       model + "\r\n--" + b +
                       "\r\nContent-Disposition: form-data; name=\"response_format\"\r\n\r\n" +
                       format + "\r\n";
    if (!file.empty()) {
      body += "--" + b +
              "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"channel1.wav\"\r\n"
              "Content-Type: audio/wav\r\n\r\n" +
              file + "\r\n";
    }
    body += "--" + b + "--\r\n";
    http::ClientRequest req;
    req.method = "POST";
    req.url = openai.base_url() + "/audio/transcriptions";
    req.headers = {{"Content-Type", "multipart/form-data; boundary=" + b}};
    if (!key.empty()) req.headers.emplace_back("Authorization", "Bearer " + key);
    req.body = std::move(body);
    auto r = http::Fetch(req);
    EXPECT_TRUE(r.ok());
    return r.ok() ? *r : http::ClientResponse{};
  };
  // Two seconds of a tone: one segment, timed where the sound is.
  std::vector<std::int16_t> samples(8000 / 2, 0);
  const auto tone = twilio::simulator::ToneBurst(1.0, 440, 8000);
  samples.insert(samples.end(), tone.begin(), tone.end());
  samples.resize(16000, 0);
  const std::string wav = twilio::simulator::MonoWavBytes(samples, 8000);
  auto ok = upload("whisper-1", "verbose_json", wav);
  ASSERT_EQ(ok.status, 200) << ok.body;
  auto segments = boost::json::parse(ok.body).at("segments").as_array();
  ASSERT_EQ(segments.size(), 1u) << ok.body;
  EXPECT_NEAR(segments[0].at("start").to_number<double>(), 0.5, 0.05);
  EXPECT_NEAR(segments[0].at("end").to_number<double>(), 1.5, 0.05);

  EXPECT_EQ(upload("whisper-1", "verbose_json", wav, "").status, 401);
  std::string big(testing::FakeOpenAi::kMaxUploadBytes, 'x');
  auto too_big = upload("whisper-1", "verbose_json", big);
  EXPECT_EQ(too_big.status, 413);
  EXPECT_NE(too_big.body.find("Maximum content size limit (26214400) exceeded"), std::string::npos)
      << too_big.body;
  EXPECT_EQ(upload("whisper-1", "verbose_json", "").status, 400);
  EXPECT_EQ(upload("whisper-1", "verbose_json", "not audio").status, 400);
  EXPECT_EQ(upload("", "verbose_json", wav).status, 400);
  EXPECT_EQ(upload("gpt-4o-transcribe", "verbose_json", wav).status, 400);
  EXPECT_EQ(upload("gpt-4o-transcribe", "json", wav).status, 200);
}

}  // namespace
}  // namespace converza::pipeline
