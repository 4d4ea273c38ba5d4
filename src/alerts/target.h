// Where a webhook may be sent: a manager types the URL, and the worker that posts it sits inside
// our network, so a URL naming a loopback, private, link-local (cloud metadata) or otherwise
// non-public address would let a tenant make the worker call internal services. The sender
// resolves the host first and refuses such targets unless the deployment allows them
// (ALERT_WEBHOOKS_ALLOW_PRIVATE=1: development, tests, a receiver on the same network).
// The HTTP client resolves again when it connects, so a name whose answer changes in between
// (DNS rebinding) is not stopped here; a deployment that must be sure restricts the worker's
// egress as well. Thread-safe.
#pragma once

#include <string_view>

#include "common/status.h"

struct sockaddr;

namespace converza::alerts {

// True for a unicast address on the public Internet (not loopback, RFC 1918, CGNAT, link-local,
// unique-local, multicast, unspecified, documentation or reserved ranges; IPv4-mapped IPv6
// judged by its IPv4 address).
bool IsPublicAddress(const sockaddr* address);

// Ok when every address the URL's host resolves to is public; InvalidArgument (naming the host,
// never the URL) otherwise; Unavailable when the name does not resolve.
Status CheckPublicTarget(std::string_view url);

}  // namespace converza::alerts
