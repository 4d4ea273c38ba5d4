// `converza seed`: the demo tenant — organisation, a manager and an internal admin who can sign
// in, three agents, a provisioned sandbox number ringing them all (a call there belongs to the
// agent who answers it) plus a direct line per agent, the default call script, and the
// Twilio sandbox account registered so its webhooks verify. Idempotent: re-running changes
// nothing that exists.
#include <crypt.h>

#include <cstdio>
#include <iterator>

#include "analysis/script.h"
#include "cli/commands.h"
#include "common/strings.h"
#include "db/connection.h"
#include "http/message.h"
#include "twilio/platform.h"
#include "twilio/simulator/story.h"

namespace converza::cli {
namespace {

constexpr const char* kTenant = "de30de30-0000-4000-8000-000000000001";
// The demo manager's app_metadata: tenant_id (= kTenant) is the organisation her API requests
// are about.
constexpr const char* kManagerAppMetadata =
    R"({"provider":"email","providers":["email"],)"
    R"("tenant_id":"de30de30-0000-4000-8000-000000000001"})";

constexpr std::string_view kSeedTenant = R"sql(
  insert into tenants (id, name, slug, plan, plan_price_cents)
  select $1, 'Acme Home Services', 'acme', 'growth', price_cents from plans where key = 'growth'
  on conflict (id) do nothing)sql";

// Users live in auth.users exactly as Supabase's GoTrue stores them (bcrypt, cost 10).
constexpr std::string_view kSeedUser = R"sql(
  with u as (
    insert into auth.users (id, aud, role, email, encrypted_password, email_confirmed_at,
                            raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
    values ($1, 'authenticated', 'authenticated', $2, $3, now(), $4::jsonb, $5::jsonb, now(), now())
    on conflict (id) do nothing
    returning id, email)
  insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
  select u.id::text, u.id,
         jsonb_build_object('sub', u.id::text, 'email', u.email, 'email_verified', true,
                            'phone_verified', false),
         'email', now(), now()
    from u)sql";

constexpr std::string_view kSeedMember = R"sql(
  insert into members (tenant_id, user_id, role) values ($1, $2, 'owner')
  on conflict do nothing)sql";

// The demo's agents are the story's (twilio/simulator/story.h), so the agent `make demo`'s calls
// are attributed to is the one who speaks in them.
constexpr const char* kDemoAgentIds[] = {"a9e47000-0000-4000-8000-000000000001",
                                         "a9e47000-0000-4000-8000-000000000002",
                                         "a9e47000-0000-4000-8000-000000000003"};
constexpr std::string_view kSeedAgent = R"sql(
  insert into agents (tenant_id, id, name, phone, email) values ($1, $2, $3, $4, $5)
  on conflict do nothing)sql";

constexpr std::string_view kSeedNumber = R"sql(
  insert into phone_numbers (tenant_id, e164, twilio_sid, friendly_name, agent_id,
                             monthly_price_cents)
  values ($1, $2, 'PN' || md5($2), $3, nullif($4, '')::uuid, 100)
  on conflict (e164) do nothing)sql";

constexpr std::string_view kSeedScript = R"sql(
  insert into scripts (tenant_id, version, items) values ($1, 1, $2::jsonb)
  on conflict do nothing)sql";

constexpr std::string_view kSeedAccount = R"sql(
  insert into twilio_accounts (account_sid, auth_token) values ($1, $2)
  on conflict (account_sid) do update set auth_token = excluded.auth_token)sql";

std::string Bcrypt(const std::string& password) {
  char salt[CRYPT_GENSALT_OUTPUT_SIZE];
  if (!crypt_gensalt_rn("$2a$", 10, nullptr, 0, salt, sizeof salt)) return "";
  crypt_data data{};
  const char* hash = crypt_rn(password.c_str(), salt, &data, sizeof data);
  return (hash && hash[0] == '$') ? hash : "";
}

}  // namespace

const char* const kDemoNumber = "+14155550100";
const DirectLine kDemoDirectLines[3] = {{"+14155550110", "(415) 555-0110", kDemoAgentIds[0]},
                                        {"+14155550111", "(415) 555-0111", kDemoAgentIds[1]},
                                        {"+14155550112", "(415) 555-0112", kDemoAgentIds[2]}};
const char* const kDemoManagerEmail = "manager@acme.test";
const char* const kDemoAdminEmail = "admin@converza.test";
const char* const kDemoPassword = "converza-demo";

int Seed(const Config& config) {
  auto platform = twilio::ResolvePlatform(config);
  if (!platform.ok()) {
    std::fprintf(stderr, "seed: %s\n", platform.status().message().c_str());
    return 1;
  }
  std::string hash = Bcrypt(kDemoPassword);
  if (hash.empty()) {
    std::fprintf(stderr, "seed: bcrypt is unavailable in libcrypt\n");
    return 1;
  }
  std::string script = "[";
  for (const auto& item : analysis::DefaultScript()) {
    script += (script.size() > 1 ? "," : "") + std::string("{\"key\":\"") + JsonEscape(item.key) +
              "\",\"label\":\"" + JsonEscape(item.label) + "\",\"description\":\"" +
              JsonEscape(item.description) + "\"}";
  }
  script += "]";
  try {
    db::Connection c(config.database_url);
    db::Transaction tx(c);
    tx.exec(kSeedTenant, {kTenant});
    tx.exec(kSeedUser, {"de30de30-0000-4000-8000-00000000aaaa", kDemoManagerEmail, hash,
                        kManagerAppMetadata, R"({"name":"Dana Manager"})"});
    tx.exec(kSeedUser, {"de30de30-0000-4000-8000-00000000bbbb", kDemoAdminEmail, hash,
                        R"({"provider":"email","providers":["email"],"role":"admin"})",
                        R"({"name":"Converza Admin"})"});
    tx.exec(kSeedMember, {kTenant, "de30de30-0000-4000-8000-00000000aaaa"});
    const auto& agents = twilio::simulator::DemoStory().agents;
    for (std::size_t k = 0; k < agents.size() && k < std::size(kDemoAgentIds); ++k) {
      const std::string& name = agents[k].name;
      tx.exec(kSeedAgent, {kTenant, kDemoAgentIds[k], name, agents[k].phone,
                           AsciiLower(name.substr(0, name.find(' '))) + "@acme.test"});
    }
    tx.exec(kSeedNumber, {kTenant, kDemoNumber, "(415) 555-0100", ""});
    for (const auto& line : kDemoDirectLines) {
      tx.exec(kSeedNumber, {kTenant, line.number, line.friendly_name, line.agent_id});
    }
    tx.exec(kSeedScript, {kTenant, script});
    tx.exec(kSeedAccount, {platform->credentials.account_sid, platform->credentials.auth_token});
    tx.commit();
  } catch (const db::Error& e) {
    std::fprintf(stderr, "seed: %s\n", e.what());
    return 1;
  }
  std::printf(
      "seed: demo tenant \"Acme Home Services\" ready; number %s; manager %s; admin %s; "
      "password %s\n",
      kDemoNumber, kDemoManagerEmail, kDemoAdminEmail, kDemoPassword);
  return 0;
}

}  // namespace converza::cli
