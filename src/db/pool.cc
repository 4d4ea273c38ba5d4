#include "db/pool.h"

namespace converza::db {

Pool::Pool(std::string conninfo, int size, std::chrono::milliseconds wait)
    : conninfo_(std::move(conninfo)), size_(size), wait_(wait) {}

Pool::Lease Pool::acquire() {
  std::unique_lock lock(mu_);
  if (!cv_.wait_for(lock, wait_, [&] { return !idle_.empty() || open_ < size_; })) {
    throw Error("timed out waiting for a database connection", "08000");
  }
  if (!idle_.empty()) {
    auto c = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(c));
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
