#include "analysis/unscorable.h"

#include "analysis/tokens.h"

namespace converza::analysis {
namespace {

// What answering machines and carriers' mailboxes say, not what people say about voicemail
// ("I got your voicemail"): the greeting side must also say nothing else.
bool IsVoicemailGreeting(const std::vector<Token>& tokens) {
  static const PhraseSet kGreetings = {"leave a message",
                                       "leave your message",
                                       "leave me a message",
                                       "leave your name",
                                       "after the tone",
                                       "after the beep",
                                       "at the tone",
                                       "at the beep",
                                       "record your message",
                                       "not available to take your call",
                                       "can't take your call",
                                       "cannot take your call",
                                       "unable to take your call",
                                       "can't come to the phone",
                                       "voicemail box",
                                       "voice mailbox",
                                       "mailbox is full",
                                       "the person you are calling",
                                       "the person you're calling"};
  return ContainsAny(tokens, kGreetings);
}

bool OnlyAGreeting(const std::vector<Turn>& turns, Speaker side) {
  int count = 0;
  int last_start = -1, other_last_start = -1;
  bool greeting = false;
  for (const Turn& t : turns) {
    if (t.speaker != side) {
      other_last_start = t.start_ms;
      continue;
    }
    ++count;
    last_start = t.start_ms;
    greeting = greeting || IsVoicemailGreeting(Tokenize(t.text));
  }
  // A person answers back; a greeting plays once (twice at most, split by the transcriber).
  return greeting && count <= 2 && (other_last_start < 0 || last_start < other_last_start);
}

}  // namespace

std::optional<std::string_view> UnscorableReason(const std::vector<Turn>& turns, int recording_s) {
  int words = 0;
  int first_ms = -1, last_ms = 0;
  for (const Turn& t : turns) {
    words += CountWords(t.text);
    if (first_ms < 0) first_ms = t.start_ms;
    last_ms = std::max(last_ms, t.end_ms);
  }
  if (words < 3) return "silent";
  const int seconds = recording_s > 0 ? recording_s : (last_ms - std::max(first_ms, 0)) / 1000;
  if (seconds < kMinScoredSeconds) return "too_short";
  if (OnlyAGreeting(turns, Speaker::kCustomer) || OnlyAGreeting(turns, Speaker::kAgent)) {
    return "voicemail";
  }
  return std::nullopt;
}

}  // namespace converza::analysis
