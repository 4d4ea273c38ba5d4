// HMAC-SHA256 and lower-case hex: the one implementation behind HS256 tokens (auth/jwt.cc) and
// the signature of outgoing alert webhooks (alerts/signature.h).
#pragma once

#include <string>
#include <string_view>

namespace converza {

// The raw 32-byte MAC of `data` under `key`.
std::string HmacSha256(std::string_view key, std::string_view data);

// Lower-case hex of arbitrary bytes.
std::string HexLower(std::string_view bytes);

}  // namespace converza
