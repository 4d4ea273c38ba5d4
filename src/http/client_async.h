// Coroutine API of the outbound HTTP client (see client.h for the contract). Includes Asio, so
// only translation units that already run on an Asio event loop (workers, simulator) use it.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "http/client.h"

namespace converza::http {

boost::asio::awaitable<Result<ClientResponse>> AsyncFetch(ClientRequest request);

}  // namespace converza::http
