// Phone numbers (Twilio's AvailablePhoneNumberLocal and IncomingPhoneNumber resources): a
// deterministic US inventory to search and buy from, and the account's numbers to list, read,
// update and release. Twilio's test-credential magic numbers are imitated: +15005550000 is not
// available (21422), +15005550001 is invalid (21421), area code 533 has no numbers.
#pragma once

#include "twilio/sandbox/handler.h"

namespace converza::twilio::sandbox {

// GET …/AvailablePhoneNumbers/US/Local.json?AreaCode=&PageSize= (at most 30).
http::Response SearchNumbers(const Sandbox& sandbox, http::Request& req);
// POST …/IncomingPhoneNumbers.json with PhoneNumber or AreaCode, and the writable fields.
http::Response BuyNumber(const Sandbox& sandbox, http::Request& req);
// GET …/IncomingPhoneNumbers.json[?PhoneNumber=], paged.
http::Response ListNumbers(const Sandbox& sandbox, http::Request& req);
// …/IncomingPhoneNumbers/PN….json: GET, POST (update the writable fields), DELETE (release).
http::Response GetNumber(const Sandbox& sandbox, http::Request& req);
http::Response UpdateNumber(const Sandbox& sandbox, http::Request& req);
http::Response ReleaseNumber(const Sandbox& sandbox, http::Request& req);

}  // namespace converza::twilio::sandbox
