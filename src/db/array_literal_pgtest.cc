#include <gtest/gtest.h>

#include "db/array_literal.h"
#include "db/connection.h"
#include "test_cluster.h"

namespace converza::db {
namespace {

// PostgreSQL reads back exactly what was added, for text that array syntax gives meaning to.
TEST(ArrayLiteralTest, PostgresReadsBackEveryElementUnchanged) {
  testing::TestDatabase tdb;
  Connection c(tdb.conninfo());
  const std::vector<std::string> texts = {
      "plain",           "",           "NULL",       R"(a "quoted" word)", R"(back\slash)",
      "{braces,commas}", "  spaces  ", "caf\xc3\xa9"};
  ArrayLiteral a;
  for (const auto& t : texts) a.Add(t);
  auto rows =
      c.exec("select e, e is null from unnest($1::text[]) with ordinality as u(e, n) order by n",
             {a.str()});
  ASSERT_EQ(rows.size(), static_cast<int>(texts.size()));
  for (int i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows.get(i, 0), texts[static_cast<std::size_t>(i)]);
    EXPECT_FALSE(rows.get_bool(i, 1)) << "a quoted NULL is the text NULL";
  }

  ArrayLiteral n;
  n.Add(std::int64_t{1});
  n.Add(std::int64_t{-9000000000});
  EXPECT_EQ(c.exec("select sum(x)::text from unnest($1::bigint[]) as x", {n.str()}).get(0, 0),
            "-8999999999");
  EXPECT_EQ(c.exec("select cardinality($1::uuid[])", {ArrayLiteral().str()}).get_int(0, 0), 0);
}

}  // namespace
}  // namespace converza::db
