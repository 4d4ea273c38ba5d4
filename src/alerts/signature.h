// The signature of an outgoing alert webhook (docs/alerts.md), so a receiver can tell the POST
// came from Converza and was not replayed: the request carries
//   X-Converza-Timestamp: <unix seconds>
//   X-Converza-Signature: v1=<lower-case hex HMAC-SHA256 over "<timestamp>.<body>">
// keyed with the rule's secret. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace converza::alerts {

inline constexpr std::string_view kTimestampHeader = "X-Converza-Timestamp";
inline constexpr std::string_view kSignatureHeader = "X-Converza-Signature";

// The X-Converza-Signature value: "v1=" and 64 hex digits.
std::string WebhookSignature(std::string_view secret, long long timestamp, std::string_view body);

}  // namespace converza::alerts
