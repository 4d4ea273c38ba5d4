// Comments at moments of a call through the real server: written as the caller, listed in
// recording order, bad bodies refused without a trace, deleted only by their author, and
// another tenant's call neither readable nor commentable.
#include <boost/json.hpp>

#include "api/api_pgtest_fixture.h"

namespace converza::testing::rest {
namespace {

namespace json = boost::json;

constexpr char kCallB1[] = "bbbbbbbb-ca11-4000-8000-000000000001";
constexpr char kOtherManagerA[] = "aaaaaaaa-1111-4000-8000-000000000009";

class CommentsTest : public ApiTest {
 protected:
  static std::string Path(const std::string& call) { return "/api/v1/calls/" + call + "/comments"; }
  long long Rows() { return Sql("select count(*) from public.call_comments").get_int(0, 0); }
};

TEST_F(CommentsTest, ManagersCommentAtMomentsAndSeeThemInRecordingOrder) {
  auto later =
      Call("POST", Path(kCallA1), TokenA(), R"({"at_ms":61000,"body":"  Good recovery "})");
  ASSERT_EQ(later.status, 201) << later.body;
  json::object made = json::parse(later.body).as_object();
  EXPECT_EQ(made.at("body").as_string(), "Good recovery");
  EXPECT_EQ(made.at("author_email").as_string(), "u@example.com");
  EXPECT_TRUE(made.at("mine").as_bool());
  ASSERT_EQ(
      Call("POST", Path(kCallA1), TokenA(), R"({"at_ms":1500,"body":"Rushed greeting"})").status,
      201);

  // A second manager of the same tenant sees both, in recording order, and that they are not
  // hers.
  Sql("insert into auth.users (id, email) values ($1::uuid, 'second@example.com')",
      {kOtherManagerA});
  Sql("insert into public.members (tenant_id, user_id) values ($1::uuid, $2::uuid)",
      {kTenantA, kOtherManagerA});
  auto list = GetAs(Path(kCallA1), Token(kOtherManagerA, kTenantA));
  ASSERT_EQ(list.status, 200) << list.body;
  json::array comments = json::parse(list.body).at("comments").as_array();
  ASSERT_EQ(comments.size(), 2u);
  EXPECT_EQ(comments[0].at("at_ms").as_int64(), 1500);
  EXPECT_EQ(comments[1].at("at_ms").as_int64(), 61000);
  EXPECT_FALSE(comments[0].at("mine").as_bool());
}

TEST_F(CommentsTest, BadBodiesAreRefusedAndStoreNothing) {
  const std::pair<std::string, std::string> cases[] = {
      {"not json", "JSON object"},
      {R"({"body":"no moment"})", "`at_ms` is required"},
      {R"({"at_ms":1000})", "`body` is required"},
      {R"({"at_ms":-1,"body":"x"})", "`at_ms`"},
      {R"({"at_ms":1.5,"body":"x"})", "`at_ms`"},
      {R"({"at_ms":1000,"body":"   "})", "`body`"},
      {R"({"at_ms":1000,"body":")" + std::string(2001, 'x') + "\"}", "`body`"},
      {R"({"at_ms":1000,"body":"x","author_email":"ceo@example.com"})", "unknown field"},
      // The call lasts 95 s.
      {R"({"at_ms":96000,"body":"after the end"})", "past the end"},
  };
  for (const auto& [body, message] : cases) {
    auto r = Call("POST", Path(kCallA1), TokenA(), body);
    EXPECT_EQ(r.status, 400) << body;
    EXPECT_NE(r.body.find(message), std::string::npos) << body << " -> " << r.body;
  }
  EXPECT_EQ(Rows(), 0);
}

TEST_F(CommentsTest, AnotherTenantsCallIsNotFoundAndItsCommentsStayPrivate) {
  ASSERT_EQ(Call("POST", Path(kCallB1), TokenB(), R"({"at_ms":5000,"body":"B only"})").status, 201);
  EXPECT_EQ(GetAs(Path(kCallB1), TokenA()).status, 404);
  EXPECT_EQ(Call("POST", Path(kCallB1), TokenA(), R"({"at_ms":5000,"body":"A was here"})").status,
            404);
  EXPECT_EQ(GetAs(Path("not-a-uuid"), TokenA()).status, 404);
  EXPECT_EQ(GetAs(Path(kCallA1), "").status, 401);
  EXPECT_EQ(Rows(), 1);
}

TEST_F(CommentsTest, OnlyTheAuthorDeletesAComment) {
  auto made = Call("POST", Path(kCallA1), TokenA(), R"({"at_ms":2000,"body":"mine"})");
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string id(json::parse(made.body).at("id").as_string());
  Sql("insert into auth.users (id, email) values ($1::uuid, 'second@example.com')",
      {kOtherManagerA});
  Sql("insert into public.members (tenant_id, user_id) values ($1::uuid, $2::uuid)",
      {kTenantA, kOtherManagerA});

  EXPECT_EQ(Call("DELETE", Path(kCallA1) + "/" + id, Token(kOtherManagerA, kTenantA)).status, 404);
  EXPECT_EQ(Call("DELETE", Path(kCallA1) + "/" + id, TokenB()).status, 404);
  EXPECT_EQ(Rows(), 1);
  EXPECT_EQ(Call("DELETE", Path(kCallA1) + "/" + id, TokenA()).status, 204);
  EXPECT_EQ(Rows(), 0);
  EXPECT_EQ(Call("DELETE", Path(kCallA1) + "/" + id, TokenA()).status, 404);
}

}  // namespace
}  // namespace converza::testing::rest
