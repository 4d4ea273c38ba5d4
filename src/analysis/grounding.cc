#include "analysis/grounding.h"

#include <algorithm>
#include <optional>
#include <string_view>

#include "analysis/money.h"
#include "analysis/transcript_cleanup.h"

namespace converza::analysis {

std::string NormalizeForQuote(std::string_view text) {
  const std::string stripped = StripFillers(text);
  std::string out;
  bool gap = false;
  out.reserve(stripped.size());
  for (char c : stripped) {
    // ASCII letters and digits (the C locale's isalnum, without a libc call per byte).
    const bool upper = c >= 'A' && c <= 'Z';
    if (upper || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (gap && !out.empty()) out += ' ';
      gap = false;
      out += upper ? static_cast<char>(c + ('a' - 'A')) : c;
    } else {
      gap = true;
    }
  }
  return out;
}

std::string ShortQuote(std::string_view text) {
  constexpr std::size_t kMax = 200, kKept = kMax - 3;  // room for "..."
  if (text.size() <= kMax) return std::string(text);
  std::size_t cut = text.rfind(' ', kKept);
  if (cut == std::string_view::npos || cut == 0) {
    cut = kKept;  // one long word: at least never split a UTF-8 character
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  }
  while (cut > 0 && text[cut - 1] == ' ') --cut;
  return std::string(text.substr(0, cut)) + "...";
}

namespace {

// The transcript in quote form (each turn NormalizeForQuote'd, turns joined by a space), built
// only where a quote may begin: normalising every turn of a call was ~17% of the rules
// analyzer's time, for a dozen quotes (docs/benchmarks.md, 2026-12-07 session 19). A quote
// begins in a turn only if the turn's own text holds the quote's first word, letter for letter
// (normalising drops and splits words, it never makes one), so other turns are passed over
// unread.
class QuoteIndex {
 public:
  explicit QuoteIndex(const std::vector<Turn>& turns) : turns_(turns), normalized_(turns.size()) {}

  // The index of the turn where `quote` begins, or -1 when it is not in the call. Whole words
  // only: "yes" does not match inside "yesterday". A quote may run on into the next turns.
  [[nodiscard]] int Find(std::string_view quote) {
    const std::string q = NormalizeForQuote(quote);
    if (q.empty()) return -1;
    const std::string_view first = std::string_view(q).substr(0, q.find(' '));
    const std::string needle = " " + q + " ";
    for (std::size_t i = 0; i < turns_.size(); ++i) {
      if (!HasLower(turns_[i].text, first)) continue;
      // The turn and as many after it as a quote starting in it can reach.
      std::string window = " " + Normalized(i) + " ";
      const std::size_t own = window.size() - 1;  // a match starting in the turn starts before
      for (std::size_t k = i + 1; k < turns_.size() && window.size() < own + needle.size(); ++k) {
        window += Normalized(k);
        window += ' ';
      }
      const std::size_t at = window.find(needle);
      if (at != std::string::npos && at + 1 < own) return static_cast<int>(i);
    }
    return -1;
  }

  [[nodiscard]] int StartMs(int turn) const { return turns_[static_cast<size_t>(turn)].start_ms; }

 private:
  const std::string& Normalized(std::size_t i) {
    if (!normalized_[i]) normalized_[i] = NormalizeForQuote(turns_[i].text);
    return *normalized_[i];
  }

  // Whether `text` holds `word` (lower-case ASCII) in any case.
  static bool HasLower(std::string_view text, std::string_view word) {
    auto same = [](char c, char w) {
      return (c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) == w;
    };
    return std::search(text.begin(), text.end(), word.begin(), word.end(), same) != text.end();
  }

  const std::vector<Turn>& turns_;
  std::vector<std::optional<std::string>> normalized_;  // per turn, once a quote needed it
};

// Why a quote was dropped, as a manager reads it under the finding.
constexpr std::string_view kQuoteNotSaid = "quote not in the transcript, so it was left out";

bool Spoken(long long cents, const std::vector<MoneyMention>& spoken) {
  for (const auto& m : spoken) {
    // "one forty nine" is $1.49 or $149 (money.h).
    for (const long long said : {m.cents, m.other_cents}) {
      if (said <= 0) continue;
      if (cents == said) return true;
      // A per-unit price agreed for several units ("$50 more per night", two nights).
      if (!m.unit.empty() && cents % said == 0 && cents / said <= 1000) return true;
    }
  }
  return false;
}

}  // namespace

int GroundInsight(const std::vector<Turn>& turns, Insight& insight) {
  QuoteIndex index(turns);
  int dropped = 0;
  auto note = [&](std::string field, std::string reason) {
    insight.review.push_back({std::move(field), std::move(reason)});
    ++dropped;
  };

  if (!insight.converted_evidence.empty()) {
    const int turn = index.Find(insight.converted_evidence);
    if (turn < 0) {
      note("converted_evidence", std::string(kQuoteNotSaid));
      insight.converted_evidence.clear();
      insight.converted_at_ms = -1;
    } else {
      insight.converted_at_ms = index.StartMs(turn);
    }
  }

  if (!insight.objection.kind.empty()) {
    insight.objection.at_ms = -1;
    if (const int turn = index.Find(insight.objection.quote); turn >= 0) {
      insight.objection.at_ms = index.StartMs(turn);
    } else if (!insight.objection.quote.empty()) {
      note("objection.quote", std::string(kQuoteNotSaid));
      insight.objection.quote.clear();
    }
  }

  for (auto& [key, result] : insight.script) {
    result.at_ms = -1;
    if (result.evidence.empty()) continue;
    if (const int turn = index.Find(result.evidence); turn >= 0) {
      result.at_ms = index.StartMs(turn);
      continue;
    }
    note("script." + key, std::string(kQuoteNotSaid));
    result.evidence.clear();
  }

  if (!insight.upsell_items.empty()) {
    std::vector<MoneyMention> spoken;
    for (const auto& t : turns) {
      auto found = FindMoney(t.text);
      spoken.insert(spoken.end(), found.begin(), found.end());
    }
    std::vector<UpsellItem> kept;
    for (size_t i = 0; i < insight.upsell_items.size(); ++i) {
      const UpsellItem& item = insight.upsell_items[i];
      if (Spoken(item.cents, spoken)) {
        kept.push_back(item);
      } else {
        note("upsell_items[" + std::to_string(i) + "]",
             "amount " + FormatDollars(item.cents) +
                 " not spoken in the call, so it was left out of the total");
      }
    }
    if (kept.size() != insight.upsell_items.size()) {
      insight.upsell_items = std::move(kept);
      insight.upsell_cents = 0;
      for (const auto& item : insight.upsell_items) insight.upsell_cents += item.cents;
    }
  }
  return dropped;
}

}  // namespace converza::analysis
