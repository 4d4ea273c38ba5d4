// The versioned call script through the real server: latest, history, PUT adding a version
// (never rewriting one), body validation naming the field, and tenant isolation.
#include <boost/json.hpp>

#include "api/api_pgtest_fixture.h"

namespace converza::testing::rest {
namespace {

namespace json = boost::json;

class ScriptsTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    // Tenant A has not written its script yet; B keeps the fixture's (a late_checkout item).
    Sql("delete from public.scripts where tenant_id = $1", {kTenantA});
  }
};

TEST_F(ScriptsTest, NoScriptYetThenVersionsAccumulate) {
  EXPECT_EQ(GetAs("/api/v1/scripts", TokenA()).status, 404);
  auto none = json::parse(GetAs("/api/v1/scripts/versions", TokenA()).body);
  EXPECT_TRUE(none.at("versions").as_array().empty());

  auto v1 =
      Call("PUT", "/api/v1/scripts", TokenA(),
           R"({"items":[{"key":"greeting","label":"Greeting","description":"Names the company"},
                              {"key":"offer","label":"Offer"}]})");
  ASSERT_EQ(v1.status, 201) << v1.body;
  auto s1 = json::parse(v1.body);
  EXPECT_EQ(s1.at("version").to_number<int>(), 1);
  ASSERT_EQ(s1.at("items").as_array().size(), 2u);
  EXPECT_EQ(s1.at("items").at(0).at("key"), "greeting");
  EXPECT_EQ(s1.at("items").at(1).at("label"), "Offer");
  EXPECT_EQ(s1.at("items").at(1).at("description"), "");

  auto v2 = Call("PUT", "/api/v1/scripts", TokenA(),
                 R"({"items":[{"key":"closing","label":"Closing","description":"Says goodbye"}]})");
  ASSERT_EQ(v2.status, 201) << v2.body;
  EXPECT_EQ(json::parse(v2.body).at("version").to_number<int>(), 2);

  auto latest = json::parse(GetAs("/api/v1/scripts", TokenA()).body);
  EXPECT_EQ(latest.at("version").to_number<int>(), 2);
  EXPECT_EQ(latest.at("items").at(0).at("key"), "closing");
  EXPECT_TRUE(latest.at("created_at").is_string());

  auto versions = json::parse(GetAs("/api/v1/scripts/versions", TokenA()).body).at("versions");
  ASSERT_EQ(versions.as_array().size(), 2u);
  EXPECT_EQ(versions.at(0).at("version").to_number<int>(), 2);
  EXPECT_EQ(versions.at(0).at("items_count").to_number<int>(), 1);
  EXPECT_EQ(versions.at(1).at("items_count").to_number<int>(), 2);
  // Version 1 is still stored as it was.
  EXPECT_EQ(Sql("select jsonb_array_length(items) from public.scripts where tenant_id ="
                " 'aaaaaaaa-0000-4000-8000-000000000000' and version = 1")
                .get_int(0, 0),
            2);
  // B's script is B's alone.
  auto b = json::parse(GetAs("/api/v1/scripts", TokenB()).body);
  EXPECT_EQ(b.at("version").to_number<int>(), 1);
  EXPECT_EQ(GetAs("/api/v1/scripts", TokenA()).body.find("late_checkout"), std::string::npos);
}

TEST_F(ScriptsTest, BadBodiesAre400NamingTheField) {
  const std::pair<const char*, const char*> cases[] = {
      {"{}", "`items`"},
      {R"({"items":[]})", "`items`"},
      {R"({"items":"greeting"})", "`items`"},
      {R"({"items":[{"key":"Greeting","label":"G"}]})", "`items[0].key`"},
      {R"({"items":[{"key":"greeting"}]})", "`items[0].label`"},
      {R"({"items":[{"label":"G"}]})", "`items[0].key`"},
      {R"({"items":[{"key":"a","label":"A"},{"key":"a","label":"B"}]})", "`items[1].key`"},
      {R"({"items":[{"key":"a","label":"A","weight":3}]})", "`weight`"},
      {R"({"items":[{"key":"a","label":"A","description":7}]})", "`items[0].description`"},
      {R"({"items":[{"key":"a","label":"A"}],"version":9})", "`version`"},
      {"not json", "JSON object"},
  };
  for (const auto& [body, field] : cases) {
    auto r = Call("PUT", "/api/v1/scripts", TokenA(), body);
    EXPECT_EQ(r.status, 400) << body;
    EXPECT_NE(r.body.find(field), std::string::npos) << body << " -> " << r.body;
  }
  EXPECT_EQ(Sql("select count(*) from public.scripts where tenant_id ="
                " 'aaaaaaaa-0000-4000-8000-000000000000'")
                .get_int(0, 0),
            0);
  EXPECT_EQ(Call("PUT", "/api/v1/scripts", "", R"({"items":[{"key":"a","label":"A"}]})").status,
            401);
  EXPECT_EQ(GetAs("/api/v1/scripts?version=1", TokenA()).status, 400);
}

}  // namespace
}  // namespace converza::testing::rest
