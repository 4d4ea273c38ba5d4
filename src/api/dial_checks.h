// The dial policy (twilio/dial_policy.h) as the API applies it: a tenant's own country comes from
// its active numbers, read in the request's transaction (as the caller under RLS, which shows a
// manager their own numbers, or on the server's own role). Used where a phone number that the
// platform will dial or buy is written: agents' phones and number purchases.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/context.h"
#include "db/connection.h"

namespace converza::api {

// The E.164 numbers of `tenant_id` whose status is active.
std::vector<std::string> ActiveNumbers(db::Transaction& tx, const std::string& tenant_id);

// Why `e164` may not be dialled for `tenant_id` (a sentence naming the number and the countries
// allowed), or nullopt when it may.
std::optional<std::string> RefusedDestination(const ApiContext& ctx, db::Transaction& tx,
                                              const std::string& tenant_id,
                                              const std::string& e164);

}  // namespace converza::api
