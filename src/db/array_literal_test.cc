#include "db/array_literal.h"

#include <gtest/gtest.h>

namespace converza::db {
namespace {

TEST(ArrayLiteralTest, QuotesEveryElementAndEscapesQuotesAndBackslashes) {
  ArrayLiteral a;
  EXPECT_TRUE(a.empty());
  EXPECT_EQ(a.str(), "{}");
  a.Add("plain");
  a.Add(std::int64_t{-42});
  a.Add(R"(say "hi" \ {x,y})");
  a.Add("");
  EXPECT_EQ(a.size(), 4u);
  EXPECT_EQ(a.str(), R"({"plain","-42","say \"hi\" \\ {x,y}",""})");
}

}  // namespace
}  // namespace converza::db
