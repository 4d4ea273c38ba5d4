#include "http/reply.h"

#include <stdexcept>

namespace converza::http {

void PendingResponse::OnReady(std::function<void()> ready) {
  {
    std::lock_guard lock(mu_);
    if (!done_) {
      ready_ = std::move(ready);
      return;
    }
  }
  ready();
}

void PendingResponse::Then(std::function<void(Response&)> f) {
  std::lock_guard lock(mu_);
  then_.push_back(std::move(f));
}

Response PendingResponse::Take() {
  std::unique_lock lock(mu_);
  if (error_) std::rethrow_exception(error_);
  Response r = std::move(*response_);
  auto then = std::move(then_);
  lock.unlock();
  for (auto& f : then) f(r);
  return r;
}

bool PendingResponse::Finish(std::optional<Response> response, std::exception_ptr error) {
  std::function<void()> ready;
  {
    std::lock_guard lock(mu_);
    if (done_) return false;
    done_ = true;
    response_ = std::move(response);
    error_ = error;
    ready = std::move(ready_);
  }
  if (ready) ready();
  return true;
}

Reply::Reply(std::shared_ptr<PendingResponse> pending) : owner_(std::make_shared<Owner>()) {
  owner_->pending = std::move(pending);
}

Reply::Owner::~Owner() {
  if (pending) {
    pending->Finish(std::nullopt,
                    std::make_exception_ptr(std::logic_error("the reply was dropped unanswered")));
  }
}

void Reply::Send(Response response) const { owner_->pending->Finish(std::move(response), {}); }

void Reply::Fail(std::exception_ptr error) const { owner_->pending->Finish(std::nullopt, error); }

std::pair<Response, Reply> ReplyLater() {
  auto pending = std::make_shared<PendingResponse>();
  Response r;
  r.pending = pending;
  return {std::move(r), Reply(std::move(pending))};
}

}  // namespace converza::http
