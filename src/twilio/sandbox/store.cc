#include "twilio/sandbox/store.h"

#include <openssl/rand.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace converza::twilio::sandbox {
namespace fs = std::filesystem;
namespace json = boost::json;

std::string NewSid(std::string_view prefix) {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("RAND_bytes failed");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(prefix);
  for (unsigned char b : bytes) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

std::int64_t NowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}
std::int64_t NowSeconds() { return NowMillis() / 1000; }

namespace {

std::string Str(const json::object& o, const char* key) {
  auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}
std::int64_t Int(const json::object& o, const char* key) {
  auto* v = o.if_contains(key);
  if (!v) return 0;
  if (v->is_int64()) return v->get_int64();
  if (v->is_uint64()) return static_cast<std::int64_t>(v->get_uint64());
  if (v->is_double()) return static_cast<std::int64_t>(v->get_double());
  return 0;
}
double Num(const json::object& o, const char* key) {
  auto* v = o.if_contains(key);
  if (!v) return 0;
  if (v->is_double()) return v->get_double();
  if (v->is_int64()) return static_cast<double>(v->get_int64());
  if (v->is_uint64()) return static_cast<double>(v->get_uint64());
  return 0;
}

json::array SentencesToJson(const std::vector<Sentence>& s) {
  json::array a;
  for (const auto& x : s) {
    a.push_back(json::object{{"channel", x.channel},
                             {"start", x.start},
                             {"end", x.end},
                             {"text", x.text},
                             {"confidence", x.confidence}});
  }
  return a;
}
std::vector<Sentence> SentencesFromJson(const json::value* v) {
  std::vector<Sentence> out;
  if (!v || !v->is_array()) return out;
  for (const auto& e : v->get_array()) {
    if (!e.is_object()) continue;
    const auto& o = e.get_object();
    out.push_back({static_cast<int>(Int(o, "channel")), Num(o, "start"), Num(o, "end"),
                   Str(o, "text"), Num(o, "confidence")});
  }
  return out;
}

std::string ToJson(const SubAccount& a) {
  return json::serialize(json::object{{"sid", a.sid},
                                      {"auth_token", a.auth_token},
                                      {"owner_account_sid", a.owner_account_sid},
                                      {"friendly_name", a.friendly_name},
                                      {"date_created", a.date_created},
                                      {"date_updated", a.date_updated}});
}
SubAccount SubAccountFromJson(const json::object& o) {
  return {Str(o, "sid"),           Str(o, "auth_token"),   Str(o, "owner_account_sid"),
          Str(o, "friendly_name"), Int(o, "date_created"), Int(o, "date_updated")};
}

std::string ToJson(const PhoneNumber& n) {
  return json::serialize(json::object{{"sid", n.sid},
                                      {"account_sid", n.account_sid},
                                      {"phone_number", n.phone_number},
                                      {"friendly_name", n.friendly_name},
                                      {"voice_url", n.voice_url},
                                      {"voice_method", n.voice_method},
                                      {"voice_fallback_url", n.voice_fallback_url},
                                      {"voice_fallback_method", n.voice_fallback_method},
                                      {"status_callback", n.status_callback},
                                      {"status_callback_method", n.status_callback_method},
                                      {"date_created", n.date_created},
                                      {"date_updated", n.date_updated}});
}
PhoneNumber NumberFromJson(const json::object& o) {
  PhoneNumber n;
  n.sid = Str(o, "sid");
  n.account_sid = Str(o, "account_sid");
  n.phone_number = Str(o, "phone_number");
  n.friendly_name = Str(o, "friendly_name");
  n.voice_url = Str(o, "voice_url");
  n.voice_method = Str(o, "voice_method");
  n.voice_fallback_url = Str(o, "voice_fallback_url");
  n.voice_fallback_method = Str(o, "voice_fallback_method");
  n.status_callback = Str(o, "status_callback");
  n.status_callback_method = Str(o, "status_callback_method");
  n.date_created = Int(o, "date_created");
  n.date_updated = Int(o, "date_updated");
  return n;
}

std::string ToJson(const Recording& r) {
  return json::serialize(json::object{{"sid", r.sid},
                                      {"account_sid", r.account_sid},
                                      {"call_sid", r.call_sid},
                                      {"date_created", r.date_created},
                                      {"start_time", r.start_time},
                                      {"duration", r.duration},
                                      {"channels", r.channels},
                                      {"source", r.source},
                                      {"status", r.status},
                                      {"audio_kind", r.audio_kind},
                                      {"sentences", SentencesToJson(r.sentences)}});
}
Recording RecordingFromJson(const json::object& o) {
  Recording r;
  r.sid = Str(o, "sid");
  r.account_sid = Str(o, "account_sid");
  r.call_sid = Str(o, "call_sid");
  r.date_created = Int(o, "date_created");
  r.start_time = Int(o, "start_time");
  r.duration = static_cast<int>(Int(o, "duration"));
  r.channels = static_cast<int>(Int(o, "channels"));
  r.source = Str(o, "source");
  r.status = Str(o, "status");
  r.audio_kind = Str(o, "audio_kind");
  r.sentences = SentencesFromJson(o.if_contains("sentences"));
  return r;
}

std::string ToJson(const Transcript& t) {
  return json::serialize(json::object{{"sid", t.sid},
                                      {"account_sid", t.account_sid},
                                      {"service_sid", t.service_sid},
                                      {"source_sid", t.source_sid},
                                      {"customer_key", t.customer_key},
                                      {"channel_json", t.channel_json},
                                      {"date_created_ms", t.date_created_ms},
                                      {"ready_at_ms", t.ready_at_ms},
                                      {"fails", t.fails},
                                      {"duration", t.duration},
                                      {"sentences", SentencesToJson(t.sentences)}});
}
Transcript TranscriptFromJson(const json::object& o) {
  Transcript t;
  t.sid = Str(o, "sid");
  t.account_sid = Str(o, "account_sid");
  t.service_sid = Str(o, "service_sid");
  t.source_sid = Str(o, "source_sid");
  t.customer_key = Str(o, "customer_key");
  t.channel_json = Str(o, "channel_json");
  t.date_created_ms = Int(o, "date_created_ms");
  t.ready_at_ms = Int(o, "ready_at_ms");
  const auto* fails = o.if_contains("fails");
  t.fails = fails != nullptr && fails->is_bool() && fails->get_bool();
  t.duration = static_cast<int>(Int(o, "duration"));
  t.sentences = SentencesFromJson(o.if_contains("sentences"));
  return t;
}

Result<std::string> ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return Status::NotFound("cannot read " + p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Status WriteFileAtomic(const fs::path& p, const std::string& data) {
  fs::path tmp = p;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Status::Internal("cannot write " + tmp.string());
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    if (!out) return Status::Internal("cannot write " + tmp.string());
  }
  std::error_code ec;
  fs::rename(tmp, p, ec);
  if (ec) return Status::Internal("cannot rename " + tmp.string() + ": " + ec.message());
  return Status::Ok();
}

template <typename T, typename F>
std::optional<T> FindIf(const std::vector<T>& v, F pred) {
  auto it = std::find_if(v.begin(), v.end(), pred);
  if (it == v.end()) return std::nullopt;
  return *it;
}

}  // namespace

Result<std::unique_ptr<Store>> Store::Open(const std::string& dir) {
  std::unique_ptr<Store> s(new Store(dir));
  std::error_code ec;
  for (const char* kind : {"accounts", "numbers", "recordings", "transcripts"}) {
    fs::create_directories(fs::path(dir) / kind, ec);
    if (ec) return Status::Internal("cannot create " + dir + "/" + kind + ": " + ec.message());
  }
  if (Status st = s->Load(); !st.ok()) return st;
  return s;
}

Status Store::Load() {
  for (const char* kind : {"accounts", "numbers", "recordings", "transcripts"}) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(fs::path(dir_) / kind)) {
      if (e.path().extension() == ".json") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      auto text = ReadFile(f);
      if (!text.ok()) return text.status();
      boost::system::error_code ec;
      auto v = json::parse(*text, ec);
      if (ec || !v.is_object()) return Status::Internal("corrupt sandbox file " + f.string());
      const auto& o = v.get_object();
      std::string k = kind;
      if (k == "accounts") accounts_.push_back(SubAccountFromJson(o));
      if (k == "numbers") numbers_.push_back(NumberFromJson(o));
      if (k == "recordings") recordings_.push_back(RecordingFromJson(o));
      if (k == "transcripts") transcripts_.push_back(TranscriptFromJson(o));
    }
  }
  // Lists come back in creation order, like Twilio's (newest last here).
  std::stable_sort(numbers_.begin(), numbers_.end(),
                   [](const auto& a, const auto& b) { return a.date_created < b.date_created; });
  std::stable_sort(recordings_.begin(), recordings_.end(),
                   [](const auto& a, const auto& b) { return a.date_created < b.date_created; });
  std::stable_sort(transcripts_.begin(), transcripts_.end(), [](const auto& a, const auto& b) {
    return a.date_created_ms < b.date_created_ms;
  });
  Reindex();
  return Status::Ok();
}

void Store::Reindex() {
  recording_at_.clear();
  transcript_at_.clear();
  transcripts_of_.clear();
  for (std::size_t i = 0; i < recordings_.size(); ++i) recording_at_[recordings_[i].sid] = i;
  for (std::size_t i = 0; i < transcripts_.size(); ++i) {
    transcript_at_[transcripts_[i].sid] = i;
    transcripts_of_[transcripts_[i].source_sid].push_back(i);
  }
}

Status Store::Save(const std::string& kind, const std::string& sid, const std::string& json) {
  return WriteFileAtomic(fs::path(dir_) / kind / (sid + ".json"), json);
}

void Store::Remove(const std::string& kind, const std::string& sid, const std::string& ext) {
  std::error_code ec;
  fs::remove(fs::path(dir_) / kind / (sid + ext), ec);
}

Result<SubAccount> Store::CreateSubAccount(SubAccount a) {
  std::lock_guard lock(mu_);
  a.sid = NewSid("AC");
  a.auth_token = NewSid("");  // 32 hex digits, like Twilio's auth tokens
  a.date_created = a.date_updated = NowSeconds();
  if (Status st = Save("accounts", a.sid, ToJson(a)); !st.ok()) return st;
  accounts_.push_back(a);
  return a;
}

std::optional<SubAccount> Store::GetSubAccount(const std::string& sid) {
  std::lock_guard lock(mu_);
  return FindIf(accounts_, [&](const auto& a) { return a.sid == sid; });
}

Result<PhoneNumber> Store::CreateNumber(PhoneNumber n) {
  std::lock_guard lock(mu_);
  n.sid = NewSid("PN");
  n.date_created = n.date_updated = NowSeconds();
  if (Status st = Save("numbers", n.sid, ToJson(n)); !st.ok()) return st;
  numbers_.push_back(n);
  return n;
}

std::optional<PhoneNumber> Store::GetNumber(const std::string& account_sid,
                                            const std::string& sid) {
  std::lock_guard lock(mu_);
  return FindIf(numbers_,
                [&](const auto& n) { return n.sid == sid && n.account_sid == account_sid; });
}

std::optional<PhoneNumber> Store::FindNumber(const std::string& phone_number) {
  std::lock_guard lock(mu_);
  return FindIf(numbers_, [&](const auto& n) { return n.phone_number == phone_number; });
}

std::vector<PhoneNumber> Store::ListNumbers(const std::string& account_sid) {
  std::lock_guard lock(mu_);
  std::vector<PhoneNumber> out;
  for (const auto& n : numbers_) {
    if (n.account_sid == account_sid) out.push_back(n);
  }
  return out;
}

Result<PhoneNumber> Store::UpdateNumber(const std::string& account_sid, const std::string& sid,
                                        const std::function<void(PhoneNumber&)>& change) {
  std::lock_guard lock(mu_);
  for (auto& n : numbers_) {
    if (n.sid != sid || n.account_sid != account_sid) continue;
    PhoneNumber updated = n;
    change(updated);
    updated.sid = n.sid;
    updated.account_sid = n.account_sid;
    updated.date_updated = NowSeconds();
    if (Status st = Save("numbers", sid, ToJson(updated)); !st.ok()) return st;
    n = updated;
    return n;
  }
  return Status::NotFound("no phone number " + sid);
}

bool Store::DeleteNumber(const std::string& account_sid, const std::string& sid) {
  std::lock_guard lock(mu_);
  auto it = std::find_if(numbers_.begin(), numbers_.end(), [&](const auto& n) {
    return n.sid == sid && n.account_sid == account_sid;
  });
  if (it == numbers_.end()) return false;
  Remove("numbers", sid, ".json");
  numbers_.erase(it);
  return true;
}

Result<Recording> Store::PutRecording(Recording r, const std::string& wav) {
  std::lock_guard lock(mu_);
  if (r.sid.empty()) r.sid = NewSid("RE");
  if (r.date_created == 0) r.date_created = NowSeconds();
  // Audio first: a recording's JSON never points at missing audio.
  if (Status st = WriteFileAtomic(fs::path(dir_) / "recordings" / (r.sid + ".wav"), wav);
      !st.ok()) {
    return st;
  }
  if (Status st = Save("recordings", r.sid, ToJson(r)); !st.ok()) return st;
  if (auto at = recording_at_.find(r.sid); at != recording_at_.end()) {
    recordings_[at->second] = r;
  } else {
    recording_at_[r.sid] = recordings_.size();
    recordings_.push_back(r);
  }
  return r;
}

std::optional<Recording> Store::GetRecording(const std::string& sid) {
  std::lock_guard lock(mu_);
  const auto at = recording_at_.find(sid);
  if (at == recording_at_.end()) return std::nullopt;
  return recordings_[at->second];
}

std::vector<Recording> Store::ListRecordings(const std::string& account_sid) {
  std::lock_guard lock(mu_);
  std::vector<Recording> out;
  for (const auto& r : recordings_) {
    if (r.account_sid == account_sid) out.push_back(r);
  }
  return out;
}

// The audio file is immutable once written, so it is read outside the lock.
Result<std::uint64_t> Store::AudioSize(const std::string& sid) {
  std::error_code ec;
  auto size = fs::file_size(fs::path(dir_) / "recordings" / (sid + ".wav"), ec);
  if (ec) return Status::NotFound("no audio for " + sid);
  return static_cast<std::uint64_t>(size);
}

Result<std::string> Store::ReadAudio(const std::string& sid, std::uint64_t offset,
                                     std::uint64_t length) {
  const fs::path p = fs::path(dir_) / "recordings" / (sid + ".wav");
  if (offset == 0 && length == UINT64_MAX) return ReadFile(p);
  std::ifstream in(p, std::ios::binary);
  if (!in) return Status::NotFound("cannot read " + p.string());
  in.seekg(static_cast<std::streamoff>(offset));
  std::string out(static_cast<std::size_t>(length), '\0');
  in.read(out.data(), static_cast<std::streamsize>(length));
  out.resize(static_cast<std::size_t>(in.gcount()));
  return out;
}

Result<Transcript> Store::CreateTranscript(Transcript t) {
  std::lock_guard lock(mu_);
  t.sid = NewSid("GT");
  t.date_created_ms = NowMillis();
  if (t.ready_at_ms < t.date_created_ms) t.ready_at_ms = t.date_created_ms;
  if (Status st = Save("transcripts", t.sid, ToJson(t)); !st.ok()) return st;
  transcript_at_[t.sid] = transcripts_.size();
  transcripts_of_[t.source_sid].push_back(transcripts_.size());
  transcripts_.push_back(t);
  return t;
}

std::optional<Transcript> Store::GetTranscript(const std::string& sid) {
  std::lock_guard lock(mu_);
  const auto at = transcript_at_.find(sid);
  if (at == transcript_at_.end()) return std::nullopt;
  return transcripts_[at->second];
}

std::optional<Transcript> Store::FindTranscriptBySource(const std::string& recording_sid) {
  std::lock_guard lock(mu_);
  const auto of = transcripts_of_.find(recording_sid);
  if (of == transcripts_of_.end() || of->second.empty()) return std::nullopt;
  return transcripts_[of->second.front()];
}

std::vector<Transcript> Store::ListTranscripts(const std::string& account_sid,
                                               const std::string& source_sid, std::size_t limit) {
  std::lock_guard lock(mu_);
  std::vector<Transcript> out;
  auto add = [&](const Transcript& t) {
    if (t.account_sid == account_sid) out.push_back(t);
  };
  if (!source_sid.empty()) {
    if (const auto of = transcripts_of_.find(source_sid); of != transcripts_of_.end()) {
      for (auto i = of->second.rbegin(); i != of->second.rend() && out.size() < limit; ++i) {
        add(transcripts_[*i]);
      }
    }
    return out;
  }
  for (auto it = transcripts_.rbegin(); it != transcripts_.rend() && out.size() < limit; ++it) {
    add(*it);
  }
  return out;
}

bool Store::DeleteTranscript(const std::string& sid) {
  std::lock_guard lock(mu_);
  const auto at = transcript_at_.find(sid);
  if (at == transcript_at_.end()) return false;
  Remove("transcripts", sid, ".json");
  transcripts_.erase(transcripts_.begin() + static_cast<std::ptrdiff_t>(at->second));
  Reindex();
  return true;
}

}  // namespace converza::twilio::sandbox
