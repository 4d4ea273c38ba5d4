// WaveformPeaks: the loudest sample in each of a fixed number of slices of a recording, per
// channel — what the coaching view's waveform draws. Computed once per recording by the worker
// (stored on the call) so the browser never downloads a whole recording to draw it: a 90-minute
// call is 173 MB of WAV and 2 × 1,000 peaks. Fed the WAV's bytes in order, in pieces of any size
// (as Range responses arrive), holding only the peaks: memory does not grow with the file.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace converza::pipeline {

class WaveformPeaks {
 public:
  static constexpr int kDefaultSlices = 1000;

  // `file_size`: the whole WAV's length in bytes (a Range response's Content-Range total).
  explicit WaveformPeaks(std::uint64_t file_size, int slices = kDefaultSlices);

  // The next bytes of the file. Refuses what is not 16-bit PCM WAV once the header is complete.
  Status Feed(std::string_view bytes);

  // After the last byte: {"duration_ms":…,"peaks":[[…],[…]]}, one array per channel, each value
  // the slice's loudest sample in thousandths of full scale (0–1000).
  Result<std::string> Json() const;

 private:
  Status ReadHeader();
  void Consume(std::string_view bytes);  // bytes at offset fed_ of the file

  std::uint64_t file_size_, fed_ = 0;
  int slices_;
  std::string head_;  // the header, until it is parsed
  bool parsed_ = false;
  int channels_ = 0, sample_rate_ = 0;
  std::uint64_t data_offset_ = 0, frames_ = 0, frames_per_slice_ = 1;
  // Where the next sample goes: its channel, its slice, and how many frames that slice has.
  int channel_ = 0;
  std::size_t slice_ = 0;
  std::uint64_t in_slice_ = 0;
  int low_byte_ = -1;  // the first byte of a sample split between two Feed() calls
  std::vector<std::vector<std::uint16_t>> peaks_;  // [channel][slice], 0–32768
};

}  // namespace converza::pipeline
