// Live dashboard events travel as PostgreSQL NOTIFY, one channel per tenant, so a dashboard hears
// about its own tenant's new calls and insights only. The webhooks (call.created) and the analyze
// stage (insight.ready) send; api::EventHub listens. The name is defined here once for all three.
#pragma once

#include <string>
#include <string_view>

namespace converza {

// The channel is this prefix followed by the tenant's id (a lower-case UUID).
inline constexpr std::string_view kLiveEventChannelPrefix = "converza_tenant_";

inline std::string LiveEventChannel(std::string_view tenant_id) {
  return std::string(kLiveEventChannelPrefix).append(tenant_id);
}

}  // namespace converza
