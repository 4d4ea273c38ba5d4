#include "alerts/signature.h"

#include "common/hmac.h"

namespace converza::alerts {

std::string WebhookSignature(std::string_view secret, long long timestamp, std::string_view body) {
  std::string signed_text = std::to_string(timestamp);
  signed_text += '.';
  signed_text += body;
  return "v1=" + HexLower(HmacSha256(secret, signed_text));
}

}  // namespace converza::alerts
