#include "pipeline/waveform_peaks.h"

#include <algorithm>

#include "twilio/simulator/audio.h"

namespace converza::pipeline {
namespace {
// The WAV header must lie within this many bytes (as for RecordingAudio).
constexpr std::uint64_t kHeaderWindow = 64 * 1024;
}  // namespace

WaveformPeaks::WaveformPeaks(std::uint64_t file_size, int slices)
    : file_size_(file_size), slices_(std::max(1, slices)) {}

Status WaveformPeaks::ReadHeader() {
  auto layout = twilio::simulator::ParseWavHeader(head_, file_size_);
  if (!layout.ok()) return layout.status();
  channels_ = layout->channels;
  sample_rate_ = layout->sample_rate;
  data_offset_ = layout->data_offset;
  frames_ = layout->frames;
  const auto slices = static_cast<std::uint64_t>(slices_);
  frames_per_slice_ = std::max<std::uint64_t>(1, (frames_ + slices - 1) / slices);
  const std::uint64_t used =
      frames_ == 0 ? 0 : (frames_ + frames_per_slice_ - 1) / frames_per_slice_;
  peaks_.assign(static_cast<std::size_t>(channels_),
                std::vector<std::uint16_t>(static_cast<std::size_t>(used), 0));
  parsed_ = true;
  return Status::Ok();
}

Status WaveformPeaks::Feed(std::string_view bytes) {
  if (!parsed_) {
    const std::uint64_t window = std::min(file_size_, kHeaderWindow);
    const std::size_t take =
        std::min<std::size_t>(bytes.size(), static_cast<std::size_t>(window - head_.size()));
    head_.append(bytes.substr(0, take));
    bytes.remove_prefix(take);
    if (head_.size() < window) return Status::Ok();
    if (Status st = ReadHeader(); !st.ok()) return st;
    const std::string head = std::move(head_);
    head_.clear();
    Consume(head);
  }
  Consume(bytes);
  return Status::Ok();
}

void WaveformPeaks::Consume(std::string_view bytes) {
  const std::uint64_t data_end = data_offset_ + frames_ * static_cast<std::uint64_t>(channels_) * 2;
  const std::uint64_t at = fed_;
  fed_ += bytes.size();
  const std::uint64_t begin = std::max(at, data_offset_), end = std::min(fed_, data_end);
  if (begin >= end) return;
  // Through raw pointers and counters rather than a division per sample: a 90-minute call is
  // 10^8 samples.
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data()) + (begin - at);
  const auto* stop = p + (end - begin);
  auto add = [this](unsigned lo, unsigned hi) {
    const auto s = static_cast<std::int16_t>(lo | (hi << 8));
    const auto magnitude = static_cast<std::uint16_t>(s < 0 ? -static_cast<int>(s) : s);
    std::uint16_t& peak = peaks_[static_cast<std::size_t>(channel_)][slice_];
    peak = std::max(peak, magnitude);
    if (++channel_ == channels_) {
      channel_ = 0;
      if (++in_slice_ == frames_per_slice_) {
        in_slice_ = 0;
        ++slice_;
      }
    }
  };
  if (low_byte_ >= 0 && p < stop) {
    add(static_cast<unsigned>(low_byte_), *p++);
    low_byte_ = -1;
  }
  for (; p + 1 < stop; p += 2) add(p[0], p[1]);
  if (p < stop) low_byte_ = *p;
}

Result<std::string> WaveformPeaks::Json() const {
  if (!parsed_) return Status::InvalidArgument("the recording ended inside its WAV header");
  if (frames_ == 0) return Status::InvalidArgument("the recording has no audio");
  const std::uint64_t data_end = data_offset_ + frames_ * static_cast<std::uint64_t>(channels_) * 2;
  if (fed_ < std::min(data_end, file_size_)) {
    return Status::InvalidArgument("the recording ended after " + std::to_string(fed_) + " of " +
                                   std::to_string(file_size_) + " bytes");
  }
  std::string out =
      "{\"duration_ms\":" +
      std::to_string(sample_rate_ > 0 ? frames_ * 1000 / static_cast<std::uint64_t>(sample_rate_)
                                      : 0) +
      ",\"peaks\":[";
  for (std::size_t c = 0; c < peaks_.size(); ++c) {
    out += c > 0 ? ",[" : "[";
    for (std::size_t i = 0; i < peaks_[c].size(); ++i) {
      if (i > 0) out += ',';
      out += std::to_string((peaks_[c][i] * 1000 + 16384) / 32768);
    }
    out += ']';
  }
  return out + "]}";
}

}  // namespace converza::pipeline
