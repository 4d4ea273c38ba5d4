// Blocking(pool, f): runs a blocking function (a database call, CPU-heavy analysis) on a thread
// pool and resumes the calling coroutine on its own executor with the result, so the event loop
// that multiplexes hundreds of provider requests never stalls. Exceptions propagate.
#pragma once

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <type_traits>

namespace converza::pipeline {

template <typename F>
auto Blocking(boost::asio::thread_pool& pool, F f)
    -> boost::asio::awaitable<std::invoke_result_t<F>> {
  using R = std::invoke_result_t<F>;
  co_return co_await boost::asio::co_spawn(
      pool, [f = std::move(f)]() mutable -> boost::asio::awaitable<R> { co_return f(); },
      boost::asio::use_awaitable);
}

}  // namespace converza::pipeline
