// Reply: answering a request later, from another thread. A handler whose answer depends on
// something slow that is not its own work (a webhook waiting for its group commit) returns the
// Response from ReplyLater() at once and hands the Reply to whoever will have the answer. The
// server sends the response when the Reply is used, so no handler thread sits blocked meanwhile
// and the number of requests waiting is not capped by the handler threads.
//
// Exactly one Send() or Fail() takes effect; later calls are ignored. When the last copy of a
// Reply is destroyed unanswered the client gets a 500, so a lost callback never hangs a request.
// Thread-safe. Free of Boost, like message.h.
#pragma once

#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "http/message.h"

namespace converza::http {

// The answer a request is waiting for; shared by the server and the Reply.
class PendingResponse {
 public:
  // Server side: `ready` runs once, on the thread that answers (at once if already answered).
  void OnReady(std::function<void()> ready);
  // Runs `f` on the response when the server takes it (the router's after hooks).
  void Then(std::function<void(Response&)> f);
  // The answer, after `ready` ran; rethrows what Fail() was given.
  Response Take();

  // Reply side: records the answer (a response or an exception); false when already answered.
  bool Finish(std::optional<Response> response, std::exception_ptr error);

 private:
  std::mutex mu_;
  bool done_ = false;
  std::optional<Response> response_;
  std::exception_ptr error_;
  std::function<void()> ready_;
  std::vector<std::function<void(Response&)>> then_;
};

class Reply {
 public:
  explicit Reply(std::shared_ptr<PendingResponse> pending);
  void Send(Response response) const;
  // Answers as if the handler had thrown `error` (a lost database becomes 503, and so on).
  void Fail(std::exception_ptr error) const;

 private:
  struct Owner {
    std::shared_ptr<PendingResponse> pending;
    ~Owner();
  };
  std::shared_ptr<Owner> owner_;
};

// A response to return from a handler now, and the Reply that completes it later.
std::pair<Response, Reply> ReplyLater();

}  // namespace converza::http
