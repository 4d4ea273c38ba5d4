#include "analysis/script_model.h"

#include <gtest/gtest.h>

#include "analysis/script_matcher.h"
#include "analysis/test_calls.h"

namespace converza::analysis {
namespace {

constexpr const char kGreeting[] =
    "A: Thank you for calling Bright Pools, this is Sam. To verify the account, can I have your "
    "name and date of birth?";
constexpr const char* kWholeScript[] = {
    kGreeting,
    "C: Sure, Dana Ruiz, March 3rd 1980.",
    "A: Thanks Dana. What kind of pool do you have, and how often do you want it cleaned?",
    "C: In-ground, every week.",
    "A: Our weekly plan is $120 a month, chemicals included.",
    "C: Sounds good, let's do it.",
    "A: So you're set for weekly cleaning starting Monday at $120 a month.",
    "A: Thanks for choosing Bright Pools, have a great day!"};

std::map<std::string, ScriptResult> Learned(const TokenizedCall& call,
                                            const std::vector<ScriptItem>& script,
                                            std::map<std::string, double>* probability = nullptr) {
  auto results = MatchScript(call.tokens, script).results;
  ApplyLearnedScript(call.tokens, script, results, probability);
  return results;
}

TEST(ScriptModelTest, AFollowedScriptIsMetWithEveryQuoteFromTheCall) {
  TokenizedCall call({kWholeScript[0], kWholeScript[1], kWholeScript[2], kWholeScript[3],
                      kWholeScript[4], kWholeScript[5], kWholeScript[6], kWholeScript[7]});
  std::map<std::string, double> probability;
  const auto results = Learned(call, DefaultScript(), &probability);
  for (const ScriptItem& item : DefaultScript()) {
    const ScriptResult& r = results.at(item.key);
    EXPECT_TRUE(r.met) << item.key;
    bool quoted = false;
    for (const Turn& t : call.turns) quoted |= t.text.find(r.evidence) != std::string::npos;
    EXPECT_TRUE(quoted && !r.evidence.empty()) << item.key << ": " << r.evidence;
    EXPECT_GT(probability.at(item.key), 0.5) << item.key;
  }
}

TEST(ScriptModelTest, TheFirstTurnNamesTheBusinessByCapitalsOrByWhereItsWordsStand) {
  auto named = [](const char* line) {
    TokenizedCall call({line});
    return std::string(BusinessNamed(call.tokens[0]));
  };
  EXPECT_EQ(named("A: Redline Freight, this is Jason."), "<Business:capital>");
  EXPECT_EQ(named("A: thanks for calling redline freight this is jason"),
            "<Business:after-lead-in>");
  EXPECT_EQ(named("A: good morning comfort pro heating and air this is vince"),
            "<Business:words-before>");
  EXPECT_EQ(named("A: hi this is wellspring pharmacy calling for donna"), "<Business:after-intro>");
  EXPECT_EQ(named("A: hey there it's derek with sunward home energy"), "<Business:after-intro>");
  // A desk, the customer's name or the agent's alone name no business.
  EXPECT_EQ(named("A: Reservations, this is Kim."), "<Business:none>");
  EXPECT_EQ(named("A: hi rachel it's ben returning your call"), "<Business:none>");
  EXPECT_EQ(named("A: hi this is amy calling about your order"), "<Business:none>");
  EXPECT_EQ(named("A: hello how can i help you today"), "<Business:none>");
}

TEST(ScriptModelTest, AnUnpunctuatedOpeningThatNamesTheBusinessIsAGreeting) {
  // ASR text has no capitals: the business is the words before the agent's name, or after it.
  for (const char* opening : {"A: comfort pro heating and air this is vince",
                              "A: hi this is wellspring pharmacy calling for uh donna fischer",
                              "A: hey there it's derek with sunward home energy"}) {
    TokenizedCall call({opening, "C: yeah hi my furnace is making a weird noise",
                        "A: okay when did that start", "C: uh yesterday"});
    EXPECT_TRUE(Learned(call, DefaultScript()).at("greeting").met) << opening;
  }
  // Naming the customer and the agent names no business.
  TokenizedCall call({"A: hi rachel it's ben returning your call", "C: oh hi ben",
                      "A: so you asked about the seats", "C: right"});
  EXPECT_FALSE(Learned(call, DefaultScript()).at("greeting").met);
}

TEST(ScriptModelTest, AnAgentWhoNeverClosesOrRecapsMissesThem) {
  TokenizedCall call({kWholeScript[0], kWholeScript[1],
                      "A: What kind of pool do you have, and how often do you want it cleaned?",
                      "C: In-ground, every week.", "A: Is it chlorine or salt water?",
                      "C: Salt water.", "A: And do you have a cover on it?", "C: No cover.",
                      "A: Hold on, my system just went down.", "C: Okay, I'll wait."});
  const auto results = Learned(call, DefaultScript());
  EXPECT_TRUE(results.at("greeting").met);
  EXPECT_TRUE(results.at("needs_discovery").met);
  EXPECT_FALSE(results.at("offer").met);
  EXPECT_FALSE(results.at("recap").met);
  EXPECT_FALSE(results.at("closing").met);
  EXPECT_TRUE(results.at("closing").evidence.empty());
  EXPECT_EQ(results.at("closing").at_ms, -1);
}

TEST(ScriptModelTest, ABareHelloIsNoGreeting) {
  TokenizedCall call({"A: Hello?", "C: Hi, I want faster internet.", "A: Okay.", "C: Bye."});
  EXPECT_FALSE(Learned(call, DefaultScript()).at("greeting").met);
}

TEST(ScriptModelTest, ItemsATenantWroteOrRewordedStayWithTheRules) {
  std::vector<ScriptItem> script = DefaultScript();
  script[5].description = "The agent offers a satisfaction survey before hanging up.";
  script.push_back({"disclosure", "Recording disclosure", "The agent says the call is recorded."});
  EXPECT_FALSE(HasLearnedModel(script[5]));
  EXPECT_FALSE(HasLearnedModel(script.back()));
  EXPECT_TRUE(HasLearnedModel(script[0]));
  TokenizedCall call({kWholeScript[0], kWholeScript[1], kWholeScript[7]});
  const auto rules = MatchScript(call.tokens, script).results;
  std::map<std::string, double> probability;
  const auto results = Learned(call, script, &probability);
  EXPECT_EQ(results.at("closing").met, rules.at("closing").met);
  EXPECT_EQ(results.at("disclosure").met, rules.at("disclosure").met);
  EXPECT_EQ(probability.count("closing"), 0u);
  EXPECT_EQ(probability.count("disclosure"), 0u);
  EXPECT_EQ(probability.count("greeting"), 1u);
}

}  // namespace
}  // namespace converza::analysis
