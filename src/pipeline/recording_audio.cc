#include "pipeline/recording_audio.h"

#include <algorithm>
#include <random>

#include "twilio/simulator/audio.h"

namespace converza::pipeline {

namespace fs = std::filesystem;

namespace {
// The WAV header must lie within this many bytes (Twilio's is 44; a LIST chunk adds a little).
constexpr std::uint64_t kHeaderWindow = 64 * 1024;
// Frames read from disk at a time: bounds memory whatever the recording's length.
constexpr std::uint64_t kReadFrames = 256 * 1024;
}  // namespace

Result<RecordingAudio> RecordingAudio::Create(std::string_view name_hint) {
  std::error_code ec;
  fs::path dir = fs::temp_directory_path(ec);
  if (ec) return Status::Internal("no temporary directory: " + ec.message());
  std::random_device rd;
  RecordingAudio audio(dir / ("converza-" + std::string(name_hint) + "-" + std::to_string(rd()) +
                              std::to_string(rd()) + ".wav"));
  audio.file_.open(audio.path_, std::ios::binary | std::ios::in | std::ios::out | std::ios::trunc);
  if (!audio.file_) return Status::Internal("cannot create " + audio.path_.string());
  return audio;
}

RecordingAudio::RecordingAudio(RecordingAudio&& other) noexcept
    : path_(std::move(other.path_)),
      file_(std::move(other.file_)),
      bytes_(other.bytes_),
      sample_rate_(other.sample_rate_),
      channels_(other.channels_),
      data_offset_(other.data_offset_),
      frames_(other.frames_) {
  other.path_.clear();
}

RecordingAudio::~RecordingAudio() {
  if (path_.empty()) return;
  file_.close();
  std::error_code ec;
  fs::remove(path_, ec);
}

Status RecordingAudio::Append(std::string_view bytes) {
  file_.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!file_) return Status::Internal("cannot write " + path_.string() + " (disk full?)");
  bytes_ += bytes.size();
  return Status::Ok();
}

Status RecordingAudio::Finish() {
  file_.flush();
  std::string head(static_cast<std::size_t>(std::min(bytes_, kHeaderWindow)), '\0');
  file_.seekg(0);
  file_.read(head.data(), static_cast<std::streamsize>(head.size()));
  if (!file_) return Status::Internal("cannot read " + path_.string());
  auto layout = twilio::simulator::ParseWavHeader(head, bytes_);
  if (!layout.ok()) return layout.status();
  sample_rate_ = layout->sample_rate;
  channels_ = layout->channels;
  data_offset_ = layout->data_offset;
  frames_ = layout->frames;
  return Status::Ok();
}

Status RecordingAudio::ReadFrames(std::uint64_t first, std::uint64_t count,
                                  std::vector<std::int16_t>* out) {
  const auto frame_bytes = 2u * static_cast<std::uint64_t>(channels_);
  std::string raw(static_cast<std::size_t>(count * frame_bytes), '\0');
  file_.clear();
  file_.seekg(static_cast<std::streamoff>(data_offset_ + first * frame_bytes));
  file_.read(raw.data(), static_cast<std::streamsize>(raw.size()));
  if (!file_) return Status::Internal("cannot read " + path_.string());
  out->resize(static_cast<std::size_t>(count) * static_cast<std::size_t>(channels_));
  // Through raw pointers: a 90-minute call is 10^8 samples, and an unoptimised (sanitizer) build
  // would otherwise make two library calls for each.
  const auto* in = reinterpret_cast<const unsigned char*>(raw.data());
  std::int16_t* samples = out->data();
  for (std::size_t i = 0, n = out->size(); i < n; ++i) {  // little-endian 16-bit samples
    samples[i] = static_cast<std::int16_t>(in[2 * i] | (in[2 * i + 1] << 8));
  }
  return Status::Ok();
}

Status RecordingAudio::AppendChannelWav(int channel, AudioPiece piece, std::string* out) {
  if (channel < 1 || channel > channels_) {
    return Status::InvalidArgument("the recording has no channel " + std::to_string(channel));
  }
  if (piece.first + piece.count > frames_) return Status::InvalidArgument("piece past the end");
  out->reserve(out->size() + 1024 + 2 * static_cast<std::size_t>(piece.count));  // + the form's end
  *out +=
      twilio::simulator::WavHeader(1, sample_rate_, static_cast<std::uint32_t>(2 * piece.count));
  std::size_t end = out->size();
  out->resize(end + 2 * static_cast<std::size_t>(piece.count));
  std::vector<std::int16_t> block;
  for (std::uint64_t at = piece.first; at < piece.first + piece.count; at += kReadFrames) {
    const std::uint64_t n = std::min(kReadFrames, piece.first + piece.count - at);
    if (Status st = ReadFrames(at, n, &block); !st.ok()) return st;
    char* bytes = out->data() + end;
    const std::int16_t* samples = block.data();
    for (std::size_t i = static_cast<std::size_t>(channel - 1); i < block.size();
         i += static_cast<std::size_t>(channels_)) {
      *bytes++ = static_cast<char>(samples[i] & 0xff);
      *bytes++ = static_cast<char>((samples[i] >> 8) & 0xff);
    }
    end += 2 * static_cast<std::size_t>(n);
  }
  return Status::Ok();
}

Result<std::vector<AudioPiece>> RecordingAudio::Pieces(std::uint64_t max_frames,
                                                       std::uint64_t search_frames) {
  if (max_frames == 0) return Status::InvalidArgument("pieces must be at least one frame long");
  const std::uint64_t window = std::max<std::uint64_t>(1, sample_rate_ / 10);  // 100 ms
  search_frames = std::min(search_frames, max_frames / 2);
  std::vector<AudioPiece> pieces;
  std::uint64_t at = 0;
  std::vector<std::int16_t> block;
  while (frames_ - at > max_frames) {
    // The quietest window in [limit - search, limit): summed energy over every channel.
    const std::uint64_t limit = at + max_frames;
    const std::uint64_t from = limit - search_frames;
    if (Status st = ReadFrames(from, limit - from, &block); !st.ok()) return st;
    std::uint64_t cut = limit;
    double quietest = -1;
    for (std::uint64_t w = 0; w + window <= limit - from; w += window) {
      double energy = 0;
      for (std::size_t i = static_cast<std::size_t>(w) * channels_;
           i < static_cast<std::size_t>(w + window) * channels_; ++i) {
        energy += double(block[i]) * block[i];
      }
      if (quietest < 0 || energy < quietest) {
        quietest = energy;
        cut = from + w + window / 2;  // the middle of the silence
      }
    }
    pieces.push_back({at, cut - at});
    at = cut;
  }
  pieces.push_back({at, frames_ - at});
  return pieces;
}

}  // namespace converza::pipeline
