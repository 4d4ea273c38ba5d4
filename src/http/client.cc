#include "http/client.h"

#include <sys/socket.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>
#include <cerrno>
#include <charconv>
#include <map>
#include <mutex>
#include <optional>

#include "common/base64.h"
#include "common/strings.h"
#include "http/client_async.h"

namespace converza::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace ssl = asio::ssl;
using asio::ip::tcp;
constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);

namespace {

ssl::context& TlsContext() {
  static ssl::context ctx = [] {
    ssl::context c(ssl::context::tls_client);
    c.set_default_verify_paths();
    c.set_verify_mode(ssl::verify_peer);
    return c;
  }();
  return ctx;
}

struct Target {
  bool tls = false;
  std::string host, port, path;
};

Result<Target> ParseUrl(const std::string& url) {
  auto u = boost::urls::parse_uri(url);
  if (!u) return Status::InvalidArgument("not an absolute URL: " + url);
  Target t;
  if (u->scheme() == "https") {
    t.tls = true;
  } else if (u->scheme() != "http") {
    return Status::InvalidArgument("unsupported URL scheme in " + url);
  }
  t.host = std::string(u->encoded_host());
  if (t.host.size() > 2 && t.host.front() == '[') t.host = t.host.substr(1, t.host.size() - 2);
  t.port = u->has_port() ? std::string(u->port()) : (t.tls ? "443" : "80");
  t.path = std::string(u->encoded_path());
  if (t.path.empty()) t.path = "/";
  if (u->has_query()) t.path += "?" + std::string(u->encoded_query());
  return t;
}

// How one request on a connection went: the response, and what decides whether the connection
// is kept for the next request or, when it failed, whether the request may go again on a new one.
struct Exchanged {
  Result<ClientResponse> response = Status::Internal("no response");
  bool keep_alive = false;  // the response left the connection reusable
  bool wrote = false;       // some of the request reached the socket
  bool got_reply = false;   // some of a response came back
};

template <typename Stream>
asio::awaitable<Exchanged> Exchange(Stream& stream, beast::tcp_stream& tcp_layer,
                                    const ClientRequest& req, const Target& t,
                                    std::chrono::steady_clock::time_point deadline) {
  Exchanged x;
  // The body is sent from the caller's string, not copied: uploads can be tens of megabytes.
  bhttp::request<bhttp::span_body<const char>> out{bhttp::string_to_verb(req.method), t.path, 11};
  if (out.method() == bhttp::verb::unknown) out.method_string(req.method);
  bool default_port = (t.tls && t.port == "443") || (!t.tls && t.port == "80");
  out.set(bhttp::field::host, default_port ? t.host : t.host + ":" + t.port);
  out.set(bhttp::field::user_agent, "converza/" CONVERZA_VERSION);
  for (const auto& [k, v] : req.headers) out.set(k, v);
  out.body() = {req.body.data(), req.body.size()};
  if (!req.body.empty() || req.method == "POST" || req.method == "PUT" || req.method == "PATCH") {
    out.prepare_payload();
  }
  tcp_layer.expires_at(deadline);
  auto [wec, wn] = co_await bhttp::async_write(stream, out, kUseTuple);
  x.wrote = wn > 0;
  if (wec) {
    x.response = Status::Unavailable("sending to " + t.host + " failed: " + wec.message());
    co_return x;
  }

  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(req.max_body);
  if (req.method == "HEAD") parser.skip(true);
  tcp_layer.expires_at(deadline);
  auto [rec, rn] = co_await bhttp::async_read(stream, buffer, parser, kUseTuple);
  x.got_reply = parser.got_some() || buffer.size() > 0;
  if (rec) {
    x.response = Status::Unavailable("reading from " + t.host + " failed: " +
                                     (rec == beast::error::timeout ? "timed out" : rec.message()));
    co_return x;
  }
  auto& res = parser.get();
  x.keep_alive = res.keep_alive() && !parser.need_eof() && buffer.size() == 0;
  ClientResponse r;
  r.status = static_cast<int>(res.result_int());
  for (const auto& f : res) {
    r.headers.emplace_back(AsciiLower(f.name_string()), std::string(f.value()));
  }
  r.body = std::move(res.body());
  x.response = std::move(r);
  co_return x;
}

}  // namespace

std::string_view ClientResponse::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k == name) return v;
  }
  return {};
}

std::optional<std::chrono::milliseconds> ClientResponse::retry_after() const {
  for (auto [name, scale] : {std::pair{"retry-after-ms", 1}, std::pair{"retry-after", 1000}}) {
    auto v = header(name);
    double d = 0;
    if (!v.empty() && std::from_chars(v.data(), v.data() + v.size(), d).ec == std::errc() &&
        d >= 0) {
      return std::chrono::milliseconds(static_cast<long long>(d * scale));
    }
  }
  return std::nullopt;
}

namespace {

std::string Origin(const Target& t) {
  return (t.tls ? "https://" : "http://") + t.host + ":" + t.port;
}

// An open connection to one origin. Kept after a response that allows it (HTTP/1.1 keep-alive),
// so the next request there skips the DNS lookup and the TCP and TLS handshakes: to a provider
// far away each handshake is a round trip or two, and a TLS one costs CPU on both ends.
struct Connection {
  std::unique_ptr<beast::tcp_stream> plain;                   // http
  std::unique_ptr<beast::ssl_stream<beast::tcp_stream>> tls;  // https
  std::chrono::steady_clock::time_point idle_since;

  beast::tcp_stream& layer() { return tls ? beast::get_lowest_layer(*tls) : *plain; }

  // Whether the server may still read a request on it: it has not closed the connection (a
  // read would see the end) nor sent anything unasked (a close_notify, an error).
  bool LooksOpen() {
    char byte;
    const ssize_t n = ::recv(layer().socket().native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
  }
};

// The idle connections of one event loop, by origin: an Asio service, so they live and close
// with their io_context and are only ever used from its threads.
class IdleConnections : public asio::execution_context::service {
 public:
  // The names Asio looks a service up by.
  using key_type = IdleConnections;              // NOLINT(readability-identifier-naming)
  static inline asio::execution_context::id id;  // NOLINT(readability-identifier-naming)

  explicit IdleConnections(asio::execution_context& ctx) : service(ctx) {}

  // A connection a server would close soon (or has closed) is not worth the risk of a request
  // lost on it; servers commonly allow 5 to 75 s of idleness.
  static constexpr auto kMaxIdle = std::chrono::seconds(4);
  static constexpr std::size_t kMaxPerOrigin = 32;

  std::unique_ptr<Connection> Take(const std::string& origin) {
    std::lock_guard lock(mu_);
    auto it = idle_.find(origin);
    if (it == idle_.end()) return nullptr;
    auto& list = it->second;
    const auto now = std::chrono::steady_clock::now();
    while (!list.empty()) {
      std::unique_ptr<Connection> c = std::move(list.back());
      list.pop_back();
      if (now - c->idle_since < kMaxIdle && c->LooksOpen()) return c;
    }
    return nullptr;
  }

  void Give(const std::string& origin, std::unique_ptr<Connection> c) {
    const auto now = std::chrono::steady_clock::now();
    c->idle_since = now;
    std::lock_guard lock(mu_);
    // Connections to origins not asked again (a customer's webhook host) would otherwise stay
    // open for good: each return closes every connection idle too long, whatever its origin.
    for (auto it = idle_.begin(); it != idle_.end();) {
      std::erase_if(it->second, [&](const auto& k) { return now - k->idle_since >= kMaxIdle; });
      it = it->second.empty() ? idle_.erase(it) : std::next(it);
    }
    auto& list = idle_[origin];
    if (list.size() < kMaxPerOrigin) list.push_back(std::move(c));
  }

 private:
  void shutdown() override {
    std::lock_guard lock(mu_);
    idle_.clear();
  }

  std::mutex mu_;
  std::map<std::string, std::vector<std::unique_ptr<Connection>>> idle_;
};

// A new connection to `t`, through TLS for https.
asio::awaitable<Result<std::unique_ptr<Connection>>> Connect(
    const Target& t, std::chrono::steady_clock::time_point deadline) {
  auto ex = co_await asio::this_coro::executor;
  tcp::resolver::results_type endpoints;
  boost::system::error_code aec;
  if (auto ip = asio::ip::make_address(t.host, aec); !aec) {
    // An address needs no lookup (the resolver would hand it to a thread of its own).
    std::uint16_t port = 0;
    std::from_chars(t.port.data(), t.port.data() + t.port.size(), port);
    endpoints = tcp::resolver::results_type::create(tcp::endpoint(ip, port), t.host, t.port);
  } else {
    // The resolver has no deadline of its own: a timer cancels it.
    tcp::resolver resolver(ex);
    asio::steady_timer guard(ex, deadline);
    guard.async_wait([&resolver](beast::error_code ec) {
      if (!ec) resolver.cancel();
    });
    auto [rec, found] = co_await resolver.async_resolve(t.host, t.port, kUseTuple);
    guard.cancel();
    if (rec) co_return Status::Unavailable("cannot resolve " + t.host + ": " + rec.message());
    endpoints = std::move(found);
  }

  auto c = std::make_unique<Connection>();
  if (!t.tls) {
    c->plain = std::make_unique<beast::tcp_stream>(ex);
  } else {
    c->tls = std::make_unique<beast::ssl_stream<beast::tcp_stream>>(ex, TlsContext());
    if (!SSL_set_tlsext_host_name(c->tls->native_handle(), t.host.c_str())) {
      co_return Status::Unavailable("cannot set TLS server name for " + t.host);
    }
    c->tls->set_verify_callback(ssl::host_name_verification(t.host));
  }
  auto& layer = c->layer();
  layer.expires_at(deadline);
  auto [cec, ep] = co_await layer.async_connect(endpoints, kUseTuple);
  if (cec) {
    co_return Status::Unavailable("cannot connect to " + t.host + ":" + t.port + ": " +
                                  cec.message());
  }
  if (c->tls) {
    layer.expires_at(deadline);
    auto [hec] = co_await c->tls->async_handshake(ssl::stream_base::client, kUseTuple);
    if (hec) {
      co_return Status::Unavailable("TLS handshake with " + t.host + " failed: " + hec.message());
    }
  }
  co_return c;
}

// What may be sent again when a kept connection turns out closed under it, as browsers and Go's
// client decide: a request none of which was written, or one that is safe to repeat and got no
// reply. A POST that reached a server which then closed without answering may have been done.
bool MayResend(const ClientRequest& req, const Exchanged& x) {
  if (x.got_reply) return false;
  if (!x.wrote) return true;
  const std::string& m = req.method;
  return m == "GET" || m == "HEAD" || m == "OPTIONS" || m == "PUT" || m == "DELETE";
}

// One request, no redirects followed: on a kept connection to its origin when this event loop
// has one, else on a new one, kept afterwards when the response allows.
asio::awaitable<Result<ClientResponse>> FetchOnce(const ClientRequest& req) {
  auto target = ParseUrl(req.url);
  if (!target.ok()) co_return target.status();
  const Target& t = *target;
  auto ex = co_await asio::this_coro::executor;
  auto& idle = asio::use_service<IdleConnections>(asio::query(ex, asio::execution::context));
  const std::string origin = Origin(t);
  const auto deadline = std::chrono::steady_clock::now() + req.timeout;

  for (;;) {
    std::unique_ptr<Connection> c = idle.Take(origin);
    const bool kept = c != nullptr;
    if (!kept) {
      auto made = co_await Connect(t, deadline);
      if (!made.ok()) co_return made.status();
      c = std::move(*made);
    }
    // Not a conditional expression: GCC 12 destroys a co_await's result in one twice.
    Exchanged x;
    if (c->tls) {
      x = co_await Exchange(*c->tls, c->layer(), req, t, deadline);
    } else {
      x = co_await Exchange(*c->plain, c->layer(), req, t, deadline);
    }
    if (!x.response.ok() && kept && MayResend(req, x)) continue;  // on a new connection
    if (x.keep_alive) {
      idle.Give(origin, std::move(c));
    } else if (c->tls) {
      c->layer().expires_after(std::chrono::seconds(2));
      auto [sec] = co_await c->tls->async_shutdown(kUseTuple);
      // Servers often close without close_notify; that is not an error once we have the
      // response.
      (void)sec;
    } else {
      beast::error_code ec;
      c->plain->socket().shutdown(tcp::socket::shutdown_both, ec);
    }
    co_return std::move(x.response);
  }
}

// `location` (absolute, or relative to `base`) as an absolute URL.
Result<std::string> Resolve(const std::string& base, std::string_view location) {
  auto ref = boost::urls::parse_uri_reference(location);
  auto from = boost::urls::parse_uri(base);
  if (!ref || !from) return Status::InvalidArgument("bad redirect Location");
  boost::urls::url out;
  if (auto ok = boost::urls::resolve(*from, *ref, out); !ok) {
    return Status::InvalidArgument("bad redirect Location");
  }
  return std::string(out.buffer());
}

}  // namespace

asio::awaitable<Result<ClientResponse>> AsyncFetch(ClientRequest req) {
  for (int hop = 0;; ++hop) {
    auto r = co_await FetchOnce(req);
    if (!r.ok() || req.follow_redirects <= 0) co_return r;
    const int s = r->status;
    if (s != 301 && s != 302 && s != 303 && s != 307 && s != 308) co_return r;
    if (hop == req.follow_redirects) {
      co_return Status::InvalidArgument("more than " + std::to_string(req.follow_redirects) +
                                        " redirects");
    }
    auto next = Resolve(req.url, r->header("location"));
    if (!next.ok()) co_return next.status();
    auto from = ParseUrl(req.url);
    auto to = ParseUrl(*next);
    if (!to.ok()) co_return to.status();
    if (!from.ok() || Origin(*from) != Origin(*to)) {
      std::erase_if(req.headers,
                    [](const auto& h) { return AsciiLower(h.first) == "authorization"; });
    }
    // 303 (and, as browsers do, 301/302 after a POST) continue as a GET without the body.
    if (s == 303 || ((s == 301 || s == 302) && req.method == "POST")) {
      req.method = "GET";
      req.body.clear();
    }
    req.url = std::move(*next);
  }
}

Result<ClientResponse> Fetch(const ClientRequest& request) {
  // One event loop per thread, kept between calls: its idle connections serve the thread's next
  // request to the same origin (the simulator's webhooks, a CLI's API calls).
  thread_local asio::io_context ioc;
  ioc.restart();
  std::optional<Result<ClientResponse>> out;
  asio::co_spawn(
      ioc, [&]() -> asio::awaitable<void> { out.emplace(co_await AsyncFetch(request)); },
      [&](std::exception_ptr e) {
        if (!e) return;
        try {
          std::rethrow_exception(e);
        } catch (const std::exception& ex) {
          out.emplace(Status::Internal(std::string("HTTP client failed: ") + ex.what()));
        }
      });
  ioc.run();
  if (!out) return Status::Internal("HTTP client did not complete");
  return std::move(*out);
}

std::string BasicAuth(const std::string& user, const std::string& password) {
  return "Basic " + Base64Encode(user + ":" + password);
}

}  // namespace converza::http
