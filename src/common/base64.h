// Standard base64 (RFC 4648, with padding) on top of OpenSSL's block codec: HTTP Basic auth,
// Twilio signatures, audio carried in JSON. One implementation for the whole project.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace converza {

std::string Base64Encode(std::string_view data);
// Ignores line breaks and spaces; InvalidArgument when the rest is not base64.
Result<std::string> Base64Decode(std::string_view text);
// The URL-safe alphabet without padding (RFC 4648 §5), as JWTs use it.
std::string Base64UrlEncode(std::string_view data);
Result<std::string> Base64UrlDecode(std::string_view text);

}  // namespace converza
