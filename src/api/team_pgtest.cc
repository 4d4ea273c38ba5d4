// The team API through the real server: invitations created, listed and revoked by managers
// only and per tenant; accepting with the link's secret as the invited address; and a viewer who
// reads everything and changes nothing (403 read_only from the API, not only hidden buttons).
#include <boost/json.hpp>

#include "api/api_pgtest_fixture.h"

namespace converza::testing::rest {
namespace {

namespace json = boost::json;

using TeamTest = ApiTest;

TEST_F(TeamTest, ManagerInvitesListsAndRevokes) {
  auto created = Call("POST", "/api/v1/invitations", TokenA(),
                      R"({"email":" Sam@Example.com ","role":"viewer"})");
  ASSERT_EQ(created.status, 201) << created.body;
  auto inv = json::parse(created.body);
  EXPECT_EQ(inv.at("email"), "sam@example.com");
  EXPECT_EQ(inv.at("role"), "viewer");
  const std::string id(inv.at("id").as_string());
  auto row =
      Sql("select role, token_hash ~ '^[0-9a-f]{64}$', invited_by::text from "
          "public.invitations where id = $1::uuid",
          {id});
  ASSERT_EQ(row.size(), 1);
  EXPECT_EQ(row.get(0, 0), "viewer");
  EXPECT_TRUE(row.get_bool(0, 1));
  EXPECT_EQ(row.get(0, 2), kManagerA);

  auto team = json::parse(GetAs("/api/v1/team", TokenA()).body);
  ASSERT_EQ(team.at("invitations").as_array().size(), 1u);
  EXPECT_EQ(team.at("invitations").at(0).at("email"), "sam@example.com");
  ASSERT_GE(team.at("members").as_array().size(), 1u);
  EXPECT_EQ(team.at("members").at(0).at("email"), "manager-a@example.com");
  EXPECT_EQ(team.at("members").at(0).at("role"), "owner");
  EXPECT_TRUE(
      json::parse(GetAs("/api/v1/team", TokenB()).body).at("invitations").as_array().empty());

  // Bad input changes nothing.
  EXPECT_EQ(
      Call("POST", "/api/v1/invitations", TokenA(), R"({"email":"x","role":"viewer"})").status,
      400);
  EXPECT_EQ(
      Call("POST", "/api/v1/invitations", TokenA(), R"({"email":"o@example.com","role":"owner"})")
          .status,
      400);
  EXPECT_EQ(Call("POST", "/api/v1/invitations", TokenA(),
                 R"({"email":"sam@example.com","role":"manager"})")
                .status,
            409);
  auto member = Call("POST", "/api/v1/invitations", TokenA(),
                     R"({"email":"manager-a@example.com","role":"viewer"})");
  EXPECT_EQ(member.status, 409);
  EXPECT_NE(member.body.find("already_member"), std::string::npos);
  EXPECT_EQ(Sql("select count(*) from public.invitations").get(0, 0), "1");

  // Only the tenant's managers revoke.
  EXPECT_EQ(Call("DELETE", "/api/v1/invitations/" + id, TokenB()).status, 404);
  EXPECT_EQ(Call("DELETE", "/api/v1/invitations/" + id, TokenA()).status, 204);
  EXPECT_EQ(Call("DELETE", "/api/v1/invitations/" + id, TokenA()).status, 404);
  EXPECT_TRUE(
      json::parse(GetAs("/api/v1/team", TokenA()).body).at("invitations").as_array().empty());
}

TEST_F(TeamTest, TheInvitedAddressAcceptsAndBecomesAViewerWhoChangesNothing) {
  Sql("insert into public.invitations (tenant_id, email, role, token_hash, invited_by) values "
      "($1, 'outsider@example.com', 'viewer', encode(sha256('link-secret'::bytea), 'hex'), $2)",
      {kTenantA, kManagerA});
  const std::string no_tenant = Token(kOutsider, "");
  // Not the invited address, a wrong secret, no secret: nothing happens.
  EXPECT_EQ(Call("POST", "/api/v1/invitations/accept", Token(kManagerB, kTenantB),
                 R"({"token":"link-secret"})")
                .status,
            404);
  EXPECT_EQ(Call("POST", "/api/v1/invitations/accept", no_tenant, R"({"token":"wrong"})").status,
            404);
  EXPECT_EQ(Call("POST", "/api/v1/invitations/accept", no_tenant, "{}").status, 400);
  EXPECT_EQ(Sql("select count(*) from public.members where user_id = $1", {kOutsider}).get(0, 0),
            "0");

  auto ok = Call("POST", "/api/v1/invitations/accept", no_tenant, R"({"token":"link-secret"})");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(json::parse(ok.body).at("tenant_id"), kTenantA);
  EXPECT_EQ(Sql("select role from public.members where tenant_id = $1 and user_id = $2",
                {kTenantA, kOutsider})
                .get(0, 0),
            "viewer");
  EXPECT_EQ(Sql("select raw_app_meta_data->>'tenant_id' from auth.users where id = $1", {kOutsider})
                .get(0, 0),
            kTenantA);
  EXPECT_EQ(
      Call("POST", "/api/v1/invitations/accept", no_tenant, R"({"token":"link-secret"})").status,
      404);

  // The viewer's refreshed token names tenant A.
  const std::string viewer = Token(kOutsider, kTenantA);
  auto me = json::parse(GetAs("/api/v1/me", viewer).body);
  EXPECT_EQ(me.at("tenant").at("role"), "viewer");
  EXPECT_EQ(GetAs("/api/v1/agents", viewer).status, 200);
  EXPECT_EQ(GetAs("/api/v1/calls", viewer).status, 200);
  EXPECT_EQ(GetAs("/api/v1/team", viewer).status, 200);

  const std::string before(
      Sql("select (select count(*) from public.agents) || '/' || (select count(*) from "
          "public.scripts) || '/' || (select count(*) from public.invitations)")
          .get(0, 0));
  for (auto [method, target, body] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"PUT", "/api/v1/scripts", R"({"items":[{"key":"greeting","label":"Greeting"}]})"},
           {"POST", "/api/v1/agents", R"({"name":"Eve","phone":"+14155550177"})"},
           {"PATCH", std::string("/api/v1/agents/") + kAgentAnn, R"({"name":"Changed"})"},
           {"DELETE", std::string("/api/v1/agents/") + kAgentAnn, ""},
           {"POST", "/api/v1/invitations", R"({"email":"friend@example.com","role":"manager"})"},
       }) {
    auto r = Call(method, target, viewer, body);
    EXPECT_EQ(r.status, 403) << method << " " << target << ": " << r.body;
    EXPECT_NE(r.body.find("read_only"), std::string::npos) << r.body;
  }
  EXPECT_EQ(Sql("select (select count(*) from public.agents) || '/' || (select count(*) from "
                "public.scripts) || '/' || (select count(*) from public.invitations)")
                .get(0, 0),
            before);
}

}  // namespace
}  // namespace converza::testing::rest
