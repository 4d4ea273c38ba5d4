// Behaviour of the rules analyzer on sentences written for these tests (not taken from the
// evaluation set in eval/calls.jsonl, so the eval numbers are not tuned on what is tested here).
#include "analysis/rules_analyzer.h"

#include <gtest/gtest.h>

#include "analysis/sentiment.h"
#include "analysis/tokens.h"

namespace converza::analysis {
namespace {

// Builds turns "A: ..." / "C: ..." three seconds apart.
std::vector<Turn> Call(std::initializer_list<const char*> lines) {
  std::vector<Turn> turns;
  int t = 0;
  for (const char* l : lines) {
    std::string s(l);
    Turn turn;
    turn.speaker = s[0] == 'A' ? Speaker::kAgent : Speaker::kCustomer;
    turn.text = s.substr(3);
    turn.start_ms = t;
    turn.end_ms = t + 2500;
    t += 3000;
    turns.push_back(std::move(turn));
  }
  return turns;
}

Insight Analyze(std::initializer_list<const char*> lines) {
  return AnalyzeWithRules(Call(lines), DefaultScript());
}

double Score(const char* text) { return ScoreSentiment(Tokenize(text)).sum; }

TEST(SentimentTest, NegationAndIntensifiers) {
  EXPECT_GT(Score("I'm happy with it"), 0);
  EXPECT_LT(Score("I'm not happy with it"), 0);
  EXPECT_GT(Score("honestly that's not bad"), 0);
  EXPECT_LT(Score("honestly that's not bad"), Score("that's good"));
  EXPECT_GT(Score("extremely helpful"), Score("helpful"));
  EXPECT_LT(Score("really frustrating"), Score("frustrating"));
  EXPECT_GT(Score("no problem at all"), 0);
}

TEST(SentimentTest, WeightedTowardTheEnd) {
  auto improves =
      Analyze({"A: Hello.", "C: This has been a terrible week, I'm furious.", "A: Let me sort it.",
               "C: Okay.", "A: Done.", "C: Wow, that's wonderful, thank you so much!"});
  EXPECT_EQ(improves.sentiment.label, "positive");
  // The same start, two endings: the sour one scores well below the happy one.
  auto sours =
      Analyze({"A: Hello.", "C: Great, I'm excited about the new plan!", "A: Here's the fee.",
               "C: Okay.", "A: It's mandatory.", "C: That's outrageous, I'm really upset."});
  auto stays =
      Analyze({"A: Hello.", "C: Great, I'm excited about the new plan!", "A: Here's the fee.",
               "C: Okay.", "A: It's mandatory.", "C: That's fine, thanks so much for the help."});
  EXPECT_LT(sours.sentiment.score + 0.3, stays.sentiment.score);
  auto flat =
      Analyze({"A: Hi.", "C: What time do you open tomorrow?", "A: Eight.", "C: Okay, bye."});
  EXPECT_EQ(flat.sentiment.label, "neutral");
}

TEST(UpsellTest, AcceptedAddOnCountsDeclinedDoesNot) {
  auto yes = Analyze({"A: The blender is $89. Want to add the 3 year warranty for $19?",
                      "C: Sure, throw the warranty in."});
  EXPECT_EQ(yes.upsell_cents, 1900);
  ASSERT_EQ(yes.upsell_items.size(), 1u);
  EXPECT_EQ(yes.upsell_items[0].name, "3 year warranty");
  auto no = Analyze(
      {"A: You could add the 3 year warranty for $19.", "C: Nah, I'll pass on the warranty."});
  EXPECT_EQ(no.upsell_cents, 0);
  auto open = Analyze({"A: We can add premium support for $40 more a month.",
                       "C: What does that include?", "A: Faster replies.", "C: Hmm, interesting."});
  EXPECT_EQ(open.upsell_cents, 0);
}

TEST(UpsellTest, RecurringOncePerUnitTimesUnitsDiscountsNever) {
  auto monthly = Analyze({"A: HD streaming is nine ninety-nine more a month.", "C: Yes, add it."});
  EXPECT_EQ(monthly.upsell_cents, 999);
  auto per_night = Analyze({"C: We'll stay three nights.",
                            "A: A suite upgrade is 40 more per night.", "C: Let's do the suite."});
  EXPECT_EQ(per_night.upsell_cents, 12000);
  auto discount = Analyze({"A: If you add autopay you save $10 a month.", "C: Sure, add autopay."});
  EXPECT_EQ(discount.upsell_cents, 0);
  auto words = Analyze({"A: The gold package adds twenty five dollars extra.", "C: Okay, add it."});
  EXPECT_EQ(words.upsell_cents, 2500);
}

TEST(ConversionTest, CommitmentsCount) {
  EXPECT_TRUE(Analyze({"A: The annual plan is $300.", "C: Great, I'll go with the annual plan."})
                  .converted);
  EXPECT_TRUE(Analyze({"A: It's $75 for the install. Shall I go ahead and book Friday?",
                       "C: Yep, please do."})
                  .converted);
  EXPECT_TRUE(Analyze({"C: I was going to cancel my subscription.",
                       "A: I can give you two months at half price if you stay.",
                       "C: Fine, I'll stay on the plan."})
                  .converted);
}

TEST(ConversionTest, DeferralsCancellationsAndFreeVisitsDoNot) {
  EXPECT_FALSE(
      Analyze({"A: The package is $2,000.", "C: Let me run it by my partner first."}).converted);
  EXPECT_FALSE(Analyze({"A: It's $900 installed.", "C: Could you email me a quote?"}).converted);
  EXPECT_FALSE(
      Analyze({"A: It's $40 a month.", "C: Sounds good. Actually, I need to think it over."})
          .converted);
  EXPECT_FALSE(Analyze({"C: Please cancel my account.", "A: Done, it's cancelled."}).converted);
  EXPECT_FALSE(Analyze({"A: The inspection is free. Would you like me to book it for Monday?",
                        "C: Yes, Monday works."})
                   .converted);
}

TEST(ScriptTest, DefaultItemsByMeaning) {
  auto in = Analyze({"A: Good morning, you've reached Northstar Plumbing, this is Eli.",
                     "C: Hi, my water heater is leaking.",
                     "A: Could I get the phone number on the account?", "C: Sure.",
                     "A: How old is the heater and is it gas or electric?", "C: Gas, ten years.",
                     "A: A replacement is $1,450 installed, including haul away.", "C: Do it.",
                     "A: So we'll be there Thursday at 8 to replace it, and you'll get a text.",
                     "C: Thanks.", "A: Thanks for choosing Northstar, have a good one."});
  for (const char* key :
       {"greeting", "verify_identity", "needs_discovery", "offer", "recap", "closing"}) {
    EXPECT_TRUE(in.script.at(key).met) << key;
    EXPECT_FALSE(in.script.at(key).evidence.empty()) << key;
  }
}

TEST(ScriptTest, MissedItemsAndOfferWithoutPrice) {
  auto in = Analyze({"A: Hello?", "C: Hi, I want faster internet.",
                     "A: I'd recommend our premium fiber tier.", "C: Okay.", "A: Okay."});
  EXPECT_FALSE(in.script.at("greeting").met);
  EXPECT_FALSE(in.script.at("offer").met);
  EXPECT_FALSE(in.script.at("verify_identity").met);
  ASSERT_FALSE(in.coaching.empty());
  EXPECT_LE(in.coaching.size(), 3u);
  EXPECT_NE(in.coaching[0].note.find("without a price at 00:06"), std::string::npos)
      << in.coaching[0].note;
}

TEST(ScriptTest, CustomItemsMatchLabelWords) {
  std::vector<ScriptItem> script = {
      {"recording_disclosure", "Recording disclosure", "Agent says the call is recorded."}};
  auto met = AnalyzeWithRules(Call({"A: Just so you know, this call is being recorded."}), script);
  EXPECT_TRUE(met.script.at("recording_disclosure").met);
  auto missed = AnalyzeWithRules(Call({"A: Hi, how can I help?"}), script);
  EXPECT_FALSE(missed.script.at("recording_disclosure").met);
}

TEST(AiScoreTest, FormulaAndRange) {
  TalkMetrics balanced;
  balanced.agent_ms = 50'000;
  balanced.customer_ms = 50'000;
  EXPECT_EQ(ComputeAiScore(1.0, true, 1.0, balanced), 100);
  EXPECT_EQ(ComputeAiScore(0.0, false, -1.0, balanced), 20);  // 0.25*0.4 + 0.1*1
  TalkMetrics lecture = balanced;
  lecture.agent_ms = 95'000;
  lecture.customer_ms = 5'000;
  EXPECT_LT(ComputeAiScore(1.0, true, 1.0, lecture), 100);
}

TEST(PipelineTest, AnalyzeCallRedactsBeforeAnalysis) {
  std::vector<Segment> segs = {
      {Speaker::kAgent, 0, 2000, "thanks for calling acme, what card would you like to use?", 1},
      {Speaker::kCustomer, 2500, 6000, "visa, 4111 1111 1111 1111", 1},
  };
  std::vector<Turn> turns;
  Insight in = AnalyzeCallWithRules(segs, DefaultScript(), &turns);
  ASSERT_EQ(turns.size(), 2u);
  EXPECT_EQ(turns[1].text, "Visa, [card number].");
  ASSERT_EQ(in.redactions.size(), 1u);
  EXPECT_EQ(in.redactions[0].kind, "card_number");
  EXPECT_EQ(in.redactions[0].count, 1);
  EXPECT_EQ(in.talk.duration_ms, 6000);
}

}  // namespace
}  // namespace converza::analysis
