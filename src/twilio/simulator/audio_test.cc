// WAV writer/reader, resampler, and rendered calls (tone and espeak-ng speech): the audio must be
// a valid dual-channel WAV whose left channel carries the customer (caller) and right the agent
// exactly where the transcript says they speak.
#include "twilio/simulator/audio.h"

#include <gtest/gtest.h>

#include <cmath>

#include "twilio/python_oracle_testutil.h"

namespace converza::twilio::simulator {
namespace {

double Rms(const std::vector<std::int16_t>& interleaved, int channel, double from, double to) {
  std::size_t a = static_cast<std::size_t>(from * kSampleRate),
              b = static_cast<std::size_t>(to * kSampleRate);
  double sum = 0;
  std::size_t n = 0;
  for (std::size_t i = a; i < b && 2 * i + 1 < interleaved.size(); ++i, ++n) {
    double v = interleaved[2 * i + channel];
    sum += v * v;
  }
  return n ? std::sqrt(sum / static_cast<double>(n)) : 0;
}

TEST(SimulatorWav, RoundTripsAndCarriesComment) {
  std::vector<std::int16_t> l = {1, -2, 32767, -32768}, r = {5, 6};
  std::string wav = WavBytes(l, r, 8000, "hello");
  EXPECT_EQ(wav.substr(0, 4), "RIFF");
  auto pcm = ParseWav(wav);
  ASSERT_TRUE(pcm.ok()) << pcm.status().message();
  EXPECT_EQ(pcm->channels, 2);
  EXPECT_EQ(pcm->sample_rate, 8000);
  EXPECT_EQ(pcm->comment, "hello");
  EXPECT_EQ(pcm->samples, (std::vector<std::int16_t>{1, 5, -2, 6, 32767, 0, -32768, 0}));
  EXPECT_FALSE(ParseWav("nope").ok());
}

TEST(SimulatorWav, PythonWaveModuleReadsIt) {
  std::vector<std::int16_t> l(8000, 1000), r(4000, -1000);
  auto result = testing::RunPython(
      "import sys, wave\n"
      "w = wave.open(sys.argv[1], 'rb')\n"
      "print(w.getnchannels(), w.getsampwidth(), w.getframerate(), w.getnframes())\n",
      WavBytes(l, r, 8000, "odd length comment"));
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(result.output, "2 2 8000 8000\n");
}

TEST(SimulatorWav, ResampleKeepsDuration) {
  std::vector<std::int16_t> in(22050, 100);
  auto out = Resample(in, 22050, 8000);
  EXPECT_NEAR(static_cast<double>(out.size()), 8000, 2);
  EXPECT_NEAR(out[4000], 100, 1);
}

TEST(SimulatorWav, ToneCallMatchesTimeline) {
  Scenario s = GenerateScenario(5, 3);
  RenderedCall call = RenderCall(s, AudioMode::kTone, 5);
  EXPECT_EQ(call.kind, "tone");
  ASSERT_EQ(call.timeline.size(), s.turns.size());
  auto pcm = ParseWav(call.wav);
  ASSERT_TRUE(pcm.ok());
  EXPECT_NE(pcm->comment.find("PLACEHOLDER"), std::string::npos);
  EXPECT_NEAR(static_cast<double>(pcm->samples.size()) / 2 / kSampleRate, call.duration, 0.01);
  for (const auto& t : call.timeline) {
    EXPECT_LT(t.start, t.end);
    int speaker = t.speaker == Speaker::kAgent ? 1 : 0;  // channel index: customer left
    EXPECT_GT(Rms(pcm->samples, speaker, t.start + 0.05, t.end - 0.05), 1000) << t.text;
  }
  // Silence before the first sentence on both channels.
  EXPECT_LT(Rms(pcm->samples, 0, 0, call.timeline[0].start - 0.01), 1);
  EXPECT_LT(Rms(pcm->samples, 1, 0, call.timeline[0].start - 0.01), 1);
}

TEST(SimulatorWav, NoneModeIsHeaderOnly) {
  RenderedCall call = RenderCall(GenerateScenario(5, 4), AudioMode::kNone, 5);
  EXPECT_EQ(call.kind, "none");
  auto pcm = ParseWav(call.wav);
  ASSERT_TRUE(pcm.ok());
  EXPECT_TRUE(pcm->samples.empty());
  EXPECT_GT(call.duration, 5);
}

TEST(SimulatorWav, SpeechCallPutsCustomerLeftAgentRight) {
  if (!SpeechAvailable()) GTEST_SKIP() << "espeak-ng not installed (tone placeholder is used)";
  Scenario s;
  s.turns = {{Speaker::kAgent, "Thank you for calling, this is Maria.", 0},
             {Speaker::kCustomer, "Hi, I would like to book a room.", 0.5}};
  RenderedCall call = RenderCall(s, AudioMode::kSpeech, 1);
  EXPECT_EQ(call.kind, "speech");
  auto pcm = ParseWav(call.wav);
  ASSERT_TRUE(pcm.ok());
  EXPECT_EQ(pcm->sample_rate, kSampleRate);
  ASSERT_EQ(call.timeline.size(), 2u);
  const auto& a = call.timeline[0];
  const auto& c = call.timeline[1];
  EXPECT_GT(a.end - a.start, 1.0);  // real speech, not a stub
  // Channel 0 (left) is the caller/customer, channel 1 (right) the agent.
  EXPECT_GT(Rms(pcm->samples, 1, a.start, a.end), 300);
  EXPECT_LT(Rms(pcm->samples, 0, a.start, a.end), 1);
  EXPECT_GT(Rms(pcm->samples, 0, c.start, c.end), 300);
  EXPECT_LT(Rms(pcm->samples, 1, c.start, c.end), 1);
}

}  // namespace
}  // namespace converza::twilio::simulator
