// Audio for simulated calls: a dual-channel recording like Twilio's record-from-answer-dual
// as Twilio lays out an inbound call: channel 1 (left) is the parent leg, the caller — our
// customer — and channel 2 (right) the dialled agent), 16-bit PCM WAV at 8 kHz (telephone
// quality keeps files small). Speech comes from espeak-ng when installed (one process per
// sentence, resampled to 8 kHz); otherwise each sentence becomes a tone burst of the same length
// and the file carries a comment saying it is a placeholder. Sentence timings are computed from
// the rendered lengths, so the transcript and the audio always agree.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "twilio/simulator/scenarios.h"
#include "twilio/simulator/timeline.h"

namespace converza::twilio::simulator {

inline constexpr int kSampleRate = 8000;

enum class AudioMode { kNone, kTone, kSpeech };

// Stereo 16-bit PCM WAV. The shorter channel is padded with silence. A non-empty `comment` is
// stored in a LIST/INFO ICMT chunk.
std::string WavBytes(const std::vector<std::int16_t>& left, const std::vector<std::int16_t>& right,
                     int sample_rate, std::string_view comment = "");

// The header of a 16-bit PCM WAV whose samples (`data_bytes` of them, little-endian,
// interleaved) follow it.
std::string WavHeader(int channels, int sample_rate, std::uint32_t data_bytes,
                      std::string_view comment = "");

// Mono 16-bit PCM WAV (e.g. one channel of a dual-channel recording, for a transcriber).
std::string MonoWavBytes(const std::vector<std::int16_t>& samples, int sample_rate);

struct Pcm {
  int sample_rate = 0;
  int channels = 0;
  std::vector<std::int16_t> samples;  // interleaved when channels > 1
  std::string comment;                // LIST/INFO ICMT, if present
};
// Parses a 16-bit PCM WAV. Tolerates a data chunk whose size runs past the end (streamed WAVs).
Result<Pcm> ParseWav(std::string_view bytes);

// Where a 16-bit PCM WAV's samples are, from its first bytes (`head`, which must reach the data
// chunk's header) and the whole file's size: for files read a piece at a time.
struct WavLayout {
  int sample_rate = 0, channels = 0;
  std::uint64_t data_offset = 0;  // bytes from the start of the file
  std::uint64_t frames = 0;       // samples per channel present in the file
  std::string comment;            // LIST/INFO ICMT, if present
};
Result<WavLayout> ParseWavHeader(std::string_view head, std::uint64_t file_size);

// Linear-interpolating resampler with a short averaging pre-filter when downsampling.
std::vector<std::int16_t> Resample(const std::vector<std::int16_t>& in, int from_rate, int to_rate);

// True when `espeak-ng` can be run.
bool SpeechAvailable();

// Mono speech at kSampleRate. `voice` is an espeak-ng voice ("en-us", "en-us+f3", ...).
Result<std::vector<std::int16_t>> Synthesize(std::string_view text, std::string_view voice,
                                             int words_per_minute);

// A placeholder "utterance": a tone at `hz`, amplitude-modulated at syllable rate.
std::vector<std::int16_t> ToneBurst(double seconds, double hz, int sample_rate);

struct RenderedCall {
  std::string wav;                  // the recording's bytes
  std::vector<TimedTurn> timeline;  // the transcript, timed against `wav`
  double duration = 0;              // seconds
  std::string kind;                 // "speech", "tone" or "none"
};

// Renders a scenario. kSpeech falls back to kTone when espeak-ng is missing or fails.
// kNone produces a header-only WAV and estimated timings. `seed` varies voices.
RenderedCall RenderCall(const Scenario& scenario, AudioMode mode, std::uint64_t seed);

}  // namespace converza::twilio::simulator
