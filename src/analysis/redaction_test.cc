#include "analysis/redaction.h"

#include <gtest/gtest.h>

namespace converza::analysis {
namespace {

std::string R(std::string_view text, std::string_view context = {}) {
  return RedactText(text, context).text;
}

TEST(RedactTest, LuhnChecksum) {
  EXPECT_TRUE(LuhnValid("4111111111111111"));
  EXPECT_TRUE(LuhnValid("5555555555554444"));
  EXPECT_TRUE(LuhnValid("378282246310005"));
  EXPECT_FALSE(LuhnValid("4111111111111112"));
  EXPECT_FALSE(LuhnValid("12a4"));
}

TEST(RedactTest, WrittenCardNumbersWithSpacesAndDashes) {
  EXPECT_EQ(R("Sure, it's 5555 5555 5555 4444, thanks."), "Sure, it's [card number], thanks.");
  EXPECT_EQ(R("card 4012-8888-8888-1881 please"), "card [card number] please");
  EXPECT_EQ(R("amex 378282246310005"), "amex [card number]");
}

TEST(RedactTest, LuhnFailureIsNotACard) {
  EXPECT_EQ(R("The number is 4111 1111 1111 1112."), "The number is 4111 1111 1111 1112.");
}

TEST(RedactTest, SpokenCardNumbersIncludingOhAndDouble) {
  auto r = RedactText(
      "ok it's five five five five, double five five five, five five five five, "
      "four four four four and that's it");
  EXPECT_EQ(r.text, "ok it's [card number] and that's it");
  ASSERT_EQ(r.redactions.size(), 1u);
  EXPECT_EQ(r.redactions[0].kind, "card_number");
  EXPECT_EQ(r.text.substr(r.redactions[0].start, r.redactions[0].end - r.redactions[0].start),
            "[card number]");
  // 4000 0000 0000 0002 spoken with "oh".
  EXPECT_EQ(R("four oh oh oh, oh oh oh oh, oh oh oh oh, oh oh oh two"), "[card number]");
}

TEST(RedactTest, CvvOnlyNearCardContext) {
  EXPECT_EQ(R("The security code on my visa is 737."), "The security code on my visa is [cvv].");
  // Answer in the next turn after the agent asked.
  EXPECT_EQ(R("It's 2 9 1.", "And the three digit code on the back of the card?"), "It's [cvv].");
  // No card context: a room number after "code" stays.
  EXPECT_EQ(R("The door code is 4412 and you're in room 301."),
            "The door code is 4412 and you're in room 301.");
  EXPECT_EQ(R("We have 123 units in stock."), "We have 123 units in stock.");
}

TEST(RedactTest, ExpiryNearCardContext) {
  EXPECT_EQ(R("Card expires 09/28."), "Card expires [expiry].");
  EXPECT_EQ(R("oh nine twenty eight", "What's the expiration date on the card?"), "[expiry]");
  EXPECT_EQ(R("The appointment is on 09/28."), "The appointment is on 09/28.");
}

TEST(RedactTest, SsnWrittenAndSpoken) {
  EXPECT_EQ(R("my SSN is 078-05-1120"), "my SSN is [ssn]");
  EXPECT_EQ(R("social is one two three, four five, six seven eight nine"), "social is [ssn]");
  EXPECT_EQ(R("last four of my social are 6789"), "last four of my social are [ssn]");
}

TEST(RedactTest, EmailsWrittenAndSpoken) {
  EXPECT_EQ(R("send it to maria.lopez+bills@example.co.uk."), "send it to [email].");
  EXPECT_EQ(R("it's tom underscore baker at outlook dot com"), "it's [email]");
}

TEST(RedactTest, PhoneNumbers) {
  EXPECT_EQ(R("call me at (312) 555-0199 tomorrow"), "call me at [phone] tomorrow");
  EXPECT_EQ(R("my cell is 312-555-0199"), "my cell is [phone]");
  EXPECT_EQ(R("best number to reach me is three one two, five five five, oh one nine nine"),
            "best number to reach me is [phone]");
}

TEST(RedactTest, StreetAddresses) {
  EXPECT_EQ(R("I live at 1600 Pennsylvania Avenue, apt 4 in town"), "I live at [address] in town");
  EXPECT_EQ(R("ship to 12 Elm St please"), "ship to [address] please");
  EXPECT_EQ(R("I paid 30 by the way"), "I paid 30 by the way");
}

TEST(RedactTest, NoFalsePositivesOnOrdersPricesDatesTimesQuantities) {
  const char* keep[] = {
      "My order number is 4 5 6 7 8.",
      "That's $1,299.99 plus tax.",
      "The total is $12,450.00 for 3 units.",
      "We'll see you on March 14, 2025 at 10:30.",
      "The SKU is 555-1234-567.",
      "Order 8812 3345 9921 shipped.",
      "I need 2 nights, 4 adults and 1 child.",
      "Confirmation number 3 3 4 1 8 8 2 0 9 1.",
      "It was 45 minutes on hold and 2 transfers.",
  };
  for (const char* s : keep) EXPECT_EQ(R(s), s) << s;
}

TEST(RedactTest, RedactTurnsUsesPreviousTurnsAsContext) {
  std::vector<Turn> turns = {
      {Speaker::kAgent, 0, 1000, "Can I get the card number?", {}},
      {Speaker::kCustomer, 1000, 2000, "4111 1111 1111 1111", {}},
      {Speaker::kAgent, 2000, 3000, "And the CVV?", {}},
      {Speaker::kCustomer, 3000, 4000, "It's 123.", {}},
  };
  RedactTurns(turns);
  EXPECT_EQ(turns[1].text, "[card number]");
  EXPECT_EQ(turns[3].text, "It's [cvv].");
  ASSERT_EQ(turns[3].redactions.size(), 1u);
  EXPECT_EQ(turns[3].redactions[0].kind, "cvv");
  EXPECT_EQ(turns[3].redactions[0].start, 5u);
  EXPECT_EQ(turns[3].redactions[0].end, 10u);
}

}  // namespace
}  // namespace converza::analysis
