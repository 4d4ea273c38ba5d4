#include "common/csv.h"

#include <gtest/gtest.h>

namespace converza {
namespace {

std::string Field(std::optional<std::string_view> v) {
  std::string out;
  AppendCsvField(out, v);
  return out;
}

TEST(Csv, PlainFieldsAreWrittenAsTheyAre) {
  EXPECT_EQ(Field("Ann Acme"), "Ann Acme");
  EXPECT_EQ(Field(""), "");
  EXPECT_EQ(Field(std::nullopt), "");
  EXPECT_EQ(Field("42"), "42");
}

TEST(Csv, SeparatorsQuotesAndLineBreaksAreQuoted) {
  EXPECT_EQ(Field("a,b"), "\"a,b\"");
  EXPECT_EQ(Field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(Field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(Field("cr\r"), "\"cr\r\"");
}

TEST(Csv, FormulaLikeTextGetsAnApostrophe) {
  EXPECT_EQ(Field("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(Field("+14155550100"), "\"'+14155550100\"");
  EXPECT_EQ(Field("-cmd"), "\"'-cmd\"");
  EXPECT_EQ(Field("@SUM(A1)"), "\"'@SUM(A1)\"");
  EXPECT_EQ(Field("\tx"), "\"'\tx\"");
}

TEST(Csv, NegativeNumbersStayNumbers) {
  EXPECT_EQ(Field("-0.5"), "-0.5");
  EXPECT_EQ(Field("-12"), "-12");
  EXPECT_EQ(Field("-"), "\"'-\"");
  EXPECT_EQ(Field("-1.2.3"), "\"'-1.2.3\"");
}

TEST(Csv, RowsEndInCrlf) {
  std::string out;
  AppendCsvRow(out, {"id", std::nullopt, "a,b"});
  EXPECT_EQ(out, "id,,\"a,b\"\r\n");
}

}  // namespace
}  // namespace converza
