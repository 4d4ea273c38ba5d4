#include "analysis/objection.h"

#include <algorithm>

namespace converza::analysis {
namespace {

struct KindPhrases {
  std::string_view kind;
  PhraseSet phrases;
};

// Checked in this order within a turn: the more specific reason first ("my husband thinks it's
// too expensive" is about who decides, "I'll think about it" only when nothing else is said).
const KindPhrases kKinds[] = {
    {"decision_maker", {"ask my wife",          "ask my husband",        "ask my partner",
                        "ask my spouse",        "ask my boss",           "ask my manager",
                        "talk to my wife",      "talk to my husband",    "talk to my partner",
                        "talk to my spouse",    "talk to my boss",       "talk to my manager",
                        "check with my wife",   "check with my husband", "check with my partner",
                        "check with my spouse", "check with my boss",    "check with my manager",
                        "run it by my",         "run this by my",        "run that by my",
                        "discuss it with my",   "discuss this with my",  "talk it over with my",
                        "need to ask my",       "have to ask my",        "not my decision",
                        "not my call"}},
    {"competitor",
     {"quoted me less",
      "quoted me lower",
      "quoted us less",
      "cheaper elsewhere",
      "cheaper somewhere else",
      "found it cheaper",
      "found a cheaper",
      "got a better offer",
      "got a better price",
      "got a better quote",
      "better deal elsewhere",
      "another company",
      "another provider",
      "other company",
      "other provider",
      "stay with my current",
      "staying with my current",
      "stick with my current",
      "sticking with my current",
      "going with someone else",
      "go with someone else",
      "go with another",
      "going with another",
      "competitor",
      "competitors",
      "can you match",
      "could you match",
      "match their price",
      "match that price",
      "do it for less",
      "dollars less"}},
    {"price",
     {"too expensive",
      "too pricey",
      "too much money",
      "that's a lot of money",
      "that's too much",
      "it's too much",
      "more than i want to spend",
      "more than i wanted to spend",
      "more than i can spend",
      "out of my budget",
      "out of our budget",
      "over my budget",
      "over our budget",
      "not in my budget",
      "not in our budget",
      "can't afford",
      "cannot afford",
      "can't justify the cost",
      "can't justify the price",
      "a bit steep",
      "pretty steep",
      "too steep",
      "a lot more than"}},
    {"just_looking",
     {"just looking", "just browsing", "just shopping around", "shopping around",
      "just getting quotes", "just getting a quote", "only getting quotes", "just comparing",
      "just wanted to know", "just wanted a price", "just wanted to check", "just curious",
      "gathering quotes", "collecting quotes"}},
    {"timing",
     {"not a good time", "bad time", "not right now", "not now", "maybe next month",
      "maybe next year", "maybe later", "next quarter", "call me back later", "call me next",
      "in a few months", "after the holidays", "not ready yet", "not ready to", "wait until",
      "hold off", "holding off", "put it off", "too soon"}},
    {"undecided",
     {"think about it", "think it over", "think this over", "thinking about it", "sleep on it",
      "let me think", "need to think", "i'll think", "not sure yet", "not sure about",
      "get back to you", "i'll let you know", "let you know", "i'll pass", "not interested",
      "no thanks", "no thank you"}},
};

}  // namespace

bool IsObjectionKind(std::string_view kind) {
  return std::find(std::begin(kObjectionKinds), std::end(kObjectionKinds), kind) !=
         std::end(kObjectionKinds);
}

std::string_view ObjectionKindIn(const std::vector<Token>& tokens) {
  for (const KindPhrases& k : kKinds) {
    if (ContainsAny(tokens, k.phrases)) return k.kind;
  }
  return {};
}

Objection DetectObjection(const std::vector<TokenizedTurn>& turns) {
  for (auto it = turns.rbegin(); it != turns.rend(); ++it) {
    if (it->turn->speaker != Speaker::kCustomer) continue;
    if (const std::string_view kind = ObjectionKindIn(it->tokens); !kind.empty()) {
      return Objection{std::string(kind), it->turn->text, it->turn->start_ms};
    }
  }
  return {};
}

}  // namespace converza::analysis
