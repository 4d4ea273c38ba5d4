#include "api/event_hub.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cassert>
#include <cerrno>

#include "api/params.h"
#include "common/log.h"
#include "common/strings.h"
#include "db/connection.h"

namespace converza::api {
namespace {

namespace json = boost::json;

// The SSE text of one notification, or "" when the payload is not one of ours. A bare call id
// (the analyze stage's older payload) means insight.ready.
std::string FormatEvent(const std::string& payload) {
  std::string type, call_id;
  if (IsUuid(payload)) {
    type = "insight.ready";
    call_id = payload;
  } else {
    boost::system::error_code ec;
    auto v = json::parse(payload, ec);
    const auto* o = ec ? nullptr : v.if_object();
    if (o == nullptr) return {};
    const auto* t = o->if_contains("type");
    const auto* c = o->if_contains("call_id");
    if (!t || !t->is_string() || !c || !c->is_string()) return {};
    type = t->get_string();
    call_id = c->get_string();
  }
  if ((type != "insight.ready" && type != "call.created") || !IsUuid(call_id)) return {};
  return "event: " + type + "\ndata: {\"call_id\":\"" + call_id + "\"}\n\n";
}

}  // namespace

EventHub::EventHub(std::string conninfo, EventHubOptions options)
    : conninfo_(std::move(conninfo)), options_(options) {
  wake_fd_ = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  thread_ = std::thread([this] { Loop(); });
}

EventHub::~EventHub() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  Wake();
  thread_.join();
  close(wake_fd_);
}

void EventHub::Wake() {
  std::uint64_t one = 1;
  [[maybe_unused]] auto n = write(wake_fd_, &one, sizeof one);
}

std::shared_ptr<EventHub::Subscription> EventHub::Subscribe(const std::string& tenant_id,
                                                            std::chrono::milliseconds wait) {
  assert(IsUuid(tenant_id));
  const std::string tenant = AsciiLower(tenant_id);
  std::shared_ptr<Subscription> sub(new Subscription(*this, tenant));
  std::unique_lock lock(mu_);
  auto& list = subs_[tenant];
  list.push_back(sub.get());
  if (list.size() == 1) Wake();
  listening_cv_.wait_for(
      lock, wait, [&] { return listening_.count(tenant) > 0 || stop_ || state_ == State::kDown; });
  return sub;
}

void EventHub::Unsubscribe(Subscription* s) {
  std::lock_guard lock(mu_);
  auto it = subs_.find(s->tenant_);
  if (it == subs_.end()) return;
  std::erase(it->second, s);
  if (it->second.empty()) {
    subs_.erase(it);
    Wake();  // UNLISTEN
  }
}

std::size_t EventHub::subscribers() const {
  std::lock_guard lock(mu_);
  std::size_t n = 0;
  for (const auto& [tenant, list] : subs_) n += list.size();
  return n;
}

bool EventHub::connected() const {
  std::lock_guard lock(mu_);
  return state_ == State::kUp;
}

void EventHub::Dispatch(const std::string& channel, const std::string& payload) {
  if (channel.rfind(kLiveEventChannelPrefix, 0) != 0) return;
  std::string text = FormatEvent(payload);
  if (text.empty()) {
    log::Warn("ignored a live event with an unknown payload", {{"channel", channel}});
    return;
  }
  std::lock_guard lock(mu_);
  auto it = subs_.find(channel.substr(kLiveEventChannelPrefix.size()));
  if (it == subs_.end()) return;
  for (auto* s : it->second) s->Push(text, options_.max_pending);
}

void EventHub::Loop() {
  bool was_up = false;
  for (;;) {
    {
      std::lock_guard lock(mu_);
      if (stop_) return;
    }
    try {
      db::Connection conn(conninfo_);
      {
        std::lock_guard lock(mu_);
        state_ = State::kUp;
      }
      if (was_up) log::Info("live events: LISTEN connection re-established");
      was_up = true;
      auto drain = [&] {
        while (PGnotify* n = PQnotifies(conn.raw())) {
          std::string channel = n->relname, payload = n->extra;
          PQfreemem(n);
          Dispatch(channel, payload);
        }
      };
      for (;;) {
        // LISTEN on channels that gained subscribers, UNLISTEN those that lost them all. The SQL
        // is built from validated, lower-cased UUIDs (LISTEN takes no parameters).
        std::vector<std::string> add, remove;
        {
          std::lock_guard lock(mu_);
          if (stop_) return;
          for (const auto& [tenant, list] : subs_) {
            if (!listening_.count(tenant)) add.push_back(tenant);
          }
          for (const auto& tenant : listening_) {
            if (!subs_.count(tenant)) remove.push_back(tenant);
          }
        }
        for (const auto& t : add) conn.exec("listen \"" + LiveEventChannel(t) + "\"");
        for (const auto& t : remove) conn.exec("unlisten \"" + LiveEventChannel(t) + "\"");
        if (!add.empty() || !remove.empty()) {
          std::lock_guard lock(mu_);
          for (const auto& t : add) listening_.insert(t);
          for (const auto& t : remove) listening_.erase(t);
          listening_cv_.notify_all();
        }
        drain();
        pollfd fds[2] = {{PQsocket(conn.raw()), POLLIN, 0}, {wake_fd_, POLLIN, 0}};
        int n = poll(fds, 2, static_cast<int>(options_.health_check.count()));
        if (n < 0 && errno != EINTR) throw db::Error("poll failed", "08006");
        if (fds[1].revents & POLLIN) {
          std::uint64_t v;
          [[maybe_unused]] auto r = read(wake_fd_, &v, sizeof v);
        }
        if (fds[0].revents != 0) {
          if (!PQconsumeInput(conn.raw()) || !conn.healthy()) {
            throw db::Error(PQerrorMessage(conn.raw()), "08006");
          }
          drain();
        } else if (n == 0) {
          conn.exec("select 1");  // a silent network failure shows up here
        }
      }
    } catch (const db::Error& e) {
      log::Warn("live events: LISTEN connection lost; reconnecting", {{"error", e.what()}});
    }
    {
      std::lock_guard lock(mu_);
      state_ = State::kDown;
      listening_.clear();
      listening_cv_.notify_all();
    }
    pollfd wake{wake_fd_, POLLIN, 0};
    poll(&wake, 1, static_cast<int>(options_.reconnect.count()));
  }
}

EventHub::Subscription::~Subscription() { hub_.Unsubscribe(this); }

void EventHub::Subscription::Push(const std::string& text, std::size_t max_pending) {
  {
    std::lock_guard lock(mu_);
    if (closed_) return;
    if (count_ >= max_pending) {
      closed_ = true;  // too far behind: drop it; the client reconnects and refetches
      log::Warn("live events: dropped a subscriber that fell behind", {{"tenant", tenant_}});
    } else {
      pending_ += text;
      ++count_;
    }
  }
  cv_.notify_all();
}

std::optional<std::string> EventHub::Subscription::Wait(
    std::chrono::steady_clock::time_point deadline) {
  std::unique_lock lock(mu_);
  cv_.wait_until(lock, deadline, [&] { return closed_ || !pending_.empty(); });
  if (closed_) return std::nullopt;
  std::string out;
  out.swap(pending_);
  count_ = 0;
  return out;
}

bool EventHub::Subscription::closed() {
  std::lock_guard lock(mu_);
  return closed_;
}

void EventHub::Subscription::Close() {
  {
    std::lock_guard lock(mu_);
    closed_ = true;
  }
  cv_.notify_all();
}

}  // namespace converza::api
