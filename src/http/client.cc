#include "http/client.h"

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
#include <charconv>
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

template <typename Stream>
asio::awaitable<Result<ClientResponse>> Exchange(Stream& stream, beast::tcp_stream& tcp_layer,
                                                 const ClientRequest& req, const Target& t,
                                                 std::chrono::steady_clock::time_point deadline) {
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
  if (wec) co_return Status::Unavailable("sending to " + t.host + " failed: " + wec.message());

  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(req.max_body);
  if (req.method == "HEAD") parser.skip(true);
  tcp_layer.expires_at(deadline);
  auto [rec, rn] = co_await bhttp::async_read(stream, buffer, parser, kUseTuple);
  if (rec) {
    co_return Status::Unavailable("reading from " + t.host + " failed: " +
                                  (rec == beast::error::timeout ? "timed out" : rec.message()));
  }
  auto& res = parser.get();
  ClientResponse r;
  r.status = static_cast<int>(res.result_int());
  for (const auto& f : res) {
    r.headers.emplace_back(AsciiLower(f.name_string()), std::string(f.value()));
  }
  r.body = std::move(res.body());
  co_return r;
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

// One request, no redirects followed.
asio::awaitable<Result<ClientResponse>> FetchOnce(const ClientRequest& req) {
  auto target = ParseUrl(req.url);
  if (!target.ok()) co_return target.status();
  const Target& t = *target;
  auto ex = co_await asio::this_coro::executor;
  const auto deadline = std::chrono::steady_clock::now() + req.timeout;

  // The resolver has no deadline of its own: a timer cancels it.
  tcp::resolver resolver(ex);
  asio::steady_timer guard(ex, deadline);
  guard.async_wait([&resolver](beast::error_code ec) {
    if (!ec) resolver.cancel();
  });
  auto [rec, endpoints] = co_await resolver.async_resolve(t.host, t.port, kUseTuple);
  guard.cancel();
  if (rec) co_return Status::Unavailable("cannot resolve " + t.host + ": " + rec.message());

  if (!t.tls) {
    beast::tcp_stream stream(ex);
    stream.expires_at(deadline);
    auto [cec, ep] = co_await stream.async_connect(endpoints, kUseTuple);
    if (cec)
      co_return Status::Unavailable("cannot connect to " + t.host + ":" + t.port + ": " +
                                    cec.message());
    auto r = co_await Exchange(stream, stream, req, t, deadline);
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    co_return r;
  }

  beast::ssl_stream<beast::tcp_stream> stream(ex, TlsContext());
  if (!SSL_set_tlsext_host_name(stream.native_handle(), t.host.c_str())) {
    co_return Status::Unavailable("cannot set TLS server name for " + t.host);
  }
  stream.set_verify_callback(ssl::host_name_verification(t.host));
  auto& layer = beast::get_lowest_layer(stream);
  layer.expires_at(deadline);
  auto [cec, ep] = co_await layer.async_connect(endpoints, kUseTuple);
  if (cec) co_return Status::Unavailable("cannot connect to " + t.host + ": " + cec.message());
  layer.expires_at(deadline);
  auto [hec] = co_await stream.async_handshake(ssl::stream_base::client, kUseTuple);
  if (hec)
    co_return Status::Unavailable("TLS handshake with " + t.host + " failed: " + hec.message());
  auto r = co_await Exchange(stream, layer, req, t, deadline);
  layer.expires_after(std::chrono::seconds(2));
  auto [sec] = co_await stream.async_shutdown(kUseTuple);
  // Servers often close without close_notify; that is not an error once we have the response.
  (void)sec;
  co_return r;
}

std::string Origin(const Target& t) {
  return (t.tls ? "https://" : "http://") + t.host + ":" + t.port;
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
  asio::io_context ioc;
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
