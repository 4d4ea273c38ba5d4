// TenantGate: a cap on one tenant's requests in flight of one kind, so shared capacity is not
// one tenant's to take whole: the handler threads a recording download or a number search holds
// while Twilio answers, and the server's live-update streams (MAX_SSE_CLIENTS). Entering never
// waits: a full gate answers 429 with Retry-After and the work is not started. Thread-safe.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "http/message.h"

namespace converza::api {

class TenantGate {
 public:
  // `what` names the work in the 429's message ("live-update streams").
  TenantGate(int per_tenant, std::string what);

  // Held while the work runs; leaving the scope (or the last copy going) frees the place.
  using Pass = std::shared_ptr<void>;
  // A pass, or the 429 to answer when `tenant` already has `per_tenant` in flight.
  std::optional<Pass> Enter(const std::string& tenant, http::Response* refused);

  int in_flight(const std::string& tenant) const;

 private:
  void Leave(const std::string& tenant);

  const int per_tenant_;
  const std::string what_;
  mutable std::mutex mu_;
  std::map<std::string, int> in_flight_;
};

// The caps ApiContext carries (RECORDING_STREAMS_PER_TENANT, NUMBER_SEARCHES_PER_TENANT,
// MAX_SSE_CLIENTS_PER_TENANT, EXPORTS_PER_TENANT: a CSV export holds a database connection of the
// server's pool until its last row is sent).
struct TenantGates {
  TenantGate recordings, number_searches, live_streams, exports;
};

}  // namespace converza::api
