// RunSync: runs one client coroutine (e.g. a twilio::RestClient call) to completion on a private
// event loop, for callers on blocking threads — request handlers and tests. Includes Asio, so only
// translation units that already call coroutine APIs include it.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <exception>
#include <optional>
#include <utility>

namespace converza::http {

template <typename T>
T RunSync(boost::asio::awaitable<T> op) {
  boost::asio::io_context ioc;
  std::optional<T> out;
  boost::asio::co_spawn(
      ioc, [&]() -> boost::asio::awaitable<void> { out.emplace(co_await std::move(op)); },
      [](std::exception_ptr e) {
        if (e) std::rethrow_exception(e);
      });
  ioc.run();
  return std::move(*out);
}

}  // namespace converza::http
