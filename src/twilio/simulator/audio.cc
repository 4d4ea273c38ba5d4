#include "twilio/simulator/audio.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/subprocess.h"

namespace converza::twilio::simulator {
namespace {

void Put16(std::string& out, std::uint16_t v) {
  out += static_cast<char>(v & 0xff);
  out += static_cast<char>(v >> 8);
}
void Put32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}
std::uint32_t Get32(std::string_view b, std::size_t at) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 2])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 3])) << 24;
}
std::uint16_t Get16(std::string_view b, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) |
                                    static_cast<unsigned char>(b[at + 1]) << 8);
}

std::string TempWavPath() {
  static std::atomic<int> counter{0};
  return (std::filesystem::temp_directory_path() /
          ("converza_tts_" + std::to_string(getpid()) + "_" + std::to_string(++counter) + ".wav"))
      .string();
}

}  // namespace

std::string WavHeader(int channels, int sample_rate, std::uint32_t data_bytes,
                      std::string_view comment) {
  std::string list;
  if (!comment.empty()) {
    std::string text(comment);
    text += '\0';
    if (text.size() % 2) text += '\0';  // chunks are word-aligned
    list = "LIST";
    Put32(list, static_cast<std::uint32_t>(4 + 8 + text.size()));
    list += "INFO";
    list += "ICMT";
    Put32(list, static_cast<std::uint32_t>(text.size()));
    list += text;
  }
  std::string out;
  out += "RIFF";
  Put32(out, static_cast<std::uint32_t>(4 + 24 + list.size() + 8 + data_bytes));
  out += "WAVE";
  out += "fmt ";
  Put32(out, 16);
  Put16(out, 1);  // PCM
  Put16(out, static_cast<std::uint16_t>(channels));
  Put32(out, static_cast<std::uint32_t>(sample_rate));
  Put32(out, static_cast<std::uint32_t>(sample_rate * 2 * channels));  // byte rate
  Put16(out, static_cast<std::uint16_t>(2 * channels));                // block align
  Put16(out, 16);                                                      // bits per sample
  out += list;
  out += "data";
  Put32(out, data_bytes);
  return out;
}

namespace {

std::string WavFromInterleaved(const std::vector<std::int16_t>& samples, int channels,
                               int sample_rate, std::string_view comment) {
  const auto data_bytes = static_cast<std::uint32_t>(samples.size() * 2);
  std::string out = WavHeader(channels, sample_rate, data_bytes, comment);
  out.reserve(out.size() + data_bytes);
  for (auto v : samples) Put16(out, static_cast<std::uint16_t>(v));
  return out;
}

}  // namespace

std::string WavBytes(const std::vector<std::int16_t>& left, const std::vector<std::int16_t>& right,
                     int sample_rate, std::string_view comment) {
  const std::size_t frames = std::max(left.size(), right.size());
  std::vector<std::int16_t> interleaved(frames * 2, 0);
  for (std::size_t i = 0; i < frames; ++i) {
    if (i < left.size()) interleaved[2 * i] = left[i];
    if (i < right.size()) interleaved[2 * i + 1] = right[i];
  }
  return WavFromInterleaved(interleaved, 2, sample_rate, comment);
}

std::string MonoWavBytes(const std::vector<std::int16_t>& samples, int sample_rate) {
  return WavFromInterleaved(samples, 1, sample_rate, "");
}

Result<WavLayout> ParseWavHeader(std::string_view b, std::uint64_t file_size) {
  if (b.size() < 12 || b.substr(0, 4) != "RIFF" || b.substr(8, 4) != "WAVE") {
    return Status::InvalidArgument("not a RIFF/WAVE file");
  }
  WavLayout w;
  bool have_fmt = false;
  std::size_t at = 12;
  while (at + 8 <= b.size()) {
    std::string_view id = b.substr(at, 4);
    std::size_t size = Get32(b, at + 4);
    std::size_t body = at + 8;
    if (id == "fmt " && body + 16 <= b.size()) {
      if (Get16(b, body) != 1 || Get16(b, body + 14) != 16) {
        return Status::InvalidArgument("only 16-bit PCM WAV is supported");
      }
      w.channels = Get16(b, body + 2);
      w.sample_rate = static_cast<int>(Get32(b, body + 4));
      if (w.channels < 1 || w.sample_rate < 1) return Status::InvalidArgument("bad WAV fmt chunk");
      have_fmt = true;
    } else if (id == "LIST" && body + 4 <= b.size() && b.substr(body, 4) == "INFO") {
      std::size_t p = body + 4, end = std::min(b.size(), body + size);
      while (p + 8 <= end) {
        std::size_t n = Get32(b, p + 4);
        if (b.substr(p, 4) == "ICMT" && p + 8 + n <= end) {
          w.comment = std::string(b.substr(p + 8, n));
          w.comment.erase(std::find(w.comment.begin(), w.comment.end(), '\0'), w.comment.end());
        }
        p += 8 + n + (n % 2);
      }
    } else if (id == "data") {
      if (!have_fmt) return Status::InvalidArgument("WAV data before fmt");
      w.data_offset = body;
      const std::uint64_t present = file_size > body ? file_size - body : 0;
      const std::uint64_t bytes = std::min<std::uint64_t>(size, present);
      w.frames = bytes / (2u * static_cast<std::uint64_t>(w.channels));
      return w;
    }
    at = body + size + (size % 2);
  }
  return Status::InvalidArgument("WAV without a data chunk (or a header longer than " +
                                 std::to_string(b.size()) + " bytes)");
}

Result<Pcm> ParseWav(std::string_view b) {
  auto w = ParseWavHeader(b, b.size());
  if (!w.ok()) return w.status();
  Pcm pcm;
  pcm.channels = w->channels;
  pcm.sample_rate = w->sample_rate;
  pcm.comment = w->comment;
  const std::size_t n = static_cast<std::size_t>(w->frames) * static_cast<std::size_t>(w->channels);
  pcm.samples.resize(n);
  // Through raw pointers, so that an unoptimised (sanitizer) build reads long calls quickly too.
  const auto* in = reinterpret_cast<const unsigned char*>(b.data() + w->data_offset);
  std::int16_t* out = pcm.samples.data();
  for (std::size_t i = 0; i < n; ++i) {
    out[i] = static_cast<std::int16_t>(in[2 * i] | (in[2 * i + 1] << 8));
  }
  return pcm;
}

std::vector<std::int16_t> Resample(const std::vector<std::int16_t>& in, int from_rate,
                                   int to_rate) {
  if (in.empty() || from_rate == to_rate) return in;
  std::vector<double> src(in.begin(), in.end());
  if (to_rate < from_rate) {
    // Box pre-filter about one output sample wide: crude, but keeps aliasing down for speech.
    int taps = std::max(1, from_rate / to_rate);
    std::vector<double> f(src.size());
    double acc = 0;
    for (std::size_t i = 0; i < src.size(); ++i) {
      acc += src[i];
      if (i >= static_cast<std::size_t>(taps)) acc -= src[i - taps];
      f[i] = acc / std::min<double>(taps, static_cast<double>(i + 1));
    }
    src.swap(f);
  }
  const double ratio = static_cast<double>(from_rate) / to_rate;
  const std::size_t n = static_cast<std::size_t>(static_cast<double>(src.size()) / ratio);
  std::vector<std::int16_t> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    double pos = static_cast<double>(i) * ratio;
    std::size_t j = static_cast<std::size_t>(pos);
    double frac = pos - static_cast<double>(j);
    double a = src[j], b = j + 1 < src.size() ? src[j + 1] : a;
    out[i] = static_cast<std::int16_t>(std::clamp(a + (b - a) * frac, -32768.0, 32767.0));
  }
  return out;
}

bool SpeechAvailable() {
  static const bool kAvailable = RunProcess({"espeak-ng", "--version"}).exit_code == 0;
  return kAvailable;
}

Result<std::vector<std::int16_t>> Synthesize(std::string_view text, std::string_view voice,
                                             int words_per_minute) {
  // -w writes a proper WAV file (stdout would mix with warnings, RunProcess merges them). The
  // leading space keeps text starting with '-' from being read as an option.
  std::string path = TempWavPath();
  auto r = RunProcess({"espeak-ng", "-w", path, "-v", std::string(voice), "-s",
                       std::to_string(words_per_minute), " " + std::string(text)});
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  std::filesystem::remove(path);
  if (r.exit_code != 0) return Status::Unavailable("espeak-ng failed: " + r.output);
  auto pcm = ParseWav(ss.str());
  if (!pcm.ok()) return pcm.status();
  std::vector<std::int16_t> mono = std::move(pcm->samples);
  if (pcm->channels == 2) {
    std::vector<std::int16_t> m(mono.size() / 2);
    for (std::size_t i = 0; i < m.size(); ++i) {
      m[i] = static_cast<std::int16_t>((mono[2 * i] + mono[2 * i + 1]) / 2);
    }
    mono.swap(m);
  }
  // Trim espeak's leading/trailing silence so sentence times hug the speech.
  auto loud = [](std::int16_t s) { return std::abs(static_cast<int>(s)) > 300; };
  auto first = std::find_if(mono.begin(), mono.end(), loud);
  auto last = std::find_if(mono.rbegin(), mono.rend(), loud).base();
  if (first < last) mono = std::vector<std::int16_t>(first, last);
  return Resample(mono, pcm->sample_rate, kSampleRate);
}

std::vector<std::int16_t> ToneBurst(double seconds, double hz, int sample_rate) {
  const std::size_t n = static_cast<std::size_t>(std::max(0.0, seconds) * sample_rate);
  std::vector<std::int16_t> out(n);
  constexpr double kPi = 3.14159265358979323846;
  for (std::size_t i = 0; i < n; ++i) {
    double t = static_cast<double>(i) / sample_rate;
    double syllables = 0.55 + 0.45 * std::sin(2 * kPi * 4.0 * t);   // ~4 syllables a second
    double edge = std::min({1.0, t / 0.02, (seconds - t) / 0.02});  // no clicks
    out[i] = static_cast<std::int16_t>(6000 * syllables * edge * std::sin(2 * kPi * hz * t));
  }
  return out;
}

RenderedCall RenderCall(const Scenario& scenario, AudioMode mode, std::uint64_t seed) {
  RenderedCall call;
  if (mode == AudioMode::kSpeech && !SpeechAvailable()) mode = AudioMode::kTone;

  std::vector<std::vector<std::int16_t>> clips;
  std::vector<double> durations;
  if (mode == AudioMode::kSpeech) {
    // A voice per person: agents and customers get different espeak-ng variants and speeds.
    static constexpr const char* kVoices[] = {"en-us",    "en-us+f3", "en-us+m3",
                                              "en-us+f2", "en-us+m7", "en-us+f4"};
    const char* agent_voice = kVoices[Mix(seed, 1) % 6];
    const char* customer_voice = kVoices[Mix(seed, 2) % 6];
    if (std::strcmp(agent_voice, customer_voice) == 0)
      customer_voice = kVoices[(Mix(seed, 1) + 1) % 6];
    const int agent_wpm = 165 + static_cast<int>(Mix(seed, 3) % 20);
    const int customer_wpm = 150 + static_cast<int>(Mix(seed, 4) % 30);
    for (const auto& t : scenario.turns) {
      bool agent = t.speaker == Speaker::kAgent;
      auto clip = Synthesize(t.text, agent ? agent_voice : customer_voice,
                             agent ? agent_wpm : customer_wpm);
      if (!clip.ok()) {  // fall back for the whole call, never a half-spoken recording
        clips.clear();
        durations.clear();
        mode = AudioMode::kTone;
        break;
      }
      durations.push_back(static_cast<double>(clip->size()) / kSampleRate);
      clips.push_back(std::move(*clip));
    }
  }
  if (mode != AudioMode::kSpeech) {
    for (const auto& t : scenario.turns) durations.push_back(EstimateSpeechSeconds(t.text));
  }
  call.timeline = Layout(scenario.turns, durations);
  call.duration = call.timeline.empty() ? 0 : call.timeline.back().end + 0.6;
  for (const auto& t : call.timeline) call.duration = std::max(call.duration, t.end + 0.6);

  if (mode == AudioMode::kNone) {
    call.kind = "none";
    call.wav =
        WavBytes({}, {}, kSampleRate, "converza simulator: no audio rendered (--audio=none)");
    return call;
  }
  const std::size_t frames = static_cast<std::size_t>(call.duration * kSampleRate) + 1;
  std::vector<std::int16_t> left(frames), right(frames);
  for (std::size_t i = 0; i < call.timeline.size(); ++i) {
    const auto& t = call.timeline[i];
    auto& channel = t.speaker == Speaker::kAgent ? right : left;
    std::vector<std::int16_t> clip =
        mode == AudioMode::kSpeech
            ? clips[i]
            : ToneBurst(t.end - t.start, t.speaker == Speaker::kAgent ? 440.0 : 660.0, kSampleRate);
    std::size_t at = static_cast<std::size_t>(t.start * kSampleRate);
    for (std::size_t k = 0; k < clip.size() && at + k < frames; ++k) {
      int mixed = channel[at + k] + clip[k];
      channel[at + k] = static_cast<std::int16_t>(std::clamp(mixed, -32768, 32767));
    }
  }
  if (mode == AudioMode::kSpeech) {
    call.kind = "speech";
    call.wav = WavBytes(
        left, right, kSampleRate,
        "converza simulator: synthetic speech (espeak-ng); left=customer (caller) right=agent");
  } else {
    call.kind = "tone";
    call.wav = WavBytes(left, right, kSampleRate,
                        "converza simulator: PLACEHOLDER TONES, not speech (espeak-ng not used); "
                        "left=customer 660 Hz, right=agent 440 Hz");
  }
  return call;
}

}  // namespace converza::twilio::simulator
