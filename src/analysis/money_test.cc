#include "analysis/money.h"

#include <gtest/gtest.h>

namespace converza::analysis {
namespace {

std::vector<long long> Cents(std::string_view text) {
  std::vector<long long> out;
  for (const auto& m : FindMoney(text)) out.push_back(m.cents);
  return out;
}

TEST(MoneyTest, DigitsWithSeparatorsAndThousands) {
  EXPECT_EQ(Cents("it's $2,400 total"), std::vector<long long>{240000});
  EXPECT_EQ(Cents("only $1,299.99 today"), std::vector<long long>{129999});
  EXPECT_EQ(Cents("budget is 2.4k"), std::vector<long long>{240000});
  EXPECT_EQ(Cents("about $3 thousand"), std::vector<long long>{300000});
}

// Found by fuzz/money_fuzz: a 19-digit "amount" overflowed the cents to a negative number.
TEST(MoneyTest, ImpossibleAmountsAreNotMoney) {
  EXPECT_EQ(Cents("That is $2222222222222212999, ok"), std::vector<long long>{});
  EXPECT_EQ(Cents("reference $99999999999 and $20"), std::vector<long long>{2000});
}

TEST(MoneyTest, SpokenAmounts) {
  EXPECT_EQ(Cents("that one is twelve ninety-nine"), std::vector<long long>{1299});
  EXPECT_EQ(Cents("it comes to forty nine dollars"), std::vector<long long>{4900});
  EXPECT_EQ(Cents("two hundred and fifty dollars"), std::vector<long long>{25000});
  EXPECT_EQ(Cents("seven dollars and fifty cents"), std::vector<long long>{750});
  EXPECT_EQ(Cents("a thousand bucks"), std::vector<long long>{100000});
}

TEST(MoneyTest, RatesAndMore) {
  auto m = FindMoney("it's $15 a month");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_TRUE(m[0].recurring);
  m = FindMoney("that's 50 more per night");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].cents, 5000);
  EXPECT_TRUE(m[0].more);
  EXPECT_EQ(m[0].unit, "night");
  m = FindMoney("eighteen dollars per seat");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].unit, "seat");
}

TEST(MoneyTest, DiscountsAreFlagged) {
  auto m = FindMoney("I can take $20 off the first bill");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_TRUE(m[0].discount);
  m = FindMoney("you'd save $5 a month");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_TRUE(m[0].discount);
}

TEST(MoneyTest, NotMoney) {
  EXPECT_TRUE(Cents("see you at twelve thirty").empty());
  EXPECT_TRUE(Cents("for two nights and three guests").empty());
  EXPECT_TRUE(Cents("order 55231 shipped on the 4th").empty());
  EXPECT_TRUE(Cents("we got 20% more signups").empty());
  EXPECT_TRUE(Cents("it expires in twenty twenty six").empty());
}

TEST(MoneyTest, FormatDollars) {
  EXPECT_EQ(FormatDollars(129999), "$1,299.99");
  EXPECT_EQ(FormatDollars(1500), "$15");
}

TEST(MoneyTest, AnyNounAfterPerIsAPricingUnit) {
  auto m = FindMoney("logo mats are $4.25 per mat per week");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].cents, 425);
  EXPECT_EQ(m[0].unit, "mat");
  m = FindMoney("rekeying is thirty five per lock");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].cents, 3500);
  EXPECT_EQ(m[0].unit, "lock");
  EXPECT_EQ(Cents("rates went up 5 per cent"), std::vector<long long>{});
}

TEST(MoneyTest, SpokenPricesWithoutADollarWord) {
  // No clock reads 14:99; a year ("twenty nineteen") or a time ("nine thirty") is not money.
  EXPECT_EQ(Cents("a drying kit, fourteen ninety-nine, it pulls the moisture out"),
            std::vector<long long>{1499});
  EXPECT_EQ(Cents("a twenty nineteen civic"), std::vector<long long>{});
  EXPECT_EQ(Cents("see you at nine thirty"), std::vector<long long>{});
  // A spoken figure that ends its clause after a price cue.
  EXPECT_EQ(Cents("for your square footage that's four hundred eighty."),
            std::vector<long long>{48000});
  EXPECT_EQ(Cents("that's four hundred people"), std::vector<long long>{});
}

TEST(MoneyTest, ASpokenPairIsReadAsAPhoneCallSaysIt) {
  // "one forty nine" is $1.49 as written, and $149 on a call.
  auto m = FindMoney("a six year warranty for one forty nine on top");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].cents, 14900);
  EXPECT_EQ(m[0].other_cents, 149);
  EXPECT_EQ(Cents("the move-out clean is three fifty"), std::vector<long long>{35000});
  // A price ending in ninety-five or more with a high first figure is what it says.
  EXPECT_EQ(Cents("the dvr is nine ninety-nine a month"), std::vector<long long>{999});
  m = FindMoney("a drying kit, fourteen ninety-nine");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].cents, 1499);
  EXPECT_EQ(m[0].other_cents, 149900);
  // Other forms have one reading.
  for (std::string_view text : {"$149", "one hundred forty nine dollars", "forty nine dollars",
                                "twelve dollars ninety-nine"}) {
    m = FindMoney(text);
    ASSERT_EQ(m.size(), 1u) << text;
    EXPECT_EQ(m[0].other_cents, 0) << text;
  }
}

TEST(MoneyTest, ABareSpokenPriceAfterItsItemIsMoneyACountIsNot) {
  // Unpunctuated speech: the figure's clause goes on after it.
  EXPECT_EQ(Cents("the protection plan it's a hundred forty nine it covers surges"),
            std::vector<long long>{14900});
  EXPECT_EQ(Cents("factory remote start is four hundred fifty installed"),
            std::vector<long long>{45000});
  EXPECT_EQ(Cents("the deep conditioning it's twenty five and she does it first"),
            std::vector<long long>{2500});
  EXPECT_EQ(Cents("tire rotation's twenty five"), std::vector<long long>{2500});
  EXPECT_EQ(Cents("the mats are one eighty-nine for the set"), std::vector<long long>{18900});
  EXPECT_EQ(Cents("inside the oven for thirty five and inside the fridge"),
            std::vector<long long>{3500});
  EXPECT_EQ(Cents("a liftgate, that's seventy-five on top"), std::vector<long long>{7500});
  // A noun after the figure makes it a count or a measure; a person's age is no price.
  EXPECT_EQ(Cents("it's twenty five minutes from the airport"), std::vector<long long>{});
  EXPECT_EQ(Cents("that panel is a hundred twenty hertz"), std::vector<long long>{});
  EXPECT_EQ(Cents("she's fourteen and he's twenty five and they both ski"),
            std::vector<long long>{});
  // No clock reads six ninety-five; six thirty is a time.
  EXPECT_EQ(FindMoney("the paint protection package at six ninety-five").size(), 1u);
  EXPECT_EQ(Cents("we open at six thirty"), std::vector<long long>{});
}

TEST(MoneyTest, ADiscountWordInTheSentenceBeforeIsNotADiscount) {
  auto m = FindMoney("I'd do it while the roof's off. It's $380 extra.");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_FALSE(m[0].discount);
  EXPECT_TRUE(m[0].more);
  m = FindMoney("pay by check and it's $500 off.");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_TRUE(m[0].discount);
}

}  // namespace
}  // namespace converza::analysis
