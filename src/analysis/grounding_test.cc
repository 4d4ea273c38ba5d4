#include "analysis/grounding.h"

#include <gtest/gtest.h>

#include <fstream>

#include "analysis/call_input.h"
#include "analysis/redaction.h"
#include "analysis/rules_analyzer.h"
#include "analysis/script.h"
#include "analysis/transcript_cleanup.h"

namespace converza::analysis {
namespace {

Turn T(Speaker who, int start_ms, std::string text) {
  Turn t;
  t.speaker = who;
  t.start_ms = start_ms;
  t.end_ms = start_ms + 4000;
  t.text = std::move(text);
  return t;
}

std::vector<Turn> Call() {
  return {T(Speaker::kAgent, 0, "Thanks for calling Harbor Dental, this is Sam."),
          T(Speaker::kCustomer, 5000, "Hi, I need a cleaning, and my husband too."),
          T(Speaker::kAgent, 10000, "The cleaning is $120, and whitening is $50 more per visit."),
          T(Speaker::kCustomer, 15000, "Um, okay. Yes, book us both, with the whitening."),
          T(Speaker::kAgent, 20000, "Done. See you yesterday, just kidding, on Friday.")};
}

TEST(GroundingTest, AQuoteIsFoundWhateverItsCasePunctuationAndFillersAndGetsItsMoment) {
  EXPECT_EQ(NormalizeForQuote("Um, okay.  YES — book us both!"), "okay yes book us both");
  Insight in;
  in.converted = true;
  in.converted_evidence = "okay yes, BOOK us both";
  in.converted_at_ms = 99999;  // the model's guess; the quote decides
  EXPECT_EQ(GroundInsight(Call(), in), 0);
  EXPECT_EQ(in.converted_evidence, "okay yes, BOOK us both");
  EXPECT_EQ(in.converted_at_ms, 15000);
  EXPECT_TRUE(in.review.empty());
}

// An objection is grounded like any other finding: a found quote gets its true moment, an invented
// one is dropped and noted while the kind stays.
TEST(GroundingTest, TheObjectionsQuoteIsCheckedLikeTheOthers) {
  Insight in;
  in.objection = {"decision_maker", "and my husband too", 99000};
  EXPECT_EQ(GroundInsight(Call(), in), 0);
  EXPECT_EQ(in.objection.at_ms, 5000) << "the moment comes from the transcript, not the model";
  in.objection = {"price", "That is way too expensive.", 15000};
  EXPECT_EQ(GroundInsight(Call(), in), 1);
  EXPECT_EQ(in.objection.kind, "price");
  EXPECT_EQ(in.objection.quote, "");
  EXPECT_EQ(in.objection.at_ms, -1);
  ASSERT_EQ(in.review.size(), 1u);
  EXPECT_EQ(in.review[0].field, "objection.quote");
}

TEST(GroundingTest, AnInventedQuoteIsDroppedAndTheFindingMarkedForReview) {
  Insight in;
  in.converted = true;
  in.converted_evidence = "Yes, sign me up for the premium plan.";
  in.converted_at_ms = 15000;
  in.script["greeting"] = {true, "Thanks for calling Harbor Dental", -1};
  in.script["offer"] = {true, "Our premium plan is only $20.", -1};
  EXPECT_EQ(GroundInsight(Call(), in), 2);
  EXPECT_TRUE(in.converted) << "the value stays; it is flagged, not silently flipped";
  EXPECT_EQ(in.converted_evidence, "");
  EXPECT_EQ(in.converted_at_ms, -1);
  EXPECT_EQ(in.script["greeting"].evidence, "Thanks for calling Harbor Dental");
  EXPECT_EQ(in.script["greeting"].at_ms, 0) << "a found quote gets its moment";
  EXPECT_EQ(in.script["offer"].evidence, "");
  EXPECT_EQ(in.script["offer"].at_ms, -1);
  EXPECT_TRUE(in.script["offer"].met);
  ASSERT_EQ(in.review.size(), 2u);
  EXPECT_EQ(in.review[0].field, "converted_evidence");
  EXPECT_EQ(in.review[0].reason, "quote not in the transcript, so it was left out");
  EXPECT_EQ(in.review[1].field, "script.offer");
}

TEST(GroundingTest, QuotesMatchWholeWordsAndMaySpanConsecutiveTurns) {
  Insight in;
  in.converted_evidence = "per visit. Um okay, yes";
  EXPECT_EQ(GroundInsight(Call(), in), 0);
  EXPECT_EQ(in.converted_at_ms, 10000);

  Insight partial;
  partial.converted_evidence = "see you yes";  // "yes" only inside "yesterday"
  EXPECT_EQ(GroundInsight(Call(), partial), 1);
  Insight punctuation_only;
  punctuation_only.converted_evidence = "...";
  EXPECT_EQ(GroundInsight(Call(), punctuation_only), 1);
}

// The index reads only turns holding a quote's first word: a quote is found in the turn where it
// begins, past earlier turns with that word, across a turn of a single word, in any case.
TEST(GroundingTest, AQuoteIsFoundWhereItBeginsPastTurnsThatOnlyShareItsFirstWord) {
  const std::vector<Turn> call = {
      T(Speaker::kAgent, 0, "Okay, the plan is ready."),
      T(Speaker::kCustomer, 4000, "OKAY. So"),
      T(Speaker::kAgent, 8000, "Yes."),
      T(Speaker::kCustomer, 12000, "I, uh, w- want it today."),
  };
  Insight in;
  in.converted_evidence = "okay so yes I want";
  EXPECT_EQ(GroundInsight(call, in), 0);
  EXPECT_EQ(in.converted_at_ms, 4000);
  Insight later;
  later.converted_evidence = "want it today";
  EXPECT_EQ(GroundInsight(call, later), 0);
  EXPECT_EQ(later.converted_at_ms, 12000);
  Insight across;  // over three turns, from the first
  across.converted_evidence = "plan is ready. Okay, so yes";
  EXPECT_EQ(GroundInsight(call, across), 0);
  EXPECT_EQ(across.converted_at_ms, 0);
  Insight reordered;  // its words are all in the call, never in this order
  reordered.converted_evidence = "okay the plan is ready so";
  EXPECT_EQ(GroundInsight(call, reordered), 1);
}

TEST(GroundingTest, UpsellAmountsMustHaveBeenSpoken) {
  Insight in;
  in.upsell_items = {{"whitening for two", 10000}, {"whitening", 5000}, {"fluoride", 2500}};
  in.upsell_cents = 17500;
  EXPECT_EQ(GroundInsight(Call(), in), 1);
  ASSERT_EQ(in.upsell_items.size(), 2u) << "$50 per visit: two visits ($100) and one are spoken";
  EXPECT_EQ(in.upsell_cents, 15000);
  ASSERT_EQ(in.review.size(), 1u);
  EXPECT_EQ(in.review[0].field, "upsell_items[2]");
  EXPECT_EQ(in.review[0].reason,
            "amount $25 not spoken in the call, so it was left out of the total");

  Insight flat;  // $120 has no unit: its multiples were never named
  flat.upsell_items = {{"two cleanings", 24000}};
  flat.upsell_cents = 24000;
  EXPECT_EQ(GroundInsight(Call(), flat), 1);
  EXPECT_EQ(flat.upsell_cents, 0);
  EXPECT_TRUE(flat.upsell_items.empty());
}

TEST(GroundingTest, ASpokenPairGroundsItsHundredsReading) {
  // An LLM hears "one forty nine" as $149, as the customer did.
  const std::vector<Turn> call = {
      T(Speaker::kAgent, 0, "the tank is fourteen hundred fifty dollars installed"),
      T(Speaker::kAgent, 5000, "and a six year warranty is one forty nine on top"),
      T(Speaker::kCustomer, 10000, "yeah add the warranty")};
  Insight in;
  in.upsell_items = {{"warranty", 14900}};
  in.upsell_cents = 14900;
  EXPECT_EQ(GroundInsight(call, in), 0);
  EXPECT_EQ(in.upsell_cents, 14900);

  Insight wrong;  // neither reading of "one forty nine"
  wrong.upsell_items = {{"warranty", 1490}};
  wrong.upsell_cents = 1490;
  EXPECT_EQ(GroundInsight(call, wrong), 1);
  EXPECT_EQ(wrong.upsell_cents, 0);
}

// A quote is at most 200 bytes; cut inside a word, it would no longer be what was said.
TEST(GroundingTest, ALongQuoteIsCutAtAWordAndStaysVerbatim) {
  std::string recap = "so to recap we have";  // byte 197 falls inside "bouquet"
  while (recap.size() < 260) recap += " the garden bouquet in a glass vase delivered tomorrow";
  const std::string quote = ShortQuote(recap);
  EXPECT_LE(quote.size(), 200u);
  ASSERT_TRUE(quote.ends_with("...")) << quote;
  const std::string kept = quote.substr(0, quote.size() - 3);
  EXPECT_TRUE(recap.starts_with(kept)) << quote;
  EXPECT_EQ(recap[kept.size()], ' ') << "cut inside a word: " << quote;
  EXPECT_EQ(ShortQuote("short enough"), "short enough");

  Insight in;
  in.script["recap"] = {true, quote, -1};
  EXPECT_EQ(GroundInsight({T(Speaker::kAgent, 7000, recap)}, in), 0);
  EXPECT_EQ(in.script["recap"].evidence, quote);
  EXPECT_EQ(in.script["recap"].at_ms, 7000);
}

// The rules analyzer quotes and totals only what was said: grounding never drops its findings,
// on our own calls or on the 1,769 tuning calls by independent writers, whose unpunctuated turns
// make long quotes.
TEST(GroundingTest, TheRulesAnalyzersFindingsAreAllGrounded) {
  const auto script = DefaultScript();
  for (const char* set : {"/eval/calls.jsonl", "/eval/tuning/tuning.jsonl"}) {
    std::ifstream file(std::string(CONVERZA_SOURCE_DIR) + set);
    ASSERT_TRUE(file) << set;
    std::string line;
    int calls = 0, with_evidence = 0;
    while (std::getline(file, line)) {
      auto call = ParseCallLine(line);
      ASSERT_TRUE(call.ok()) << call.status().message();
      auto turns = CleanTranscript(call->segments);
      RedactTurns(turns);
      Insight in = AnalyzeWithRules(turns, script);
      with_evidence += in.converted_evidence.empty() ? 0 : 1;
      const std::string before = InsightToJson(in);
      EXPECT_EQ(GroundInsight(turns, in), 0) << call->id << ": " << before;
      ++calls;
    }
    EXPECT_GT(calls, 50) << set;
    EXPECT_GT(with_evidence, 20) << set;
  }
}

}  // namespace
}  // namespace converza::analysis
