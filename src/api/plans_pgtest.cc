// GET /api/v1/plans through the real server: the price list in display order, for anyone (no
// token needed: the landing page shows it), exactly what public.plans holds.
#include <boost/json.hpp>

#include "api/api_pgtest_fixture.h"

namespace converza::testing::rest {
namespace {

namespace json = boost::json;

class PlansTest : public ApiTest {};

TEST_F(PlansTest, ThePriceListIsPublicAndComesFromTheTable) {
  auto r = GetAs("/api/v1/plans", "");
  ASSERT_EQ(r.status, 200) << r.body;
  auto plans = json::parse(r.body).at("plans").as_array();
  ASSERT_EQ(plans.size(), 3u);
  EXPECT_EQ(plans[0].at("key"), "starter");
  EXPECT_EQ(plans[0].at("name"), "Starter");
  EXPECT_EQ(plans[0].at("price_cents").to_number<int>(), 9900);
  EXPECT_EQ(plans[0].at("max_agents").to_number<int>(), 5);
  EXPECT_EQ(plans[1].at("key"), "growth");
  EXPECT_EQ(plans[2].at("key"), "scale");
  EXPECT_TRUE(plans[2].at("max_agents").is_null());  // unlimited
  EXPECT_FALSE(std::string(plans[2].at("summary").as_string()).empty());

  // Signed in, the same list; a price changed in the table is what everyone sees.
  Sql("update public.plans set price_cents = 31900 where key = 'growth'");
  EXPECT_EQ(GetAs("/api/v1/plans", TokenA()).body, GetAs("/api/v1/plans", "").body);
  EXPECT_EQ(json::parse(GetAs("/api/v1/plans", TokenAdmin()).body)
                .at("plans")
                .at(1)
                .at("price_cents")
                .to_number<int>(),
            31900);

  auto bad = GetAs("/api/v1/plans?sort=price", "");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("\"error\""), std::string::npos) << bad.body;
}

}  // namespace
}  // namespace converza::testing::rest
