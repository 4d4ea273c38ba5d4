#include "analysis/upsell.h"

#include <algorithm>
#include <string_view>

#include "analysis/money.h"
#include "analysis/numbers.h"
#include "analysis/reply.h"

namespace converza::analysis {
namespace {

bool IsSentenceEnd(const Token& t) { return t.Is(".") || t.Is("?") || t.Is("!"); }

bool AnyIn(const std::vector<Token>& t, std::size_t lo, std::size_t hi, const PhraseSet& phrases) {
  return phrases.Find(t, lo, hi);
}

// Words that are no part of an item's name (t[k] is one).
bool IsNameStop(const std::vector<Token>& t, std::size_t k) {
  static const PhraseSet kStop = {
      "and", "or", "but", "so", "if", "which", "that", "it", "it's", "is", "are", "would", "will",
      "you", "your", "we", "i", "me", "my", "to", "for", "a", "an", "the", "of", "on", "in", "with",
      "more", "extra", "per", "each", "be", "just", "only", "plus", "also", "add", "adding", "get",
      "can", "could", "do", "does", "want", "like", "would", "that's", "this", "there", "then",
      "now", "today", "total", "at", "by", "as", "all", "our", "their", "they", "he", "she", "was",
      "have", "has", "there's", "what", "how", "about", "upgrade", "upgrading", "costs", "cost",
      "dollars", "bucks", "which", "includes", "including", "gives", "covers", "nights", "months",
      "years", "us", "them",
      // and that end one: "X than what you pay", "X after the credit", "X its nine dollars"
      // (ASR), "a lot of folks"
      "than", "after", "before", "when", "since", "while", "because", "um", "uh", "its", "thats",
      "you'd", "you're", "you'll", "i'd", "i'm", "we'd", "we're", "it'd", "out", "available",
      "installed", "included", "added", "usually", "normally", "instead", "anything", "something",
      "everything", "keeps", "comes", "runs", "goes", "means", "helps", "lets", "adds", "saves",
      "takes", "gets", "pays", "him", "let", "lot", "too", "beyond", "during", "from", "into",
      "through", "until", "without", "within", "enough"};
  return kStop.MatchAt(t, k);
}

bool IsUpsellCue(const std::vector<Token>& t, std::size_t lo, std::size_t hi) {
  static const PhraseSet kPhrases1 = {
      "add",      "adding",   "add on",     "addon",    "upgrade", "upgrading",
      "extra",    "includes", "additional", "more",     "plus",    "also",
      "on top",   "warranty", "protection", "protect",  "premium", "bundle",
      "throw in", "include",  "boost",      "priority", "upsize",  "deluxe"};
  return AnyIn(t, lo, hi, kPhrases1);
}

bool IsNotAnOffer(const std::vector<Token>& t, std::size_t lo, std::size_t hi) {
  static const PhraseSet kPhrases2 = {
      "total",          "comes to",  "come to",    "altogether",    "all in",
      "balance",        "owe",       "bill",       "billed",        "deposit",
      "charged",        "refund",    "currently",  "you're paying", "you are paying",
      "instead of",     "down from", "normally",   "regularly",     "was",
      "retail",         "to recap",  "to confirm", "to summarize",  "so that's",
      "you're all set", "late fee",  "fee was",    "overdue",       "paid"};
  return AnyIn(t, lo, hi, kPhrases2);
}

// Clause-level look-up: the part of the reply that talks about `name` ("yes to the mats but no
// to the warranty").
Reply ReplyAbout(const std::vector<Token>& r, const std::string& name) {
  std::vector<std::string> parts;
  std::size_t p = 0;
  while (p < name.size()) {
    std::size_t sp = name.find(' ', p);
    if (sp == std::string::npos) sp = name.size();
    if (sp - p >= 4) parts.push_back(name.substr(p, sp - p));
    p = sp + 1;
  }
  for (std::size_t i = 0; i < r.size(); ++i) {
    bool hit = false;
    for (const auto& w : parts) {
      // prefix match: "warranty"/"warranties", "mats"/"mat"
      std::size_t n = std::min<std::size_t>(w.size(), 5);
      hit |= r[i].text.compare(0, n, w, 0, n) == 0 && r[i].text.size() >= n;
    }
    if (!hit) continue;
    std::size_t lo = i, hi = i;
    while (lo > 0 && !r[lo - 1].IsBoundary() && !r[lo - 1].Is("but")) --lo;
    while (hi < r.size() && !r[hi].IsBoundary() && !r[hi].Is("but")) ++hi;
    Reply c = ClassifyReply(r, lo, hi);
    if (c != Reply::kUndecided) return c;
  }
  return Reply::kUndecided;
}

// A price per person is agreed in whatever word the call counts people by: "forty-five guests",
// "two adults", "both of us".
bool IsPersonUnit(std::string_view w) {
  static constexpr std::string_view kWords[] = {"person", "persons",  "people",   "guest",
                                                "guests", "head",     "heads",    "adult",
                                                "adults", "attendee", "attendees"};
  return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}

// The count of `unit` that ends at t[k] ("two nights", "2 nights", "both nights", "two more
// nights", "three logo mats", "both of us"), or 0. A count of one is not taken: a price of one
// unit is its own candidate, and "a plate for your one person" is not the head count.
long long CountAt(const std::vector<Token>& t, std::size_t k, const std::string& unit,
                  const std::string& plural, bool person) {
  const bool of_us = person && k >= 2 && t[k].Is("us") && t[k - 1].Is("of");
  if (!(t[k].Is(unit) || t[k].Is(plural) || (person && IsPersonUnit(t[k].text)) || of_us)) {
    return 0;
  }
  std::size_t q = of_us ? k - 2 : k - 1;
  if (t[q].Is("more") || t[q].Is("extra") || t[q].Is("whole")) {
    if (q == 0) return 0;
    --q;
  }
  // Find the start of a quantity ending at q ("twenty five", "two"), or before one word naming
  // the unit ("three logo mats").
  for (std::size_t skip = 0; skip <= 1 && skip <= q; ++skip) {
    if (skip == 1 && (!t[q].IsWord() || IsNameStop(t, q))) break;
    const std::size_t last = q - skip;
    for (std::size_t s = last >= 2 ? last - 2 : 0; s <= last; ++s) {
      std::size_t next = 0;
      auto v = ParseQuantity(t, s, &next);
      // "a night" is the rate's own unit ("forty more a night"), not a count that replaces the
      // "three nights" said before it.
      if (v && next == last + 1 && *v > 1 && *v <= 1000 && !(s > 0 && t[s - 1].Is("$")) &&
          !(t[s].Is("a") || t[s].Is("an"))) {
        return static_cast<long long>(*v);
      }
    }
  }
  return 0;
}

// A count the reply agrees without naming the unit: "do that on all five", "for all six of
// them", "teeth brushing for both" (2), or 0.
long long CountInReply(const std::vector<Token>& t) {
  long long units = 0;
  for (std::size_t k = 1; k < t.size(); ++k) {
    if ((t[k - 1].Is("for") || t[k - 1].Is("on")) && t[k].Is("both")) units = 2;
    if (!t[k - 1].Is("all")) continue;
    std::size_t next = 0;
    const auto v = ParseQuantity(t, k, &next);
    if (v && *v > 1 && *v <= 1000 && (next >= t.size() || !t[next].IsWord() || t[next].Is("of"))) {
      units = static_cast<long long>(*v);
    }
  }
  return units;
}

// Units agreed for a per-unit price: the last count said up to the reply, the reply's own
// unnamed count last. (Reading on into the agent's recap found more head counts but cost 9 of
// 220 independent calls: see docs/benchmarks.md, 2026-12-06.)
long long UnitsAgreed(const std::vector<TokenizedTurn>& turns, std::size_t upto,
                      const std::string& unit) {
  if (unit.empty() || unit == "each") return 1;
  const std::string plural = unit + "s";
  const bool person = IsPersonUnit(unit);
  long long units = 1;
  for (std::size_t ti = 0; ti <= upto && ti < turns.size(); ++ti) {
    const auto& t = turns[ti].tokens;
    for (std::size_t k = 1; k < t.size(); ++k) {
      if (const long long n = CountAt(t, k, unit, plural, person); n > 0) units = n;
    }
  }
  if (upto < turns.size() && turns[upto].turn->speaker == Speaker::kCustomer) {
    if (const long long n = CountInReply(turns[upto].tokens); n > 0) units = n;
  }
  return units;
}

// A clause starts at t[k] (k > 0): after punctuation, or after a dash the tokenizer drops
// ("our sea-view rooms — same size").
bool IsClauseStart(const std::vector<Token>& t, std::size_t k) {
  return t[k - 1].IsPunct() || t[k].begin > t[k - 1].end + 1;
}

bool IsDeterminer(const Token& w) {
  return w.Is("a") || w.Is("an") || w.Is("the") || w.Is("our") || w.Is("your") || w.Is("his") ||
         w.Is("her") || w.Is("their") || w.Is("my");
}

// A verb an offer names its item after: "we also have", "add", "I'd recommend", "upgrade to".
bool IsOfferVerb(const std::vector<Token>& t, std::size_t k) {
  static const PhraseSet kVerbs = {
      "add",  "adding",  "added",     "have",    "offer", "recommend", "suggest", "mention",
      "do",   "get",     "got",       "sell",    "rent",  "want",      "need",    "try",
      "also", "there's", "theres",    "go",      "move",  "moving",    "switch",  "swap",
      "bump", "upgrade", "upgrading", "look at", "put"};
  return kVerbs.MatchAt(t, k) && !(t[k].Is("add") && k + 1 < t.size() && t[k + 1].Is("on"));
}

// Words before a name that are not part of it: "add the", "bump you to", "also like a".
bool IsNameLead(const std::vector<Token>& t, std::size_t k) {
  static const PhraseSet kLead = {
      "a",    "an",   "the",  "our", "your", "his",     "her",  "their", "my",     "this",
      "also", "just", "only", "um",  "uh",   "like",    "to",   "for",   "with",   "at",
      "you",  "and",  "or",   "so",  "plus", "then",    "some", "extra", "really", "is",
      "okay", "ok",   "yeah", "yes", "well", "alright", "sure", "oh"};
  return kLead.MatchAt(t, k);
}

// Whether t[k] can be part of an item's name: a content word; "add-on", and "upgrade" unless it
// is the verb ("upgrade to Plus"); a number before a word ("3 year plan"); "and" or "plus" between
// two name words ("paint and fabric protection", "all-weather mats").
bool IsNameWordAt(const std::vector<Token>& t, std::size_t k, std::size_t hi) {
  const Token& w = t[k];
  const bool next_word = k + 1 < hi && t[k + 1].IsWord() && !IsClauseStart(t, k + 1);
  if (w.IsNumber()) return next_word && !IsNameStop(t, k + 1);
  if (!w.IsWord()) return false;
  if (w.Is("add")) return next_word && t[k + 1].Is("on");
  if (w.Is("on")) return k > 0 && t[k - 1].Is("add");
  if (w.Is("upgrade")) return !(next_word && (t[k + 1].Is("to") || t[k + 1].Is("you")));
  if (w.Is("and") || w.Is("plus") || w.Is("all")) return next_word && IsNameWordAt(t, k + 1, hi);
  return !IsNameStop(t, k) && !IsOfferVerb(t, k);
}

// The name at t[k] (lead words passed over) before `hi`, or "" when none starts there. At most
// five words, the last five: the head noun ends an English noun phrase.
std::string NameFrom(const std::vector<Token>& t, std::size_t k, std::size_t hi) {
  while (k < hi && IsNameLead(t, k)) ++k;
  std::size_t end = k;
  while (end < hi && (end == k || !IsClauseStart(t, end)) && IsNameWordAt(t, end, hi)) ++end;
  std::size_t next = k;
  if (end == k || (ParseQuantity(t, k, &next) && next >= end)) return "";  // "that's four extra"
  std::string name;
  for (std::size_t i = end - k > 5 ? end - 5 : k; i < end; ++i) {
    name += (name.empty() ? "" : " ") + t[i].text;
  }
  return name;
}

// Words that qualify a price rather than name anything: "more", "each", "one time", "on top".
bool IsRateWord(const std::vector<Token>& t, std::size_t k) {
  static const PhraseSet kRate = {"more", "extra", "each", "total", "flat", "one",
                                  "time", "on",    "top",  "um",    "uh",   "just"};
  return t[k].IsNumber() || kRate.MatchAt(t, k);
}

// Where the words about the price at t[first] start: after an earlier price of the sentence and
// the rest of its clause ("$29 for the pair, and your cabin filter is due, that's $39"), or its
// rate words ("$12 more a day and a full-size is $21").
std::size_t OwnWordsStart(const std::vector<Token>& t, std::size_t sent_lo, std::size_t first) {
  for (std::size_t j = first; j > sent_lo; --j) {
    if (!(t[j - 1].Is("$") || t[j - 1].Is("dollars") || t[j - 1].Is("bucks"))) continue;
    std::size_t e = j;
    while (e < first && !IsClauseStart(t, e)) ++e;
    if (e < first) return e;
    for (e = j; e < first;) {
      if (IsRateWord(t, e)) {
        ++e;
      } else if (e + 1 < first && (t[e].Is("a") || t[e].Is("an") || t[e].Is("per"))) {
        e += 2;
      } else {
        break;
      }
    }
    return e;
  }
  return sent_lo;
}

// The name in the nearest clause of t[lo, hi) that has one: at its start ("X is $15 more",
// "X, it's $15") or after its last article ("on the used unit the cooler line flush is $89").
std::string NameOfNearestClause(const std::vector<Token>& t, std::size_t lo, std::size_t hi) {
  for (std::size_t c_hi = hi; c_hi > lo;) {
    std::size_t c_lo = c_hi - 1;
    while (c_lo > lo && !IsClauseStart(t, c_lo)) --c_lo;
    if (auto n = NameFrom(t, c_lo, c_hi); !n.empty()) return n;
    for (std::size_t j = c_hi; j > c_lo; --j) {
      if (IsDeterminer(t[j - 1])) {
        if (auto n = NameFrom(t, j, c_hi); !n.empty()) return n;
        break;
      }
    }
    c_hi = c_lo;
  }
  return "";
}

}  // namespace

// The thing a price offers, named by the agent's words for it: "add a ten year warranty on the
// heater for just $149 more" offers a "ten year warranty", not the heater. In order:
//   1. "the $1,895 service contract": the words right after the price;
//   2. "we also have X", "add X on the Y for $N": after the last offer verb before the price;
//   3. "X is $15 more", "X, it's $15": in the nearest clause before the price;
//   4. "$10 for X", "for $40 more, we add X", "for $10 more a month, X gives you": after it.
// Before the price it never reaches back past an earlier price of the sentence.
std::string OfferName(const std::vector<Token>& t, std::size_t sent_lo, std::size_t sent_hi,
                      const MoneyMention& m) {
  const std::size_t hi = std::min(sent_hi, t.size());
  if (m.last < hi && !IsClauseStart(t, m.last) && IsNameWordAt(t, m.last, hi) &&
      !IsNameLead(t, m.last) && !IsRateWord(t, m.last)) {
    return NameFrom(t, m.last, hi);
  }
  const std::size_t own = OwnWordsStart(t, sent_lo, m.first);
  for (std::size_t j = m.first; j > own; --j) {
    if (!IsOfferVerb(t, j - 1)) continue;
    if (auto n = NameFrom(t, j, m.first); !n.empty()) return n;
  }
  if (auto n = NameOfNearestClause(t, own, m.first); !n.empty()) return n;
  std::size_t k = m.last;
  while (k < hi && IsRateWord(t, k)) ++k;
  if (k < hi && t[k].Is("for")) {
    if (auto n = NameFrom(t, k + 1, hi); !n.empty()) return n;
  }
  for (std::size_t j = k; j < hi; ++j) {
    if (!IsOfferVerb(t, j)) continue;
    if (auto n = NameFrom(t, j + 1, hi); !n.empty()) return n;
  }
  if (k < hi && t[k].Is(",")) {
    if (auto n = NameFrom(t, k + 1, hi); !n.empty()) return n;
  }
  return "add-on";
}

UpsellResult FindUpsells(const std::vector<TokenizedTurn>& turns) {
  UpsellResult out;
  for (std::size_t ti = 0; ti < turns.size(); ++ti) {
    if (turns[ti].turn->speaker != Speaker::kAgent) continue;
    const auto& t = turns[ti].tokens;
    std::vector<MoneyMention> money = FindMoney(t);
    std::vector<UpsellOffer> offers;
    std::vector<std::string> units;
    bool base_seen = false;  // in a turn with several prices, the first one is the base
    for (const MoneyMention& m : money) {
      if (m.discount) continue;
      const bool later_price = base_seen;
      base_seen = true;
      std::size_t lo = m.first, hi = m.last;
      while (lo > 0 && !IsSentenceEnd(t[lo - 1])) --lo;
      while (hi < t.size() && !IsSentenceEnd(t[hi])) ++hi;
      if (IsNotAnOffer(t, lo, hi)) continue;
      // Without an add-on cue, a price is still an add-on when it is the second price of the
      // turn ("the room is $210 a night and the shuttle is $25 each way") or when the customer's
      // answer adds it ("yes, add it").
      // A later price that restates or derives an earlier one ("so about $550 for you") is not
      // a second item.
      static const PhraseSet kPhrases3 = {
          "so",    "which is", "that's",        "comes to",  "about",         "for you",
          "after", "covers",   "out of pocket", "you'd pay", "you would pay", "means"};
      bool restated = AnyIn(t, lo, hi, kPhrases3);
      bool cue = m.more || (later_price && !restated) || IsUpsellCue(t, lo, hi);
      if (!cue && money.size() == 1) {
        for (std::size_t ri = ti + 1; ri < turns.size() && ri <= ti + 2; ++ri) {
          static const PhraseSet kPhrases4 = {"add it",    "add that", "add the",
                                              "let's add", "add them", "add those"};
          if (turns[ri].turn->speaker == Speaker::kCustomer &&
              AnyIn(turns[ri].tokens, 0, turns[ri].tokens.size(), kPhrases4)) {
            cue = true;
          }
        }
      }
      if (!cue) continue;
      UpsellOffer o;
      o.name = OfferName(t, lo, hi, m);
      o.unit_cents = m.cents;
      o.at_ms = turns[ti].turn->start_ms;
      offers.push_back(std::move(o));
      units.push_back(m.unit);
    }
    if (offers.empty()) continue;
    // The customer's decisive reply: the first customer turn that accepts or declines, before the
    // agent prices something else.
    for (std::size_t ri = ti + 1; ri < turns.size() && ri <= ti + 6; ++ri) {
      const auto& rt = turns[ri];
      if (rt.turn->speaker == Speaker::kAgent) {
        if (!FindMoney(rt.tokens).empty() && ri > ti + 1) break;
        continue;
      }
      Reply overall = ClassifyReply(rt.tokens);
      bool decided = false;
      for (std::size_t oi = 0; oi < offers.size(); ++oi) {
        UpsellOffer& o = offers[oi];
        if (o.accepted || o.declined) continue;
        Reply r = overall;
        if (offers.size() > 1) {
          Reply about = ReplyAbout(rt.tokens, o.name);
          if (about != Reply::kUndecided) {
            r = about;
          } else {
            // Another offer is named but not this one: "just the mats" declines the rest.
            bool other_named = false;
            for (std::size_t oj = 0; oj < offers.size(); ++oj) {
              if (oj != oi && ReplyAbout(rt.tokens, offers[oj].name) != Reply::kUndecided) {
                other_named = true;
              }
            }
            if (other_named) r = Reply::kDecline;
          }
        }
        if (r == Reply::kUndecided) continue;
        decided = true;
        o.accepted = r == Reply::kAccept;
        o.declined = r == Reply::kDecline;
        o.reply_at_ms = rt.turn->start_ms;
        o.reply = rt.turn->text;
        if (o.accepted) o.units = UnitsAgreed(turns, ri, units[oi]);
      }
      if (decided) break;
    }
    for (auto& o : offers) out.offers.push_back(std::move(o));
  }
  RecountItems(out);
  return out;
}

std::vector<UpsellCandidate> FindUpsellCandidates(const std::vector<TokenizedTurn>& turns,
                                                  const UpsellResult& rules) {
  std::vector<UpsellCandidate> out;
  auto find = [&](long long cents) -> UpsellCandidate* {
    for (auto& c : out) {
      if (OfferCents(c.offer) == cents) return &c;
    }
    return nullptr;
  };
  long long largest = 0;
  // Each turn's prices, read once (the reply search looks ahead).
  std::vector<std::vector<MoneyMention>> money_of(turns.size());
  for (std::size_t ti = 0; ti < turns.size(); ++ti) money_of[ti] = FindMoney(turns[ti].tokens);
  // Whether a customer turn before `upto` said yes, read as far as a candidate needs.
  std::size_t yes_checked = 0;
  bool said_yes = false;
  auto yes_before = [&](std::size_t upto) {
    for (; !said_yes && yes_checked < upto; ++yes_checked) {
      said_yes = turns[yes_checked].turn->speaker == Speaker::kCustomer &&
                 ClassifyReply(turns[yes_checked].tokens) == Reply::kAccept;
    }
    return said_yes;
  };
  for (std::size_t ti = 0; ti < turns.size(); ++ti) {
    const auto& t = turns[ti].tokens;
    const bool agent = turns[ti].turn->speaker == Speaker::kAgent;
    const std::vector<MoneyMention>& money = money_of[ti];
    bool first = true;
    std::size_t previous_end = 0;  // where the turn's previous price ended
    for (const MoneyMention& m : money) {
      if (m.discount) continue;
      const bool first_price = first;
      first = false;
      const std::size_t previous = previous_end;
      previous_end = m.last;
      largest = std::max(largest, m.cents);
      if (UpsellCandidate* c = find(m.cents)) {
        ++(agent ? c->agent_mentions : c->customer_mentions);
        continue;
      }
      if (!agent) continue;
      std::size_t lo = m.first, hi = m.last;
      while (lo > 0 && !IsSentenceEnd(t[lo - 1])) --lo;
      while (hi < t.size() && !IsSentenceEnd(t[hi])) ++hi;
      std::size_t prev = lo;  // the sentence before, where an add-on is often named
      if (prev > 0) --prev;
      while (prev > 0 && !IsSentenceEnd(t[prev - 1])) --prev;
      UpsellCandidate c;
      c.cue = m.more || IsUpsellCue(t, prev, hi);
      c.more = m.more;
      c.recurring = m.recurring;
      c.per_unit = !m.unit.empty();
      c.not_offer = IsNotAnOffer(t, lo, hi);
      c.first_price = first_price;
      c.joined = !first_price && previous > lo;
      c.after_yes = yes_before(ti);
      c.agent_mentions = 1;
      for (std::size_t k = lo; k < hi; ++k) {
        if (t[k].IsWord()) c.sentence.push_back(t[k].hash);
      }
      for (std::size_t k = m.first, n = 0; k > 0 && n < 2; --k) {
        if (t[k - 1].IsWord()) c.before.push_back(t[k - 1].text), ++n;
      }
      for (std::size_t k = m.last, n = 0; k < t.size() && n < 2; ++k) {
        if (t[k].IsWord()) c.after.push_back(t[k].text), ++n;
      }
      UpsellOffer& o = c.offer;
      o.name = OfferName(t, lo, hi, m);
      o.unit_cents = m.cents;
      o.at_ms = turns[ti].turn->start_ms;
      // The reply: the first customer turn that decides, else the first one, before the agent
      // prices something else.
      std::size_t reply = turns.size();
      for (std::size_t ri = ti + 1; ri < turns.size() && ri <= ti + 4; ++ri) {
        if (turns[ri].turn->speaker == Speaker::kAgent) {
          if (ri > ti + 1 && !money_of[ri].empty()) break;
          continue;
        }
        if (reply == turns.size()) reply = ri;
        if (ClassifyReply(turns[ri].tokens) != Reply::kUndecided) {
          reply = ri;
          break;
        }
      }
      if (reply < turns.size()) {
        o.reply_at_ms = turns[reply].turn->start_ms;
        o.reply = turns[reply].turn->text;
      }
      // A per-unit price counts for the units agreed ("two nights"); the price of one unit is
      // a candidate too, the model weighs both.
      const long long units =
          UnitsAgreed(turns, std::min(turns.size() - 1, reply < turns.size() ? reply : ti), m.unit);
      if (units > 1 && !find(m.cents * units)) {
        UpsellCandidate per = c;
        per.offer.units = units;
        out.push_back(std::move(per));
      }
      out.push_back(std::move(c));
    }
  }
  // The rules' offers stand for their amounts: their reading, their reply, their name.
  for (const UpsellOffer& r : rules.offers) {
    UpsellCandidate* c = find(OfferCents(r));
    if (!c) continue;
    if (!c->rules_offer) {
      c->offer = r;
      c->rules_offer = true;
    } else if (r.accepted && !c->offer.accepted) {
      c->offer.accepted = true;
      c->offer.declined = false;
    }
  }
  for (auto& c : out) {
    c.largest = c.offer.unit_cents == largest;
    c.only = out.size() == 1;
  }
  if (!out.empty()) out.front().call_first = true;
  return out;
}

void RecountItems(UpsellResult& result) {
  result.items.clear();
  result.cents = 0;
  std::vector<long long> unit_of;  // per item, the unit price it was counted at
  for (const UpsellOffer& o : result.offers) {
    if (!o.accepted) continue;
    const long long cents = o.unit_cents * o.units;
    // The item this offer repeats: the same total, the same unit price or the same name.
    auto repeats = [&](std::size_t i) {
      return result.items[i].cents == cents || unit_of[i] == o.unit_cents ||
             (result.items[i].name == o.name && o.name != "add-on");
    };
    std::size_t i = 0;
    while (i < result.items.size() && !repeats(i)) ++i;
    if (i == result.items.size()) {
      result.items.push_back({o.name, cents});
      unit_of.push_back(o.unit_cents);
      result.cents += cents;
    } else if (unit_of[i] == o.unit_cents && cents > result.items[i].cents) {
      // "$24.99 a day" and "three days at $24.99": one item, at the units agreed.
      result.cents += cents - result.items[i].cents;
      result.items[i] = {o.name, cents};
    }
  }
}

}  // namespace converza::analysis
