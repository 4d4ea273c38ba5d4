#include "analysis/reply.h"

#include <algorithm>
#include <string_view>

namespace converza::analysis {
namespace {

bool AnyIn(const std::vector<Token>& t, std::size_t lo, std::size_t hi, const PhraseSet& phrases) {
  return phrases.Find(t, lo, hi);
}

}  // namespace

bool IsDeferral(const std::vector<Token>& t, std::size_t lo, std::size_t hi) {
  hi = std::min(hi, t.size());
  static const PhraseSet kPhrases1 = {"think about it",
                                      "think it over",
                                      "think about that",
                                      "thinking about it",
                                      "sleep on it",
                                      "mull it over",
                                      "let me think",
                                      "need to think",
                                      "have to think",
                                      "send me a proposal",
                                      "send me a quote",
                                      "send a proposal",
                                      "send over a quote",
                                      "send me the quote",
                                      "send me some information",
                                      "send me info",
                                      "send me the details",
                                      "email me the",
                                      "email me a",
                                      "email me some",
                                      "send me an email",
                                      "ask my",
                                      "check with my",
                                      "talk to my",
                                      "talk with my",
                                      "discuss with my",
                                      "discuss it with",
                                      "run it by",
                                      "run this by",
                                      "consult my",
                                      "call me back",
                                      "call you back",
                                      "get back to you",
                                      "circle back",
                                      "not ready",
                                      "shop around",
                                      "look around",
                                      "hold off",
                                      "not right now",
                                      "not today",
                                      "not at this time",
                                      "maybe later",
                                      "maybe next",
                                      "some other time",
                                      "another time",
                                      "not sure yet",
                                      "need a proposal",
                                      "want a proposal",
                                      "put together a proposal"};
  return AnyIn(t, lo, hi, kPhrases1);
}

Reply ClassifyReply(const std::vector<Token>& t, std::size_t lo, std::size_t hi) {
  hi = std::min(hi, t.size());
  if (lo >= hi) return Reply::kUndecided;
  // A command to go ahead decides the reply unless a decline came before it: what follows it is
  // the reason or the next thing ("yeah fine add it i don't want her stuck on the road").
  static const PhraseSet kCommands = {
      "add it",      "add that",      "add them",   "add those",   "do it",      "let's do",
      "go ahead",    "i'll take",     "we'll take", "book it",     "sign me up", "sign us up",
      "throw it in", "throw that in", "put it on",  "count me in", "let's add",  "go for it"};
  if (std::size_t command = hi;
      kCommands.Find(t, lo, hi, &command) && ClassifyReply(t, lo, command) != Reply::kDecline) {
    return Reply::kAccept;
  }
  if (IsDeferral(t, lo, hi)) return Reply::kDecline;
  static const PhraseSet kPhrases2 = {"pass",
                                      "not interested",
                                      "don't need",
                                      "do not need",
                                      "don't want",
                                      "do not want",
                                      "no thanks",
                                      "no thank you",
                                      "skip",
                                      "i'm good",
                                      "i'm ok",
                                      "i'm okay",
                                      "i'm fine",
                                      "we're good",
                                      "we're fine",
                                      "too expensive",
                                      "too pricey",
                                      "too much",
                                      "rather not",
                                      "i'd rather",
                                      "leave it",
                                      "without it",
                                      "without the",
                                      "decline",
                                      "not for me",
                                      "not this time",
                                      "not for now",
                                      "no need",
                                      "i'll stick",
                                      "stick with",
                                      "just the basic",
                                      "just the base",
                                      "just the standard",
                                      "just the regular",
                                      "only the basic",
                                      "can't afford",
                                      "cannot afford",
                                      "don't think so",
                                      "i don't think",
                                      "no way",
                                      "not worth",
                                      "keep it simple",
                                      "that's ok",
                                      "that's okay",
                                      "that's alright",
                                      "that's all right",
                                      "that's fine for now"};
  if (AnyIn(t, lo, hi, kPhrases2)) {
    return Reply::kDecline;
  }
  // A reply that opens with "no"/"nope"/"nah" declines ("no, ...", but not "no problem").
  std::size_t first = lo;
  while (first < hi && !t[first].IsWord()) ++first;
  if (first < hi && (t[first].Is("nope") || t[first].Is("nah") ||
                     (t[first].Is("no") && !(first + 1 < hi && (t[first + 1].Is("problem") ||
                                                                t[first + 1].Is("worries") ||
                                                                t[first + 1].Is("doubt")))))) {
    return Reply::kDecline;
  }
  static const PhraseSet kPhrases3 = {
      "yes",          "yeah",          "yep",          "yup",           "sure",
      "ok",           "okay",          "go ahead",     "let's do",      "let's go",
      "add it",       "add that",      "add them",     "do it",         "sounds good",
      "sounds great", "i'll take",     "we'll take",   "take it",       "why not",
      "deal",         "absolutely",    "definitely",   "please",        "perfect",
      "great",        "sign me up",    "sign us up",   "include it",    "throw it in",
      "that works",   "go for it",     "i'll go with", "we'll go with", "count me in",
      "let's add",    "i'd like that", "i would like", "i'd like",      "makes sense",
      "alright",      "all right",     "of course",    "i'll do",       "we'll do",
      "book it",      "i want",        "i'll get",     "put me down",   "i'm in",
      "works for me", "that's fine",   "fine",         "yes please",    "you bet",
      "certainly",    "love to",       "happy to",     "i'll keep",     "keep it",
      "i'll stay",    "we'll stay",    "let's keep"};
  if (AnyIn(t, lo, hi, kPhrases3)) {
    return Reply::kAccept;
  }
  return Reply::kUndecided;
}

}  // namespace converza::analysis
