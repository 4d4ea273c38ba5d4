#include "http/server.h"

#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "common/log.h"
#include "common/strings.h"
#include "http/form.h"
#include "http/reply.h"

namespace converza::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using asio::ip::tcp;
constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);

namespace {

struct Conn {
  explicit Conn(tcp::socket s) : stream(std::move(s)) {}
  beast::tcp_stream stream;
  // Touched only on the connection's strand:
  bool busy = false;                 // a request is being handled
  std::shared_ptr<BodyStream> body;  // the streaming response being sent, if any
};

// Next() on the stream's own thread. An exception ends the stream without its last chunk (the
// connection is closed), so the client sees a cut body, never one that looks complete.
std::optional<std::string> NextChunk(BodyStream& body, bool& failed) {
  try {
    return body.Next();
  } catch (const std::exception& e) {
    log::Error("response stream failed", {{"error", e.what()}});
    failed = true;
    return std::nullopt;
  }
}

// Runs `answer` (a handler, or taking a later reply); the single place where a request's
// exceptions become responses: the owner's `map_error` first, else 500.
template <typename F>
Response Answer(const Request& req, const ErrorMapper& map_error, F&& answer) {
  try {
    return answer();
  } catch (const std::exception& e) {
    if (map_error) {
      if (auto mapped = map_error(req, e)) return std::move(*mapped);
    }
    log::Error("handler failed", {{"path", req.path}, {"error", e.what()}});
    return Response::Error(500, "internal", "internal error");
  }
}

// A request waiting for its Reply. The server owns it, so the coroutine it resumes never
// outlives the io_context; the answering thread finds it through a weak pointer.
struct Waiter {
  asio::any_io_executor executor;  // the connection's strand
  std::function<void()> resume;
};
struct Waiters {
  std::mutex mu;
  bool open = true;  // false once the server is being destroyed
  std::set<std::shared_ptr<Waiter>> set;
};

bool ValidRequestId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return true;
}

}  // namespace

struct Server::Impl {
  Impl(ServerOptions o, const Router& r, Metrics& m)
      : opts(std::move(o)),
        router(r),
        metrics(m),
        ioc(opts.io_threads),
        handlers(static_cast<std::size_t>(opts.handler_threads)),
        acceptor(ioc),
        signals(ioc, SIGINT, SIGTERM),
        grace_timer(ioc) {}
  ~Impl() {
    std::lock_guard lock(waiters->mu);
    waiters->open = false;
    waiters->set.clear();  // while the io_context still exists
  }

  asio::awaitable<void> Accept();
  asio::awaitable<void> Session(std::shared_ptr<Conn> conn);
  asio::awaitable<void> SendStream(std::shared_ptr<Conn> conn,
                                   bhttp::response<bhttp::empty_body>& head,
                                   std::shared_ptr<BodyStream> body);
  asio::awaitable<Response> AwaitReply(Conn& conn, const Request& req,
                                       std::shared_ptr<PendingResponse> pending);
  asio::awaitable<void> WriteError(Conn& conn, int status, std::string_view code,
                                   std::string_view message);
  void BeginShutdown();
  void Forget(const std::shared_ptr<Conn>& conn);
  std::string NextRequestId() {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%08x%08llx", instance,
                  static_cast<unsigned long long>(++counter));
    return buf;
  }

  ServerOptions opts;
  const Router& router;
  Metrics& metrics;
  asio::io_context ioc;
  asio::thread_pool handlers;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  asio::steady_timer grace_timer;
  std::atomic<bool> stopping{false};
  std::atomic<int> streams{0};
  std::mutex mu;
  std::set<std::shared_ptr<Conn>> conns;
  std::shared_ptr<Waiters> waiters = std::make_shared<Waiters>();
  unsigned instance = static_cast<unsigned>(std::random_device{}());
  std::atomic<unsigned long long> counter{0};
};

asio::awaitable<void> Server::Impl::Accept() {
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(ioc), kUseTuple);
    if (stopping) co_return;
    if (ec) {
      // Typically EMFILE: back off briefly instead of spinning.
      log::Warn("accept failed", {{"error", ec.message()}});
      asio::steady_timer t(ioc, std::chrono::milliseconds(50));
      co_await t.async_wait(kUseTuple);
      continue;
    }
    socket.set_option(tcp::no_delay(true), ec);
    auto conn = std::make_shared<Conn>(std::move(socket));
    {
      std::lock_guard lock(mu);
      conns.insert(conn);
    }
    asio::co_spawn(conn->stream.get_executor(), Session(conn),
                   [this, conn](std::exception_ptr) { Forget(conn); });
  }
}

void Server::Impl::Forget(const std::shared_ptr<Conn>& conn) {
  bool last = false;
  {
    std::lock_guard lock(mu);
    conns.erase(conn);
    last = conns.empty();
  }
  if (last && stopping) {
    asio::post(ioc, [this] { grace_timer.cancel(); });
  }
}

asio::awaitable<void> Server::Impl::WriteError(Conn& conn, int status, std::string_view code,
                                               std::string_view message) {
  Response r = Response::Error(status, code, message);
  bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(status), 11};
  res.set(bhttp::field::content_type, "application/json");
  res.keep_alive(false);
  res.body() = std::move(r.body);
  res.prepare_payload();
  conn.stream.expires_after(opts.timeout);
  co_await bhttp::async_write(conn.stream, res, kUseTuple);
  // Half-close, then drain briefly so the peer reads our answer instead of a reset.
  beast::error_code ec;
  conn.stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  conn.stream.expires_after(std::chrono::milliseconds(500));
  char sink[16384];
  for (std::size_t total = 0; total < (1u << 20);) {
    auto [rec, n] = co_await conn.stream.async_read_some(asio::buffer(sink), kUseTuple);
    if (rec) break;
    total += n;
  }
  metrics.Observe("unmatched", "-", status, std::chrono::nanoseconds(0));
}

asio::awaitable<void> Server::Impl::Session(std::shared_ptr<Conn> conn) {
  beast::flat_buffer buffer;
  auto& stream = conn->stream;
  std::string remote;
  {
    beast::error_code ec;
    auto ep = stream.socket().remote_endpoint(ec);
    if (!ec) remote = ep.address().to_string();
  }
  for (;;) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(opts.header_limit));
    parser.body_limit(opts.body_limit);
    stream.expires_after(opts.timeout);
    auto [ec, bytes] = co_await bhttp::async_read(stream, buffer, parser, kUseTuple);
    if (ec == bhttp::error::body_limit) {
      co_await WriteError(*conn, 413, "payload_too_large",
                          "request body exceeds " + std::to_string(opts.body_limit) + " bytes");
      break;
    }
    if (ec == bhttp::error::header_limit) {
      co_await WriteError(*conn, 431, "headers_too_large",
                          "request headers exceed " + std::to_string(opts.header_limit) + " bytes");
      break;
    }
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
        ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
        ec == asio::error::eof || ec == asio::error::bad_descriptor) {
      break;
    }
    if (ec) {
      co_await WriteError(*conn, 400, "bad_request", "malformed HTTP request: " + ec.message());
      break;
    }
    conn->busy = true;
    const auto started = std::chrono::steady_clock::now();
    auto& breq = parser.get();

    Request req;
    req.method = std::string(breq.method_string());
    req.target = std::string(breq.target());
    auto qpos = req.target.find('?');
    std::string_view raw_path = std::string_view(req.target).substr(0, qpos);
    if (qpos != std::string::npos) req.query = req.target.substr(qpos + 1);
    req.remote_ip = remote;
    for (const auto& f : breq) {
      req.headers.emplace_back(AsciiLower(f.name_string()), std::string(f.value()));
    }
    req.body = std::move(breq.body());
    std::string request_id(req.header("x-request-id"));
    if (!ValidRequestId(request_id)) request_id = NextRequestId();

    Response res;
    std::string route = "unmatched";
    if (raw_path.empty() || raw_path[0] != '/' || !PercentDecode(raw_path, &req.path) ||
        req.path.find('\0') != std::string::npos) {
      res = Response::Error(400, "bad_request", "malformed request path");
    } else {
      req.path = CanonicalPath(req.path);  // before the hooks and the router see it
      auto match = router.Find(req);
      if (match.handler != nullptr) {
        route = match.route;
        const Handler* handler = match.handler;
        res = co_await asio::co_spawn(
            handlers,
            [&]() -> asio::awaitable<Response> {
              co_return Answer(req, opts.map_error, [&] { return (*handler)(req); });
            },
            asio::use_awaitable);
        if (res.pending) res = co_await AwaitReply(*conn, req, std::move(res.pending));
      } else if (!match.allow.empty()) {
        res = Response::Error(405, "method_not_allowed",
                              req.method + " is not allowed here; use " + match.allow);
        res.set_header("Allow", match.allow);
      } else {
        res = Response::Error(404, "not_found", "no route for " + req.method + " " + req.path);
      }
    }

    if (res.stream && req.method == "HEAD") res.stream.reset();
    if (res.stream && streams.fetch_add(1) >= opts.max_streams) {
      streams.fetch_sub(1);
      res.stream->Cancel();
      res = Response::Error(503, "unavailable", "too many streaming clients; retry later");
      res.set_header("Retry-After", "5");
    }

    bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(res.status), breq.version()};
    for (auto& [k, v] : res.headers) out.set(k, v);
    out.set("X-Request-Id", request_id);
    if (out.find("X-Content-Type-Options") == out.end())
      out.set("X-Content-Type-Options", "nosniff");
    out.set("Referrer-Policy", "strict-origin-when-cross-origin");
    out.set("X-Frame-Options", "DENY");
    const bool keep = breq.keep_alive() && !stopping;
    out.keep_alive(keep);
    const std::size_t body_size = res.body.size();
    if (req.method == "HEAD") {
      out.content_length(body_size);
    } else {
      out.body() = std::move(res.body);
      out.prepare_payload();
    }

    const auto elapsed = std::chrono::steady_clock::now() - started;
    metrics.Observe(route, req.method, res.status, elapsed);
    if (opts.access_log && log::Enabled(log::Level::kInfo)) {
      log::Info("request", {{"id", request_id},
                            {"method", req.method},
                            {"path", req.path},
                            {"route", route},
                            {"status", res.status},
                            {"bytes", static_cast<long long>(body_size)},
                            {"ms", std::chrono::duration<double, std::milli>(elapsed).count()},
                            {"remote", remote}});
    }

    if (res.stream) {
      bhttp::response<bhttp::empty_body> head{out.result(), out.version()};
      for (const auto& f : out) head.set(f.name_string(), f.value());
      co_await SendStream(conn, head, std::move(res.stream));
      streams.fetch_sub(1);
      break;
    }
    stream.expires_after(opts.timeout);
    auto [wec, wbytes] = co_await bhttp::async_write(stream, out, kUseTuple);
    conn->busy = false;
    if (wec || !keep || stopping) break;
  }
  beast::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream.socket().close(ec);
}

// Suspends the session, holding no thread, until the handler's Reply answers.
asio::awaitable<Response> Server::Impl::AwaitReply(Conn& conn, const Request& req,
                                                   std::shared_ptr<PendingResponse> pending) {
  co_await asio::async_initiate<decltype(asio::use_awaitable), void()>(
      [&](auto handler) {
        auto waiter = std::make_shared<Waiter>();
        waiter->executor = conn.stream.get_executor();
        waiter->resume = [h = std::make_shared<decltype(handler)>(std::move(handler))] {
          std::move (*h)();
        };
        {
          std::lock_guard lock(waiters->mu);
          waiters->set.insert(waiter);
        }
        pending->OnReady([waiters = waiters, weak = std::weak_ptr<Waiter>(waiter)] {
          std::lock_guard lock(waiters->mu);
          auto w = weak.lock();
          if (!waiters->open || !w) return;
          waiters->set.erase(w);
          asio::post(w->executor, [w] { w->resume(); });
        });
      },
      asio::use_awaitable);
  co_return Answer(req, opts.map_error, [&] { return pending->Take(); });
}

// Sends `body` chunk by chunk; Next() runs on a thread of this stream's own. Meanwhile a read on
// the socket notices the client going away (a streaming client sends nothing more) and cancels
// the stream. The connection closes afterwards.
asio::awaitable<void> Server::Impl::SendStream(std::shared_ptr<Conn> conn,
                                               bhttp::response<bhttp::empty_body>& head,
                                               std::shared_ptr<BodyStream> body) {
  auto& stream = conn->stream;
  head.chunked(true);
  head.keep_alive(false);
  bhttp::response_serializer<bhttp::empty_body> serializer(head);
  stream.expires_after(opts.timeout);
  auto [hec, hbytes] = co_await bhttp::async_write_header(stream, serializer, kUseTuple);
  if (hec) {
    body->Cancel();
    co_return;
  }
  conn->body = body;
  if (stopping) body->Cancel();
  asio::co_spawn(
      stream.get_executor(),
      [conn, body]() -> asio::awaitable<void> {
        char sink[512];
        for (;;) {  // the raw socket: no deadline, unlike the tcp_stream's writes
          auto [ec, n] =
              co_await conn->stream.socket().async_read_some(asio::buffer(sink), kUseTuple);
          if (ec) break;
        }
        body->Cancel();
      },
      asio::detached);
  asio::thread_pool pump(1);
  bool sent = true, failed = false;
  for (;;) {
    auto chunk = co_await asio::co_spawn(
        pump,
        [&body, &failed]() -> asio::awaitable<std::optional<std::string>> {
          co_return NextChunk(*body, failed);
        },
        asio::use_awaitable);
    if (failed) sent = false;
    if (!chunk) break;
    if (chunk->empty()) continue;
    stream.expires_after(opts.timeout);
    auto [wec, wbytes] =
        co_await asio::async_write(stream, bhttp::make_chunk(asio::buffer(*chunk)), kUseTuple);
    if (wec) {
      sent = false;
      break;
    }
  }
  conn->body.reset();
  if (sent) {
    stream.expires_after(opts.timeout);
    co_await asio::async_write(stream, bhttp::make_chunk_last(), kUseTuple);
  }
}

void Server::Impl::BeginShutdown() {
  if (stopping.exchange(true)) return;
  log::Info("shutting down", {{"grace_ms", static_cast<long long>(opts.grace.count())}});
  beast::error_code ec;
  acceptor.close(ec);
  signals.cancel(ec);
  std::vector<std::shared_ptr<Conn>> snapshot;
  {
    std::lock_guard lock(mu);
    snapshot.assign(conns.begin(), conns.end());
  }
  for (auto& conn : snapshot) {
    // Idle keep-alive connections are closed now; busy ones close after their response, and
    // streams are told to end.
    asio::post(conn->stream.get_executor(), [conn] {
      if (conn->body) conn->body->Cancel();
      if (!conn->busy) {
        beast::error_code e;
        conn->stream.socket().shutdown(tcp::socket::shutdown_both, e);
        conn->stream.socket().close(e);
      }
    });
  }
  if (snapshot.empty()) return;
  grace_timer.expires_after(opts.grace);
  grace_timer.async_wait([this](beast::error_code e) {
    if (!e) {
      log::Warn("grace period over; closing remaining connections");
      ioc.stop();
    }
  });
}

Server::Server(ServerOptions options, const Router& router, Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), router, metrics)) {}

Server::~Server() = default;

Status Server::Listen() {
  auto& a = impl_->acceptor;
  beast::error_code ec;
  auto address = asio::ip::make_address(impl_->opts.bind, ec);
  if (ec) return Status::InvalidArgument("BIND is not an IP address: " + impl_->opts.bind);
  tcp::endpoint ep(address, static_cast<unsigned short>(impl_->opts.port));
  a.open(ep.protocol(), ec);
  if (!ec) a.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(ep, ec);
  if (!ec) a.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Status::Unavailable("cannot listen on " + impl_->opts.bind + ":" +
                               std::to_string(impl_->opts.port) + ": " + ec.message());
  }
  return Status::Ok();
}

int Server::port() const {
  beast::error_code ec;
  auto ep = impl_->acceptor.local_endpoint(ec);
  return ec ? -1 : ep.port();
}

void Server::Run() {
  auto* s = impl_.get();
  s->signals.async_wait([s](beast::error_code ec, int) {
    if (!ec) s->BeginShutdown();
  });
  asio::co_spawn(s->ioc, s->Accept(), asio::detached);
  std::vector<std::thread> extra;
  for (int i = 1; i < s->opts.io_threads; ++i) extra.emplace_back([s] { s->ioc.run(); });
  s->ioc.run();
  for (auto& t : extra) t.join();
  s->handlers.join();
}

void Server::Shutdown() {
  asio::post(impl_->ioc, [s = impl_.get()] { s->BeginShutdown(); });
}

}  // namespace converza::http
