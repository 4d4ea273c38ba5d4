#include "analysis/conversion.h"

#include <string_view>

#include "analysis/money.h"
#include "analysis/objection.h"
#include "analysis/reply.h"

namespace converza::analysis {
namespace {

// Index of the first phrase occurrence not negated within its clause ("I'm not going to sign
// up"), or npos.
std::size_t FindUnnegated(const std::vector<Token>& t, const PhraseSet& phrases) {
  for (std::size_t i = 0; i < t.size(); ++i) {
    {
      if (!phrases.MatchAt(t, i)) continue;
      bool negated = false;
      for (std::size_t k = 1; k <= 4 && k <= i; ++k) {
        const Token& b = t[i - k];
        if (b.IsBoundary()) break;
        if (b.Is("not") || b.Is("don't") || b.Is("won't") || b.Is("never") || b.Is("can't") ||
            b.Is("wouldn't") || b.Is("no") || b.Is("if") || b.Is("before") || b.Is("until")) {
          negated = true;
        }
      }
      if (!negated) return i;
    }
  }
  return std::string::npos;
}

bool Has(const std::vector<Token>& t, const PhraseSet& phrases) { return ContainsAny(t, phrases); }

const PhraseSet kCustomerCommit = {"i'll take it",
                                   "i'll take the",
                                   "i'll take that",
                                   "i'll take them",
                                   "we'll take it",
                                   "we'll take the",
                                   "let's do it",
                                   "let's do that",
                                   "let's do the",
                                   "let's go with",
                                   "let's go ahead",
                                   "i'll go with",
                                   "we'll go with",
                                   "i'll go ahead",
                                   "sign me up",
                                   "sign us up",
                                   "i'll sign up",
                                   "i'll buy",
                                   "i want to buy",
                                   "i'd like to buy",
                                   "i'd like to order",
                                   "i want to order",
                                   "i'll order",
                                   "place the order",
                                   "place an order",
                                   "book it",
                                   "book that",
                                   "book the",
                                   "go ahead and book",
                                   "go ahead and order",
                                   "go ahead and sign",
                                   "go ahead and upgrade",
                                   "go ahead and charge",
                                   "go ahead and put",
                                   "go ahead and schedule",
                                   "go ahead and set",
                                   "go ahead and process",
                                   "charge my card",
                                   "charge it",
                                   "charge the card",
                                   "put it on my card",
                                   "use the card on file",
                                   "card on file",
                                   "i'll keep",
                                   "we'll keep",
                                   "keep my plan",
                                   "keep the plan",
                                   "keep my subscription",
                                   "keep my membership",
                                   "keep my account",
                                   "i'll stay",
                                   "we'll stay",
                                   "count me in",
                                   "i'm in",
                                   "reserve it",
                                   "upgrade me",
                                   "i'll renew",
                                   "renew it",
                                   "i'll pay",
                                   "pay today",
                                   "pay it now",
                                   "process the payment",
                                   "run the card",
                                   "my card number is",
                                   "let's get it",
                                   "let's get that",
                                   "let's book",
                                   "let's schedule",
                                   "send someone out",
                                   "send someone over",
                                   "send a technician",
                                   "send the technician",
                                   "send a tech",
                                   "send the plumber",
                                   "send a plumber",
                                   "i'll get the",
                                   "i'll get it",
                                   "we'll get the",
                                   "i want the",
                                   "i'll have the",
                                   "lock it in",
                                   "lock in",
                                   "i'll switch",
                                   "switch me",
                                   "move me to",
                                   "put me on",
                                   "i'm sold",
                                   "you sold me",
                                   "let's move forward",
                                   "we'll move forward",
                                   "enroll me",
                                   "put me down",
                                   "ready to buy",
                                   "ready to sign",
                                   "ready to move forward",
                                   "want to buy",
                                   "we're ready",
                                   "send the contract",
                                   "send me the contract",
                                   "send over the contract",
                                   "i'll sign",
                                   "we'll sign"};

const PhraseSet kClosingVerbs = {"go ahead",
                                 "book",
                                 "order",
                                 "sign you up",
                                 "sign up",
                                 "set you up",
                                 "set that up",
                                 "get you started",
                                 "get that started",
                                 "upgrade",
                                 "proceed",
                                 "move forward",
                                 "reserve",
                                 "lock",
                                 "enroll",
                                 "place",
                                 "purchase",
                                 "buy",
                                 "process",
                                 "charge",
                                 "renew",
                                 "keep",
                                 "stay",
                                 "switch",
                                 "get that scheduled",
                                 "schedule the installation",
                                 "schedule your",
                                 "put you down",
                                 "get you on",
                                 "add",
                                 "bundle",
                                 "apply",
                                 "sign",
                                 "start"};

const PhraseSet kQuestion = {"would you like",   "shall i",        "should i",      "do you want",
                             "want me to",       "can i go ahead", "are you ready", "ready to",
                             "would you want",   "can we",         "shall we",      "do you wanna",
                             "want to go ahead", "sound good",     "sounds good"};

const PhraseSet kNonCommitTopics = {
    "quote",         "proposal",  "estimate",  "brochure",      "information", "info",
    "call you back", "callback",  "follow up", "email you",     "send you",    "think",
    "free",          "no charge", "no cost",   "complimentary", "cancel",      "cancellation"};

const PhraseSet kFree = {"free",       "no charge",      "no cost",        "complimentary",
                         "at no",      "covered under",  "under warranty", "covered by",
                         "won't cost", "nothing to pay", "no fee",         "waived"};

const PhraseSet kAgentConfirm = {"you're all set",
                                 "you are all set",
                                 "i've booked",
                                 "i have booked",
                                 "i've placed",
                                 "your order is confirmed",
                                 "order has been placed",
                                 "order is placed",
                                 "i've processed",
                                 "payment went through",
                                 "payment has gone through",
                                 "payment is processed",
                                 "welcome aboard",
                                 "welcome to the family",
                                 "i've upgraded",
                                 "i have upgraded",
                                 "i've signed you up",
                                 "i've enrolled",
                                 "i've renewed",
                                 "you're booked",
                                 "you're confirmed",
                                 "reservation is confirmed",
                                 "booking is confirmed",
                                 "you're now on",
                                 "you've been upgraded",
                                 "i've added",
                                 "i've switched",
                                 "you're enrolled",
                                 "you're signed up",
                                 "i've reserved",
                                 "i've kept",
                                 "i've cancelled the cancellation",
                                 "you'll stay on",
                                 "i've locked"};

const PhraseSet kCancel = {"cancel",       "cancelling",           "canceling",
                           "cancellation", "close my account",     "close the account",
                           "terminate",    "stop my subscription", "end my subscription"};

bool HasPrice(const std::vector<Token>& t) {
  for (const MoneyMention& m : FindMoney(t)) {
    if (!m.discount) return true;
  }
  return false;
}

bool IsQuestion(const std::vector<Token>& t) {
  for (const Token& k : t) {
    if (k.Is("?")) return true;
  }
  return Has(t, kQuestion);
}

// An objection put as a question is a negotiation, whatever commitment words it holds: "They
// told me X would do it for less, can you match that?"
bool Negotiates(const std::vector<Token>& t) {
  return IsQuestion(t) && !ObjectionKindIn(t).empty();
}

}  // namespace

Conversion DetectConversion(const std::vector<TokenizedTurn>& turns, const UpsellResult& upsell) {
  Conversion c;
  bool pending_proposal = false;  // the agent just asked a closing question
  bool pending_free = false;
  bool cancel_requested = false;  // the customer asked to cancel and has not been saved yet
  bool priced_before = false;     // the agent's last turn stated a price
  // Whether customer turn i answers an agent turn that named an amount, a discount included.
  auto answers_price = [&](std::size_t i) {
    return i > 0 && turns[i - 1].turn->speaker == Speaker::kAgent &&
           !FindMoney(turns[i - 1].tokens).empty();
  };
  for (std::size_t i = 0; i < turns.size(); ++i) {
    const auto& tt = turns[i];
    const auto& t = tt.tokens;
    if (tt.turn->speaker == Speaker::kAgent) {
      pending_proposal = false;
      priced_before = HasPrice(t);
      static const PhraseSet kPhrases11 = {"cancel", "anything else"};
      if (IsQuestion(t) && Has(t, kClosingVerbs) && !Has(t, kPhrases11)) {
        static const PhraseSet kPhrases12 = {"keep", "stay"};
        pending_proposal = !Has(t, kNonCommitTopics) || Has(t, kPhrases12);
        pending_free = Has(t, kFree);
        if (Has(t, kFree)) pending_proposal = true;
      }
      static const PhraseSet kPhrases13 = {"cancelled", "canceled", "cancellation"};
      if (!c.converted && FindUnnegated(t, kAgentConfirm) != std::string::npos && !Has(t, kFree) &&
          !cancel_requested && !Has(t, kPhrases13)) {
        // An agent confirmation counts only after the customer agreed to something paid.
        bool customer_agreed = false;
        for (std::size_t k = i; k-- > 0 && k + 4 > i;) {
          if (turns[k].turn->speaker == Speaker::kCustomer &&
              ClassifyReply(turns[k].tokens) == Reply::kAccept && !Has(turns[k].tokens, kFree)) {
            customer_agreed = true;
          }
          if (turns[k].turn->speaker == Speaker::kAgent && Has(turns[k].tokens, kFree)) {
            customer_agreed = false;
            break;
          }
        }
        if (customer_agreed) {
          c.converted = true;
          c.evidence = tt.turn->text;
          c.at_ms = tt.turn->start_ms;
        }
      }
      continue;
    }
    // Customer turn.
    static const PhraseSet kPhrases14 = {"i'll take", "let's do it", "sign me up"};
    if (IsDeferral(t) && !Has(t, kPhrases14)) {
      c = Conversion{};
      pending_proposal = false;
      continue;
    }
    static const PhraseSet kPhrases15 = {"don't cancel", "not cancel", "won't cancel", "keep"};
    if (FindUnnegated(t, kCancel) != std::string::npos && !Has(t, kPhrases15)) {
      cancel_requested = true;
      c = Conversion{};
    }
    bool commit = FindUnnegated(t, kCustomerCommit) != std::string::npos && !Has(t, kFree);
    // Choosing among priced options ("just the basic line", "only the tires") is a commitment
    // to the chosen one when the agent priced something just before.
    static const PhraseSet kPhrases1 = {"just the info",   "just the quote", "just the price",
                                        "just the prices", "just checking",  "just asking"};
    static const PhraseSet kPhrases16 = {"just the", "only the"};
    if (!commit && priced_before && Has(t, kPhrases16) && !Has(t, kPhrases1)) {
      commit = true;
    }
    static const PhraseSet kPhrases17 = {"keep", "stay"};
    if (commit && Has(t, kCancel) && !Has(t, kPhrases17)) commit = false;
    if (!commit && pending_proposal && !pending_free && ClassifyReply(t) == Reply::kAccept) {
      commit = true;
    }
    if (Negotiates(t)) commit = false;
    pending_proposal = false;
    if (commit) {
      cancel_requested = false;
      if (!c.converted) {
        c.converted = true;
        c.evidence = tt.turn->text;
        c.at_ms = tt.turn->start_ms;
        c.answers_price = answers_price(i);
      }
    }
  }
  const UpsellOffer* accepted = upsell.FirstAccepted();
  if (!c.converted && upsell.cents > 0 && accepted && !cancel_requested &&
      !Negotiates(Tokenize(accepted->reply))) {
    c.converted = true;
    c.evidence = accepted->reply;
    c.at_ms = accepted->reply_at_ms;
    for (std::size_t i = 0; i < turns.size(); ++i) {
      if (turns[i].turn->start_ms == c.at_ms && turns[i].turn->speaker == Speaker::kCustomer) {
        c.answers_price = answers_price(i);
        break;
      }
    }
  }
  return c;
}

}  // namespace converza::analysis
