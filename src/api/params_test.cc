#include "api/params.h"

#include <gtest/gtest.h>

namespace converza::api {
namespace {

http::Request WithQuery(std::string query) {
  http::Request req;
  req.query = std::move(query);
  return req;
}

// The 400's message, or "" when the query was valid.
std::string Problem(QueryParams& q) {
  auto bad = q.Finish();
  return bad ? bad->body : "";
}

TEST(QueryParamsRangeTest, BothEndsGivenAndThePeriodBefore) {
  auto req = WithQuery("from=2025-03-01&to=2025-03-10");
  QueryParams q(req);
  auto r = q.Range(31);
  EXPECT_EQ(Problem(q), "");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->from, "2025-03-01");
  EXPECT_EQ(r->to, "2025-03-10");
  EXPECT_EQ(r->days, 10);
  EXPECT_EQ(r->previous_from, "2025-02-19");
  EXPECT_EQ(r->previous_to, "2025-02-28");
}

TEST(QueryParamsRangeTest, MissingEndsAreTodayAndTheThirtyDaysBefore) {
  auto req = WithQuery("");
  QueryParams q(req);
  auto r = q.Range(731);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->to, TodayUtc());
  EXPECT_EQ(r->days, 30);
  auto only_to = WithQuery("to=2024-03-01");
  QueryParams q2(only_to);
  EXPECT_EQ(q2.Range(731)->from, "2024-02-01");  // 29 days before, in a leap year
}

TEST(QueryParamsRangeTest, BackwardsOrTooLongIsA400AfterEachParametersOwnProblem) {
  auto backwards = WithQuery("from=2025-03-10&to=2025-03-01");
  QueryParams q(backwards);
  EXPECT_FALSE(q.Range(731));
  EXPECT_NE(Problem(q).find("`from` must not be after `to`"), std::string::npos);

  auto too_long = WithQuery("from=2025-01-01&to=2025-03-01");
  QueryParams q2(too_long);
  EXPECT_FALSE(q2.Range(31));
  EXPECT_NE(Problem(q2).find("`from` must be at most 31 days before `to`"), std::string::npos);

  auto both = WithQuery("from=2025-03-10&to=2025-03-01&limit=0&typo=1");
  QueryParams q3(both);
  q3.Range(731);
  q3.Int("limit", 1, 100);
  EXPECT_NE(Problem(q3).find("`limit`"), std::string::npos);
  auto unknown = WithQuery("from=2025-03-10&to=2025-03-01&typo=1");
  QueryParams q4(unknown);
  q4.Range(731);
  EXPECT_NE(Problem(q4).find("unknown query parameter `typo`"), std::string::npos);

  auto bad_date = WithQuery("from=2025-02-30");
  QueryParams q5(bad_date);
  q5.Range(731);
  EXPECT_NE(Problem(q5).find("`from` must be a date as YYYY-MM-DD"), std::string::npos);
}

}  // namespace
}  // namespace converza::api
