#include "analysis/script_matcher.h"

#include <algorithm>
#include <cctype>
#include <string_view>

#include "analysis/grounding.h"
#include "analysis/money.h"

namespace converza::analysis {
namespace {

bool IsSentenceEnd(const Token& t) { return t.Is(".") || t.Is("?") || t.Is("!"); }

// The sentence of `text` around token `at`, at most 200 bytes, as evidence.
std::string Quote(const TokenizedTurn& tt, std::size_t at) {
  const auto& t = tt.tokens;
  const std::string& s = tt.turn->text;
  if (t.empty()) return ShortQuote(s);
  at = std::min(at, t.size() - 1);
  std::size_t lo = at, hi = at;
  while (lo > 0 && !IsSentenceEnd(t[lo - 1])) --lo;
  while (hi + 1 < t.size() && !IsSentenceEnd(t[hi])) ++hi;
  std::size_t b = t[lo].begin, e = t[hi].end;
  return ShortQuote(std::string_view(s).substr(b, e - b));
}

bool FindIn(const std::vector<Token>& t, const PhraseSet& phrases, std::size_t* at) {
  return ContainsAny(t, phrases, at);
}

bool IsQuestionSentence(const std::vector<Token>& t, std::size_t at) {
  std::size_t hi = at;
  while (hi < t.size() && !IsSentenceEnd(t[hi])) ++hi;
  if (hi < t.size() && t[hi].Is("?")) return true;
  std::size_t lo = at;
  while (lo > 0 && !IsSentenceEnd(t[lo - 1])) --lo;
  static constexpr std::string_view kStarts[] = {"what",  "how",   "which", "when", "where", "who",
                                                 "why",   "do",    "does",  "are",  "is",    "can",
                                                 "could", "would", "have",  "has",  "tell",  "may"};
  for (auto w : kStarts) {
    if (lo < t.size() && t[lo].Is(w)) return true;
  }
  return false;
}

bool IsFunctionWord(std::string_view w) {
  static constexpr std::string_view kStop[] = {
      "the",   "a",        "an",        "and",   "or",     "to",   "of",   "for",
      "in",    "on",       "at",        "by",    "with",   "is",   "are",  "be",
      "agent", "customer", "customers", "their", "they",   "that", "this", "it",
      "asks",  "ask",      "about",     "any",   "or",     "if",   "when", "whether",
      "from",  "as",       "has",       "have",  "does",   "do",   "not",  "call",
      "calls", "mentions", "mention",   "tells", "tell",   "says", "say",  "offers",
      "offer", "our",      "your",      "his",   "her",    "them", "him",  "she",
      "he",    "we",       "you",       "can",   "should", "must", "will", "least",
      "one",   "all",      "every",     "its"};
  for (auto s : kStop) {
    if (s == w) return true;
  }
  return w.size() < 3;
}

std::vector<std::string> ContentStems(const ScriptItem& item) {
  std::vector<std::string> stems;
  for (const auto& tok : Tokenize(item.label + " " + item.description)) {
    if (!tok.IsWord() || IsFunctionWord(tok.text)) continue;
    std::string stem = tok.text.substr(0, std::min<std::size_t>(tok.text.size(), 5));
    if (std::find(stems.begin(), stems.end(), stem) == stems.end()) stems.push_back(stem);
  }
  return stems;
}

struct Hit {
  bool met = false;
  std::string evidence;
  int at_ms = -1;
  void Set(const TokenizedTurn& tt, std::size_t at) {
    met = true;
    evidence = Quote(tt, at);
    at_ms = tt.turn->start_ms;
  }
};

Hit Greeting(const std::vector<const TokenizedTurn*>& agent) {
  Hit h;
  for (std::size_t i = 0; i < agent.size() && i < 3; ++i) {
    const auto& t = agent[i]->tokens;
    std::size_t at = 0;
    // "thank you for calling Acme", "welcome to Acme", "you've reached Acme",
    // "this is Dana from/at/with Acme", "Acme, this is Dana".
    static const PhraseSet kPhrases1 = {"for calling",         "welcome to",
                                        "you've reached",      "you have reached",
                                        "thanks for choosing", "thank you for choosing"};
    if (FindIn(t, kPhrases1, &at)) {
      std::size_t k = at + 2;
      if (t[at].Is("you") || t[at].Is("thanks") || t[at].Is("thank")) k = at + 3;
      if (k < t.size() && t[k].IsWord() && !t[k].Is("how") && !t[k].Is("today") && !t[k].Is("in") &&
          !t[k].Is("back") && !t[k].Is("us") && !t[k].Is("me") && !t[k].Is("my")) {
        h.Set(*agent[i], at);
        return h;
      }
    }
    for (std::size_t k = 0; k + 3 < t.size(); ++k) {
      if (t[k].Is("this") && t[k + 1].Is("is") && t[k + 2].IsWord() &&
          (t[k + 3].Is("from") || t[k + 3].Is("at") || t[k + 3].Is("with") || t[k + 3].Is("of")) &&
          k + 4 < t.size() && t[k + 4].IsWord()) {
        h.Set(*agent[i], k);
        return h;
      }
    }
    // A self-introduction ("this is Dana", "Dana speaking", "my name is Dana", "I'm Dana") in a
    // turn that also carries a capitalised name other than the agent's: "Acme Solar, Dana
    // speaking", "Acme support, this is Dana".
    {
      const std::string& s = agent[i]->turn->text;
      std::size_t intro = 0;
      static const PhraseSet kPhrases11 = {"this is", "my name is", "speaking", "i'm", "i am"};
      bool has_intro = FindIn(t, kPhrases11, &intro);
      if (has_intro) {
        std::size_t agent_name = t[intro].Is("speaking") ? (intro > 0 ? intro - 1 : 0)
                                 : t[intro].Is("i'm")    ? intro + 1
                                 : t[intro].Is("my")     ? intro + 3
                                                         : intro + 2;
        for (std::size_t k = 0; k < t.size(); ++k) {
          if (k == agent_name || !t[k].IsWord() || t[k].Is("i") || t[k].Is("i'm")) continue;
          bool cap = std::isupper(static_cast<unsigned char>(s[t[k].begin])) != 0;
          bool sentence_start = k == 0 || IsSentenceEnd(t[k - 1]);
          static constexpr std::string_view kGreetWords[] = {
              "hi",   "hello",   "hey",     "good",      "thanks", "thank", "yes",
              "okay", "uh",      "um",      "oh",        "sure",   "how",   "this",
              "my",   "welcome", "morning", "afternoon", "evening"};
          bool greet_word = false;
          for (auto g : kGreetWords) greet_word |= t[k].Is(g);
          if (cap && !greet_word && (!sentence_start || (k + 1 < t.size() && !t[k + 1].Is("is")))) {
            if (sentence_start && k + 1 < t.size() && t[k + 1].IsWord() &&
                !std::isupper(static_cast<unsigned char>(s[t[k + 1].begin])) && !t[k + 1].Is(",") &&
                !(k + 1 < t.size() && (t[k + 1].Is("support") || t[k + 1].Is("reservations") ||
                                       t[k + 1].Is("claims") || t[k + 1].Is("customer")))) {
              continue;  // an ordinary sentence start ("Let me ...")
            }
            h.Set(*agent[i], k);
            return h;
          }
        }
      }
    }
    // "Acme Solar, this is Dana": a capitalised name before "this is" at the very start.
    static const PhraseSet kPhrases12 = {"this is"};
    if (t.size() > 3 && t[0].IsWord() && FindIn(t, kPhrases12, &at) && at > 0 && at <= 4 &&
        t[at - 1].Is(",")) {
      const std::string& s = agent[i]->turn->text;
      if (std::isupper(static_cast<unsigned char>(s[t[0].begin])) && !t[0].Is("hi") &&
          !t[0].Is("hello") && !t[0].Is("hey") && !t[0].Is("good")) {
        h.Set(*agent[i], 0);
        return h;
      }
    }
  }
  return h;
}

Hit VerifyIdentity(const std::vector<const TokenizedTurn*>& agent) {
  Hit h;
  for (const auto* tt : agent) {
    std::size_t at = 0;
    static const PhraseSet kPhrases2 = {"your name",
                                        "full name",
                                        "the name on",
                                        "name on the",
                                        "account number",
                                        "date of birth",
                                        "birth date",
                                        "your birthday",
                                        "verify",
                                        "verification",
                                        "confirm your",
                                        "confirm the",
                                        "pin",
                                        "passcode",
                                        "last four",
                                        "last 4",
                                        "security question",
                                        "zip code",
                                        "postal code",
                                        "policy number",
                                        "member id",
                                        "member number",
                                        "reservation number",
                                        "confirmation number",
                                        "booking number",
                                        "order number",
                                        "who am i speaking with",
                                        "who i'm speaking with",
                                        "who do i have",
                                        "am i speaking with",
                                        "email on file",
                                        "phone number on the account",
                                        "address on file",
                                        "on the account",
                                        "spell your last name",
                                        "your last name",
                                        "customer number",
                                        "patient id",
                                        "license plate",
                                        "vin",
                                        "your address"};
    if (FindIn(tt->tokens, kPhrases2, &at)) {
      h.Set(*tt, at);
      return h;
    }
  }
  return h;
}

Hit NeedsDiscovery(const std::vector<const TokenizedTurn*>& agent) {
  static const PhraseSet kNeedsCues = {"what are you looking",
                                       "what kind of",
                                       "what type of",
                                       "how many",
                                       "how often",
                                       "how much do you",
                                       "how long have",
                                       "how are you using",
                                       "what do you use",
                                       "what are you using",
                                       "are you currently",
                                       "do you currently",
                                       "what's most important",
                                       "what is most important",
                                       "what matters",
                                       "tell me about",
                                       "tell me a little",
                                       "tell me more",
                                       "what's your budget",
                                       "what is your budget",
                                       "do you have a budget",
                                       "what problem",
                                       "what's going on",
                                       "what seems to be",
                                       "what happened",
                                       "when do you need",
                                       "when are you",
                                       "what size",
                                       "is it for",
                                       "who will be",
                                       "which features",
                                       "are you planning",
                                       "what brings you",
                                       "what prompted",
                                       "what are your",
                                       "what's the main",
                                       "what is the main",
                                       "do you travel",
                                       "do you use",
                                       "do you need",
                                       "do you often",
                                       "how do you",
                                       "what would you",
                                       "are you looking",
                                       "what's the issue",
                                       "what symptoms",
                                       "any pain",
                                       "how old",
                                       "what year",
                                       "how big",
                                       "how large",
                                       "what's your average",
                                       "what's your monthly",
                                       "what is your monthly",
                                       "do you own",
                                       "do you rent",
                                       "are you the",
                                       "what are you hoping",
                                       "what would make",
                                       "is this for",
                                       "what dates",
                                       "how many nights",
                                       "how many guests",
                                       "what's prompting",
                                       "what brought you"};
  // Questions that are not about the customer's needs.
  static const PhraseSet kNotDiscovery = {"how can i",       "how may i",
                                          "what can i do",   "anything else",
                                          "would you like",  "shall i",
                                          "should i",        "want me to",
                                          "can i get",       "can i have",
                                          "may i have",      "may i get",
                                          "can you confirm", "could you confirm",
                                          "confirm",         "verify",
                                          "sound good",      "sounds good",
                                          "is that right",   "is that correct",
                                          "does that work",  "how are you",
                                          "ready to",        "your name",
                                          "account",         "number",
                                          "date of birth",   "pin",
                                          "spell",           "email",
                                          "address",         "did i get",
                                          "is this",         "hold",
                                          "still there",     "can you hear",
                                          "make sense",      "any questions",
                                          "other questions", "zip",
                                          "plate",           "who am i",
                                          "who do i",        "do you want",
                                          "okay?",           "alright?",
                                          "right?"};
  Hit h;
  for (const auto* tt : agent) {
    const auto& t = tt->tokens;
    for (std::size_t k = 0; k < t.size(); ++k) {
      if (kNeedsCues.MatchAt(t, k) && IsQuestionSentence(t, k)) {
        h.Set(*tt, k);
        return h;
      }
    }
    // Otherwise: a question sentence about the customer's situation, i.e. not a courtesy,
    // identity, permission, offer or confirmation question.
    std::size_t lo = 0;
    for (std::size_t k = 0; k < t.size(); ++k) {
      if (!IsSentenceEnd(t[k])) continue;
      if (t[k].Is("?") && k > lo + 2 && !kNotDiscovery.Find(t, lo, k)) {
        bool about_them = false;
        for (std::size_t j = lo; j < k; ++j) {
          about_them |= t[j].Is("you") || t[j].Is("your") || t[j].Is("he") || t[j].Is("she") ||
                        t[j].Is("they") || t[j].Is("it") || t[j].Is("her") || t[j].Is("his") ||
                        t[j].Is("their") || t[j].Is("this") || t[j].Is("any");
        }
        if (about_them) {
          h.Set(*tt, lo);
          return h;
        }
      }
      lo = k + 1;
    }
  }
  return h;
}

Hit Offer(const std::vector<const TokenizedTurn*>& agent, int* without_price_ms) {
  Hit h;
  for (const auto* tt : agent) {
    const auto& t = tt->tokens;
    std::vector<MoneyMention> money = FindMoney(t);
    for (const MoneyMention& m : money) {
      if (m.discount) continue;
      std::size_t lo = m.first, hi = m.last;
      while (lo > 0 && !IsSentenceEnd(t[lo - 1])) --lo;
      while (hi < t.size() && !IsSentenceEnd(t[hi])) ++hi;
      static const PhraseSet kBilling = {"balance",   "you owe",     "overdue",      "refund",
                                         "late fee",  "was charged", "were charged", "charged you",
                                         "last bill", "your bill",   "past due"};
      bool billing = kBilling.Find(t, lo, hi);
      if (billing) continue;
      // Outside billing talk, an agent stating a price is presenting something at that price
      // ("a replacement is $1,450 installed", "the plan runs $40 a month").
      {
        h.Set(*tt, m.first);
        return h;
      }
    }
    if (*without_price_ms < 0 && money.empty()) {
      std::size_t at = 0;
      static const PhraseSet kPhrases3 = {
          "i'd recommend",    "i recommend",  "i can offer",
          "we can offer",     "we offer",     "you could upgrade",
          "you can upgrade",  "upgrade you",  "our premium",
          "our new plan",     "add-on",       "would you like to add",
          "you might like",   "we also have", "we have a package",
          "there's a package"};
      if (FindIn(t, kPhrases3, &at)) {
        *without_price_ms = tt->turn->start_ms;
      }
    }
  }
  return h;
}

Hit Recap(const std::vector<const TokenizedTurn*>& agent) {
  Hit h;
  // Recaps come after the opening: skip the first agent turn.
  for (std::size_t i = 1; i < agent.size(); ++i) {
    // In the second half of the agent's turns, a turn stating what happens next also counts:
    // "the SIM ships tomorrow", "we'll text you when it's ready", "I'll send the contract".
    if (2 * i >= agent.size()) {
      std::size_t at = 0;
      static const PhraseSet kPhrases4 = {
          "i'll send",      "we'll send",     "i'll email",      "we'll email",  "will reach out",
          "we'll schedule", "we'll text",     "we'll call",      "i'll call",    "will call you",
          "ships",          "will ship",      "shipping",        "arriving",     "you're on",
          "you're now",     "booked",         "scheduled",       "confirmation", "receipt",
          "next bill",      "next invoice",   "next statement",  "starting",     "from the next",
          "effective",      "you'll see",     "you'll get",      "you'll have",  "you have",
          "is on its way",  "so that's",      "so you're",       "so you have",  "so bella's",
          "will be ready",  "it'll be ready", "you can upgrade", "i'll note",    "i've noted"};
      if (FindIn(agent[i]->tokens, kPhrases4, &at)) {
        h.Set(*agent[i], at);
        return h;
      }
    }
    std::size_t at = 0;
    static const PhraseSet kPhrases5 = {"to recap",
                                        "to summarize",
                                        "to sum up",
                                        "just to confirm",
                                        "so to confirm",
                                        "let me confirm",
                                        "let me recap",
                                        "let me summarize",
                                        "just to recap",
                                        "quick recap",
                                        "so you're getting",
                                        "so you have",
                                        "so we have",
                                        "so that's",
                                        "so we've got",
                                        "you're all set",
                                        "you are all set",
                                        "next step",
                                        "next steps",
                                        "you'll receive",
                                        "you will receive",
                                        "you'll get an email",
                                        "you'll get a confirmation",
                                        "you'll get a text",
                                        "i'll send you",
                                        "we'll send you",
                                        "i'll email you",
                                        "i've booked",
                                        "i have booked",
                                        "i've scheduled",
                                        "i have scheduled",
                                        "i've added",
                                        "i've upgraded",
                                        "i've placed",
                                        "your appointment is",
                                        "the technician will",
                                        "someone will call",
                                        "i'll follow up",
                                        "will be there",
                                        "will arrive",
                                        "confirmation number is",
                                        "your order will",
                                        "will ship",
                                        "you should see",
                                        "i've noted",
                                        "i've updated",
                                        "i've processed",
                                        "i've set up",
                                        "i've put you down",
                                        "we'll see you",
                                        "what happens next",
                                        "from here",
                                        "i've applied",
                                        "i've credited",
                                        "i've submitted",
                                        "i've escalated",
                                        "you'll see",
                                        "the installer will",
                                        "we'll call you",
                                        "i'll call you"};
    if (FindIn(agent[i]->tokens, kPhrases5, &at)) {
      h.Set(*agent[i], at);
      return h;
    }
  }
  return h;
}

Hit Closing(const std::vector<const TokenizedTurn*>& agent) {
  Hit h;
  std::size_t from = agent.size() > 3 ? agent.size() - 3 : 0;
  if (agent.size() < 2) return h;
  for (std::size_t i = agent.size(); i-- > from;) {
    std::size_t at = 0;
    if (i == 0) break;
    static const PhraseSet kPhrases6 = {"thank you",   "thanks",           "bye",
                                        "goodbye",     "have a great",     "have a good",
                                        "have a nice", "have a wonderful", "take care",
                                        "appreciate",  "enjoy your",       "good night",
                                        "good day",    "talk soon",        "have a lovely"};
    if (FindIn(agent[i]->tokens, kPhrases6, &at)) {
      h.Set(*agent[i], at);
      return h;
    }
  }
  return h;
}

Hit Custom(const std::vector<const TokenizedTurn*>& agent, const ScriptItem& item) {
  Hit h;
  std::vector<std::string> stems = ContentStems(item);
  if (stems.empty()) return h;
  // At least half of the content words (rounded up), and never more than two.
  std::size_t need = std::min<std::size_t>(2, (stems.size() + 1) / 2);
  for (const auto* tt : agent) {
    std::size_t found = 0, first_at = 0;
    std::vector<bool> seen(stems.size(), false);
    for (std::size_t k = 0; k < tt->tokens.size(); ++k) {
      const std::string& w = tt->tokens[k].text;
      for (std::size_t s = 0; s < stems.size(); ++s) {
        if (!seen[s] && w.size() >= stems[s].size() &&
            w.compare(0, stems[s].size(), stems[s]) == 0) {
          seen[s] = true;
          if (found++ == 0) first_at = k;
        }
      }
    }
    if (found >= need) {
      h.Set(*tt, first_at);
      return h;
    }
  }
  return h;
}

}  // namespace

ScriptMatch MatchScript(const std::vector<TokenizedTurn>& turns,
                        const std::vector<ScriptItem>& script) {
  std::vector<const TokenizedTurn*> agent;
  for (const auto& tt : turns) {
    if (tt.turn->speaker == Speaker::kAgent) agent.push_back(&tt);
  }
  ScriptMatch out;
  for (const ScriptItem& item : script) {
    Hit h;
    if (item.key == "greeting") {
      h = Greeting(agent);
    } else if (item.key == "verify_identity") {
      h = VerifyIdentity(agent);
    } else if (item.key == "needs_discovery") {
      h = NeedsDiscovery(agent);
    } else if (item.key == "offer") {
      h = Offer(agent, &out.offer_without_price_ms);
    } else if (item.key == "recap") {
      h = Recap(agent);
    } else if (item.key == "closing") {
      h = Closing(agent);
    } else {
      h = Custom(agent, item);
    }
    out.results[item.key] = ScriptResult{h.met, h.evidence, -1};  // grounding finds the moment
    if (h.met) out.at_ms[item.key] = h.at_ms;
  }
  return out;
}

}  // namespace converza::analysis
