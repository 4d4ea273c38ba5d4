// db::Pool: a bounded set of connections shared by handler and worker threads. Thread-safe.
//
// Connections are opened lazily up to `size`; acquire() waits at most `wait` for one to come
// free and throws db::Error (connection-class SQLSTATE, so callers answer 503) when none does.
// A connection that broke while leased is dropped on release, and one the server closed while
// it sat idle is dropped on acquire; either is replaced on demand, so the pool heals by itself
// after a PostgreSQL restart without failing requests on stale connections.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "db/connection.h"

namespace converza::db {

class Pool {
 public:
  Pool(std::string conninfo, int size, std::chrono::milliseconds wait = std::chrono::seconds(5));
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // Exclusive use of one connection until destroyed.
  class Lease {
   public:
    Lease(Pool* pool, std::unique_ptr<Connection> c) : pool_(pool), c_(std::move(c)) {}
    Lease(Lease&&) = default;
    ~Lease() {
      if (c_) pool_->release(std::move(c_));
    }
    Connection& operator*() { return *c_; }
    Connection* operator->() { return c_.get(); }

   private:
    Pool* pool_;
    std::unique_ptr<Connection> c_;
  };

  Lease acquire();
  [[nodiscard]] const std::string& conninfo() const { return conninfo_; }

 private:
  void release(std::unique_ptr<Connection> c);

  const std::string conninfo_;
  const int size_;
  const std::chrono::milliseconds wait_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;  // leased + idle
};

}  // namespace converza::db
