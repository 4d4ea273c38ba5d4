// The two-tenant fixture (two_tenants.sql beside this file, where the whole cast is described):
// the ids and values tests refer to, and a loader. The pgTAP tests load the same file
// (db/tests/fixtures/two_tenants.psql), so a C++ test and an RLS test mean the same rows by the
// same ids.
#pragma once

#include "db/connection.h"

namespace converza::testing {

// Tenant A, Acme Plumbing (starter, paid): its manager (an owner), two agents, its main line and
// two calls — CAa1 analysed, CAa2 not processed yet.
inline constexpr char kTenantA[] = "aaaaaaaa-0000-4000-8000-000000000000";
inline constexpr char kManagerA[] = "aaaaaaaa-1111-4000-8000-000000000000";
inline constexpr char kAgentAnn[] = "aaaaaaaa-a6e0-4000-8000-000000000001";
inline constexpr char kAgentAbe[] = "aaaaaaaa-a6e0-4000-8000-000000000002";
inline constexpr char kAnnPhone[] = "+14155550001";
inline constexpr char kAbePhone[] = "+14155550002";
inline constexpr char kLineA[] = "+14155550100";
inline constexpr char kCallA1[] = "aaaaaaaa-ca11-4000-8000-000000000001";
inline constexpr char kCallA2[] = "aaaaaaaa-ca11-4000-8000-000000000002";
inline constexpr char kTrackerA[] = "aaaaaaaa-7ac0-4000-8000-000000000001";

// Tenant B, Bolt Hotels (growth, paid): its manager, one agent, its main line, one analysed call
// whose transcribe job is dead, and a Twilio subaccount of its own.
inline constexpr char kTenantB[] = "bbbbbbbb-0000-4000-8000-000000000000";
inline constexpr char kManagerB[] = "bbbbbbbb-1111-4000-8000-000000000000";
inline constexpr char kAgentBea[] = "bbbbbbbb-a6e0-4000-8000-000000000001";
inline constexpr char kBeaPhone[] = "+14155550003";
inline constexpr char kNumberB[] = "bbbbbbbb-fe00-4000-8000-000000000001";
inline constexpr char kLineB[] = "+14155550200";
inline constexpr char kCallB1[] = "bbbbbbbb-ca11-4000-8000-000000000001";
inline constexpr char kTrackerB[] = "bbbbbbbb-7ac0-4000-8000-000000000001";
inline constexpr char kAccountB[] = "ACbbbbbbbb000000000000000000000000";
inline constexpr char kAccountBToken[] = "bolt-auth-token";

// Users who belong to no tenant: the internal admin (app_metadata.role = admin) and someone who
// signed up and has no organisation yet.
inline constexpr char kAdmin[] = "adadadad-0000-4000-8000-000000000000";
inline constexpr char kOutsider[] = "eeeeeeee-0000-4000-8000-000000000000";

// The platform's Twilio account, which may act for every tenant.
inline constexpr char kPlatformAccount[] = "AC00000000000000000000000000000001";
inline constexpr char kPlatformToken[] = "platform-auth-token";

// Runs two_tenants.sql on `conn`'s database as its owner (throws db::Error if it fails).
void LoadTwoTenants(db::Connection& conn);

}  // namespace converza::testing
