#include "db/pool.h"

namespace converza::db {

Pool::Pool(std::string conninfo, int size, std::chrono::milliseconds wait)
    : conninfo_(std::move(conninfo)), size_(size), wait_(wait) {}

Pool::Lease Pool::acquire() {
  std::unique_lock lock(mu_);
  if (!cv_.wait_for(lock, wait_, [&] { return !idle_.empty() || open_ < size_; })) {
    throw Error("timed out waiting for a database connection", "08000");
  }
  while (!idle_.empty()) {
    auto c = std::move(idle_.back());
    idle_.pop_back();
    // A connection the server closed while it sat idle (PostgreSQL restarted, or the backend
    // was terminated) has the server's goodbye and then EOF waiting on the socket: reading them
    // without blocking (two reads, one each) marks the connection bad, and it is replaced here
    // instead of failing the caller's first statement. A live idle connection reads nothing.
    if (PQconsumeInput(c->raw()) && PQconsumeInput(c->raw()) && c->healthy()) {
      return Lease(this, std::move(c));
    }
    --open_;
  }
  ++open_;
  lock.unlock();
  try {
    return Lease(this, std::make_unique<Connection>(conninfo_));
  } catch (...) {
    lock.lock();
    --open_;
    cv_.notify_one();
    throw;
  }
}

void Pool::release(std::unique_ptr<Connection> c) {
  bool reusable = c->healthy() && PQtransactionStatus(c->raw()) == PQTRANS_IDLE;
  if (!reusable) c.reset();  // closed before taking the lock
  std::lock_guard lock(mu_);
  if (reusable) {
    idle_.push_back(std::move(c));
  } else {
    --open_;
  }
  cv_.notify_one();
}

}  // namespace converza::db
