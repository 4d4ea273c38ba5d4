#include "analysis/script_matcher.h"

#include <gtest/gtest.h>

#include "analysis/test_calls.h"

namespace converza::analysis {
namespace {

ScriptMatch Match(const std::vector<ScriptItem>& script, std::initializer_list<const char*> lines) {
  TokenizedCall call(lines);
  return MatchScript(call.tokens, script);
}

TEST(ScriptMatcherTest, DefaultItemsByMeaning) {
  auto in = Match(
      DefaultScript(),
      {"A: Good morning, you've reached Northstar Plumbing, this is Eli.",
       "C: Hi, my water heater is leaking.", "A: Could I get the phone number on the account?",
       "C: Sure.", "A: How old is the heater and is it gas or electric?", "C: Gas, ten years.",
       "A: A replacement is $1,450 installed, including haul away.", "C: Do it.",
       "A: So we'll be there Thursday at 8 to replace it, and you'll get a text.", "C: Thanks.",
       "A: Thanks for choosing Northstar, have a good one."});
  for (const char* key :
       {"greeting", "verify_identity", "needs_discovery", "offer", "recap", "closing"}) {
    EXPECT_TRUE(in.results.at(key).met) << key;
    EXPECT_FALSE(in.results.at(key).evidence.empty()) << key;
  }
}

TEST(ScriptMatcherTest, CustomItemsMatchLabelWords) {
  std::vector<ScriptItem> script = {
      {"recording_disclosure", "Recording disclosure", "Agent says the call is recorded."}};
  auto met = Match(script, {"A: Just so you know, this call is being recorded."});
  EXPECT_TRUE(met.results.at("recording_disclosure").met);
  auto missed = Match(script, {"A: Hi, how can I help?"});
  EXPECT_FALSE(missed.results.at("recording_disclosure").met);
}

}  // namespace
}  // namespace converza::analysis
