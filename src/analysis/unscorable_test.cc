#include "analysis/unscorable.h"

#include <gtest/gtest.h>

namespace converza::analysis {
namespace {

Turn T(Speaker who, int start_s, int end_s, std::string text) {
  Turn t;
  t.speaker = who;
  t.start_ms = start_s * 1000;
  t.end_ms = end_s * 1000;
  t.text = std::move(text);
  return t;
}
constexpr Speaker kA = Speaker::kAgent, kC = Speaker::kCustomer;

TEST(UnscorableTest, AConversationIsScored) {
  std::vector<Turn> call = {T(kA, 0, 4, "Bright Pools, this is Sam, how can I help?"),
                            T(kC, 5, 9, "Hi, I'd like a quote for weekly cleaning."),
                            T(kA, 10, 16, "Sure, it's $120 a month. Want to start Monday?"),
                            T(kC, 17, 20, "Yes, let's do it.")};
  EXPECT_EQ(UnscorableReason(call, 21), std::nullopt);
  EXPECT_EQ(UnscorableReason(call, 0), std::nullopt);  // length unknown: the speech spans 20 s
}

TEST(UnscorableTest, NoWordsOrAlmostNoneIsSilent) {
  EXPECT_EQ(UnscorableReason({}, 95), "silent");
  EXPECT_EQ(UnscorableReason({T(kC, 3, 4, "Hello?"), T(kC, 9, 10, "Hello?")}, 60), "silent");
}

TEST(UnscorableTest, UnderFifteenSecondsIsTooShort) {
  std::vector<Turn> call = {T(kA, 0, 3, "Bright Pools, this is Sam."),
                            T(kC, 3, 8, "Sorry, wrong number, I meant to call someone else.")};
  EXPECT_EQ(UnscorableReason(call, 9), "too_short");
  EXPECT_EQ(UnscorableReason(call, 0), "too_short");
  EXPECT_EQ(UnscorableReason(call, 40), std::nullopt);  // the recording says it went on
}

TEST(UnscorableTest, AMessageLeftOnTheCustomersVoicemail) {
  std::vector<Turn> call = {
      T(kC, 0, 9,
        "Hi, you've reached Dana. I can't take your call right now, please leave a "
        "message after the beep."),
      T(kA, 11, 30,
        "Hi Dana, this is Sam from Bright Pools following up on your quote. Call me "
        "back at 555-0142 when you get a chance. Thanks!")};
  EXPECT_EQ(UnscorableReason(call, 31), "voicemail");
}

TEST(UnscorableTest, AGreetingNobodyAnswers) {
  std::vector<Turn> call = {T(kC, 0, 12,
                              "The person you are calling is not available. At the "
                              "tone, please record your message."),
                            T(kC, 12, 14, "When you have finished recording, you may hang up.")};
  EXPECT_EQ(UnscorableReason(call, 20), "voicemail");
}

TEST(UnscorableTest, TalkingAboutVoicemailIsAConversation) {
  std::vector<Turn> call = {
      T(kA, 0, 4, "Bright Pools, this is Sam."),
      T(kC, 5, 10, "Hi Sam, I got your message, sorry I couldn't leave a message back."),
      T(kA, 11, 15, "No problem! Still interested in the weekly plan?"),
      T(kC, 16, 19, "Yes, please sign me up.")};
  EXPECT_EQ(UnscorableReason(call, 20), std::nullopt);
  // A greeting, and then the person picks up and talks: a conversation too.
  std::vector<Turn> picked_up = {
      T(kC, 0, 6, "Please leave a message after the tone."),
      T(kA, 7, 12,
        "Hi Dana, it's Sam from "
        "Bright Pools."),
      T(kC, 12, 16, "Oh hi Sam, I'm here, sorry, I was screening calls."),
      T(kA, 17, 25, "No worries! Your quote is $120 a month, want to start Monday?"),
      T(kC, 26, 28, "Sure.")};
  EXPECT_EQ(UnscorableReason(picked_up, 30), std::nullopt);
}

}  // namespace
}  // namespace converza::analysis
