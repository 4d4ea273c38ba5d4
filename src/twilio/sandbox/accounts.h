// Subaccounts (the 2010-04-01 Account resource): a tenant's own Twilio account, made by the
// sandbox's main account, with its own auth token and numbers. Only creation is served.
#pragma once

#include "twilio/sandbox/handler.h"

namespace converza::twilio::sandbox {

// POST /2010-04-01/Accounts.json (FriendlyName): 201 with the account and its auth token; 403
// for a subaccount (only a main account may make one).
http::Response CreateAccount(const Sandbox& sandbox, http::Request& req);

}  // namespace converza::twilio::sandbox
