#include "http/router.h"

#include <map>

#include "http/reply.h"

namespace converza::http {
namespace {

std::vector<std::string> Split(std::string_view path) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    auto j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    out.emplace_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

bool Matches(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
             std::map<std::string, std::string>* params) {
  if (pattern.size() != path.size()) return false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const auto& p = pattern[i];
    if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
      if (params) (*params)[p.substr(1, p.size() - 2)] = path[i];
    } else if (p != path[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

Handler Router::Wrap(Handler h) const {
  return [hooks = hooks_, h = std::move(h)](Request& req) {
    std::optional<Response> early;
    for (const auto& before : hooks->before) {
      if ((early = before(req))) break;
    }
    Response res = early ? std::move(*early) : h(req);
    if (res.pending) {  // the after hooks see the real response when it comes
      res.pending->Then([hooks, &req](Response& later) {
        for (const auto& after : hooks->after) after(req, later);
      });
      return res;
    }
    for (const auto& after : hooks->after) after(req, res);
    return res;
  };
}

void Router::Add(std::string method, std::string pattern, Handler handler) {
  auto segments = Split(pattern);
  routes_.push_back(
      {std::move(method), std::move(pattern), std::move(segments), Wrap(std::move(handler))});
}

Router::Match Router::Find(Request& req) const {
  Match m;
  auto path = Split(req.path);
  std::string allow;
  for (const auto& r : routes_) {
    if (!Matches(r.segments, path, nullptr)) continue;
    bool method_ok = r.method == req.method || (req.method == "HEAD" && r.method == "GET");
    if (method_ok) {
      Matches(r.segments, path, &req.params);
      m.handler = &r.handler;
      m.route = r.pattern;
      return m;
    }
    if (allow.find(r.method) == std::string::npos) allow += (allow.empty() ? "" : ", ") + r.method;
    if (req.method == "OPTIONS" && !hooks_->before.empty()) {
      m.handler = &options_;
      m.route = r.pattern;
      return m;
    }
  }
  if (!allow.empty()) {
    m.allow = allow;
    m.route = req.path;
    return m;
  }
  if (fallback_ && (req.method == "GET" || req.method == "HEAD")) {
    m.handler = &wrapped_fallback_;
    m.route = "static";
  }
  return m;
}

}  // namespace converza::http
