// RecordingAudio: a call recording (16-bit PCM WAV) kept in a temporary file and read a piece at
// a time. Long calls are why: a 90-minute dual-channel recording at Twilio's 8 kHz is 173 MB,
// more than the HTTP client accepts in one response (64 MiB) and far more than OpenAI accepts in
// one transcription upload (25 MB: 26,214,400 bytes per request, answered 413 otherwise). So the
// transcribe stage downloads the media in Range requests into a RecordingAudio and sends each
// channel in pieces that stay under the upload limit, cut at quiet moments so no word is split.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace converza::pipeline {

// A stretch of the recording, in frames (one sample per channel).
struct AudioPiece {
  std::uint64_t first = 0, count = 0;
};

class RecordingAudio {
 public:
  // An empty file in the system's temporary directory, removed with this object.
  static Result<RecordingAudio> Create(std::string_view name_hint);
  RecordingAudio(RecordingAudio&& other) noexcept;
  RecordingAudio& operator=(RecordingAudio&&) = delete;
  ~RecordingAudio();

  // Writing: bytes are appended as they arrive; Finish() reads the WAV header.
  Status Append(std::string_view bytes);
  Status Finish();
  std::uint64_t bytes() const { return bytes_; }

  // Reading (after Finish).
  int sample_rate() const { return sample_rate_; }
  int channels() const { return channels_; }
  std::uint64_t frames() const { return frames_; }
  double seconds() const { return sample_rate_ > 0 ? double(frames_) / sample_rate_ : 0; }
  // Appends one channel (1-based) of `piece` to `out` as a mono WAV file, read from disk a block
  // at a time: the file is built in place (an upload body), never copied.
  Status AppendChannelWav(int channel, AudioPiece piece, std::string* out);
  // Consecutive pieces covering the whole recording, each at most `max_frames` long. A piece
  // that has to be cut ends at the quietest 100 ms (all channels together) within the last
  // `search_frames` before the limit.
  Result<std::vector<AudioPiece>> Pieces(std::uint64_t max_frames, std::uint64_t search_frames);

 private:
  explicit RecordingAudio(std::filesystem::path path) : path_(std::move(path)) {}
  Status ReadFrames(std::uint64_t first, std::uint64_t count, std::vector<std::int16_t>* out);

  std::filesystem::path path_;
  std::fstream file_;
  std::uint64_t bytes_ = 0;
  int sample_rate_ = 0, channels_ = 0;
  std::uint64_t data_offset_ = 0, frames_ = 0;
};

}  // namespace converza::pipeline
