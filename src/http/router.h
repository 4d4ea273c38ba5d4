// Router: maps (method, path) to a handler. Patterns are literal segments or `{name}`
// placeholders, e.g. "/api/v1/calls/{id}". Not thread-safe to modify; routes are all added
// before the server starts, after which lookups are read-only and safe from any thread.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "http/message.h"

namespace converza::http {

// Handlers run on the server's handler threads and may block (e.g. on the database). One that
// would only wait for another thread's answer returns a Response from ReplyLater() instead
// (http/reply.h).
using Handler = std::function<Response(Request&)>;

class Router {
 public:
  void Add(std::string method, std::string pattern, Handler handler);
  void Get(std::string pattern, Handler h) { Add("GET", std::move(pattern), std::move(h)); }
  void Post(std::string pattern, Handler h) { Add("POST", std::move(pattern), std::move(h)); }
  // Used for GET/HEAD requests no route matches (the dashboard's static files).
  void SetFallback(Handler h) {
    fallback_ = std::move(h);
    wrapped_fallback_ = Wrap(fallback_);
  }

  // Middleware, run in the order added, on the handler threads around every route and the
  // fallback (also routes added before the hook). A `before` hook that returns a Response
  // answers the request instead of the handler (rate limits, CORS preflight); `after` hooks see
  // every response a handler or before hook produced (e.g. to add CORS headers). Once a before
  // hook exists, OPTIONS on a routed path reaches the hooks (a CORS preflight) and, when none
  // answers, gets 204. Hooks are added before the server starts, like routes.
  using Before = std::function<std::optional<Response>(Request&)>;
  using After = std::function<void(const Request&, Response&)>;
  void AddBefore(Before hook) { hooks_->before.push_back(std::move(hook)); }
  void AddAfter(After hook) { hooks_->after.push_back(std::move(hook)); }

  struct Match {
    const Handler* handler = nullptr;  // null: no route
    std::string route;                 // the pattern, used as the metrics label
    std::string allow;                 // when the path matched but not the method: "GET, POST"
  };
  // Fills req.params on a match.
  Match Find(Request& req) const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
  };
  struct Hooks {
    std::vector<Before> before;
    std::vector<After> after;
  };
  [[nodiscard]] Handler Wrap(Handler h) const;

  std::vector<Route> routes_;
  Handler fallback_;
  Handler wrapped_fallback_;
  std::shared_ptr<Hooks> hooks_ = std::make_shared<Hooks>();  // shared with wrapped handlers
  Handler options_ = Wrap([](Request&) { return Response::Text(204, ""); });
};

}  // namespace converza::http
