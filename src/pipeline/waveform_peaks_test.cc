#include "pipeline/waveform_peaks.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "twilio/simulator/audio.h"

namespace converza::pipeline {
namespace {

namespace json = boost::json;

// 4 s of stereo at 8 kHz: the left channel at full scale (negative) in its first second, the
// right at half scale in its last second, silence elsewhere.
std::string FourSeconds() {
  constexpr int kRate = 8000;
  std::vector<std::int16_t> left(4 * kRate, 0), right(4 * kRate, 0);
  std::fill(left.begin(), left.begin() + kRate, std::int16_t{-32768});
  std::fill(right.end() - kRate, right.end(), std::int16_t{16384});
  return twilio::simulator::WavBytes(left, right, kRate, "");
}

std::string PeaksOf(const std::string& wav, std::size_t piece, int slices) {
  WaveformPeaks peaks(wav.size(), slices);
  for (std::size_t at = 0; at < wav.size(); at += piece) {
    EXPECT_TRUE(peaks.Feed(std::string_view(wav).substr(at, piece)).ok());
  }
  auto out = peaks.Json();
  EXPECT_TRUE(out.ok()) << out.status().message();
  return out.ok() ? *out : "";
}

TEST(WaveformPeaksTest, EachSliceHoldsItsLoudestSamplePerChannel) {
  const json::value v = json::parse(PeaksOf(FourSeconds(), 1 << 20, 8));
  EXPECT_EQ(v.at("duration_ms").as_int64(), 4000);
  const json::array& channels = v.at("peaks").as_array();
  ASSERT_EQ(channels.size(), 2u);
  const json::array& left = channels[0].as_array();
  const json::array& right = channels[1].as_array();
  ASSERT_EQ(left.size(), 8u);  // half a second each
  ASSERT_EQ(right.size(), 8u);
  for (std::size_t i = 0; i < 8; ++i) {
    EXPECT_EQ(left[i].as_int64(), i < 2 ? 1000 : 0) << "left slice " << i;
    EXPECT_EQ(right[i].as_int64(), i >= 6 ? 500 : 0) << "right slice " << i;
  }
}

TEST(WaveformPeaksTest, PiecesOfAnySizeGiveTheSamePeaks) {
  const std::string wav = FourSeconds();
  const std::string whole = PeaksOf(wav, wav.size(), 100);
  for (std::size_t piece : {1u, 3u, 7u, 44u, 4095u}) {
    EXPECT_EQ(PeaksOf(wav, piece, 100), whole) << "pieces of " << piece << " bytes";
  }
}

TEST(WaveformPeaksTest, AShortRecordingHasOneSlicePerFrameAtMost) {
  const std::string wav = twilio::simulator::WavBytes({1, -2, 3}, {0, 0, 0}, 8000, "");
  const json::value v = json::parse(PeaksOf(wav, 5, 1000));
  EXPECT_EQ(v.at("peaks").as_array()[0].as_array().size(), 3u);
}

TEST(WaveformPeaksTest, WhatIsNotAWholeWavIsRefused) {
  WaveformPeaks not_wav(2000);
  EXPECT_FALSE(not_wav.Feed(std::string(2000, 'x')).ok());

  const std::string wav = FourSeconds();
  WaveformPeaks cut(wav.size());
  ASSERT_TRUE(cut.Feed(std::string_view(wav).substr(0, wav.size() * 3 / 4)).ok());
  auto out = cut.Json();
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("ended after"), std::string::npos);

  const std::string silent = twilio::simulator::WavBytes({}, {}, 8000, "");
  WaveformPeaks empty(silent.size());
  ASSERT_TRUE(empty.Feed(silent).ok());
  EXPECT_FALSE(empty.Json().ok()) << "a recording without audio has no waveform";

  WaveformPeaks header_only(wav.size());
  ASSERT_TRUE(header_only.Feed(std::string_view(wav).substr(0, 20)).ok());
  EXPECT_FALSE(header_only.Json().ok());
}

}  // namespace
}  // namespace converza::pipeline
