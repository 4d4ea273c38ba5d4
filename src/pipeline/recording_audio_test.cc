#include "pipeline/recording_audio.h"

#include <gtest/gtest.h>

#include "twilio/simulator/audio.h"

namespace converza::pipeline {
namespace {

// 10 s of stereo at 8 kHz: a tone on the left from 1 s to 4.5 s and from 5.5 s to 9 s (so the
// only silence near the middle is 4.5–5.5 s), a constant 7 on the right.
RecordingAudio TenSeconds() {
  constexpr int kRate = 8000;
  std::vector<std::int16_t> left(10 * kRate, 0), right(10 * kRate, 7);
  for (double at : {1.0, 5.5}) {
    auto tone = twilio::simulator::ToneBurst(3.5, 440, kRate);
    std::copy(tone.begin(), tone.end(), left.begin() + static_cast<long>(at * kRate));
  }
  auto audio = RecordingAudio::Create("test");
  EXPECT_TRUE(audio.ok());
  const std::string wav = twilio::simulator::WavBytes(left, right, kRate, "a comment");
  // Written in uneven pieces, as ranges arrive.
  EXPECT_TRUE(audio->Append(std::string_view(wav).substr(0, 30)).ok());
  EXPECT_TRUE(audio->Append(std::string_view(wav).substr(30)).ok());
  EXPECT_TRUE(audio->Finish().ok());
  return std::move(*audio);
}

TEST(RecordingAudioTest, ReadsTheLayoutOfWhatWasWritten) {
  auto audio = TenSeconds();
  EXPECT_EQ(audio.sample_rate(), 8000);
  EXPECT_EQ(audio.channels(), 2);
  EXPECT_EQ(audio.frames(), 80000u);
  EXPECT_DOUBLE_EQ(audio.seconds(), 10.0);
}

TEST(RecordingAudioTest, AChannelBecomesAMonoWav) {
  auto audio = TenSeconds();
  std::string out = "prefix";
  ASSERT_TRUE(audio.AppendChannelWav(2, {100, 50}, &out).ok());
  ASSERT_EQ(out.rfind("prefix", 0), 0u);
  auto pcm = twilio::simulator::ParseWav(std::string_view(out).substr(6));
  ASSERT_TRUE(pcm.ok()) << pcm.status().message();
  EXPECT_EQ(pcm->channels, 1);
  EXPECT_EQ(pcm->samples, std::vector<std::int16_t>(50, 7));
  EXPECT_FALSE(audio.AppendChannelWav(3, {0, 1}, &out).ok());
  EXPECT_FALSE(audio.AppendChannelWav(1, {79990, 20}, &out).ok());
}

TEST(RecordingAudioTest, PiecesAreCutInTheQuietestMomentBeforeTheLimit) {
  auto audio = TenSeconds();
  // At most 6 s a piece, searching the last 2 s (4–6 s): the cut falls in 4.5–5.5 s.
  auto pieces = audio.Pieces(6 * 8000, 2 * 8000);
  ASSERT_TRUE(pieces.ok());
  ASSERT_EQ(pieces->size(), 2u);
  EXPECT_EQ((*pieces)[0].first, 0u);
  EXPECT_GE((*pieces)[0].count, 4.5 * 8000);
  EXPECT_LE((*pieces)[0].count, 5.5 * 8000);
  EXPECT_EQ((*pieces)[1].first, (*pieces)[0].count);
  EXPECT_EQ((*pieces)[0].count + (*pieces)[1].count, 80000u);
  // A recording shorter than the limit is one piece.
  pieces = audio.Pieces(80000, 8000);
  ASSERT_TRUE(pieces.ok());
  ASSERT_EQ(pieces->size(), 1u);
  EXPECT_EQ((*pieces)[0].count, 80000u);
}

TEST(RecordingAudioTest, WhatIsNotAWavIsRefused) {
  auto audio = RecordingAudio::Create("test");
  ASSERT_TRUE(audio.ok());
  ASSERT_TRUE(audio->Append("<Error>NoSuchKey</Error>").ok());
  EXPECT_EQ(audio->Finish().code(), Status::Code::kInvalidArgument);
}

}  // namespace
}  // namespace converza::pipeline
