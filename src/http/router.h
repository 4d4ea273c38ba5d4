// Router: maps (method, path) to a handler. Patterns are literal segments or `{name}`
// placeholders, e.g. "/api/v1/calls/{id}". Not thread-safe to modify; routes are all added
// before the server starts, after which lookups are read-only and safe from any thread.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/message.h"

namespace converza::http {

// Handlers run on the server's handler threads and may block (e.g. on the database).
using Handler = std::function<Response(Request&)>;

class Router {
 public:
  void Add(std::string method, std::string pattern, Handler handler);
  void Get(std::string pattern, Handler h) { Add("GET", std::move(pattern), std::move(h)); }
  void Post(std::string pattern, Handler h) { Add("POST", std::move(pattern), std::move(h)); }
  // Used for GET/HEAD requests no route matches (the dashboard's static files).
  void SetFallback(Handler h) { fallback_ = std::move(h); }

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
  std::vector<Route> routes_;
  Handler fallback_;
};

}  // namespace converza::http
