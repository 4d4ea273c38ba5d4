#include "db/sql_text.h"

#include <gtest/gtest.h>

namespace converza::db {
namespace {

constexpr SqlText kShape = "json_build_object('id', id)";

TEST(SqlTextTest, JoinsAtCompileTime) {
  static constexpr std::string_view kSelect = kSql<"select ", kShape, " from t">;
  static_assert(kSelect == "select json_build_object('id', id) from t");
  EXPECT_EQ(kSelect.size(), std::string_view("select json_build_object('id', id) from t").size());
  // The characters end in a NUL, as a literal's do, for APIs that take a C string.
  EXPECT_EQ(kSelect.data()[kSelect.size()], '\0');
  static_assert(kSql<kShape> == "json_build_object('id', id)");
}

}  // namespace
}  // namespace converza::db
