// Alerts through real processes (sandbox, serve, the simulator's signed webhooks, work), with a
// webhook receiver on loopback (a LocalServer in this test) and the SMTP sink the test stack
// uses (tests/support/smtp_sink.py), never the network: every analysed call that matches a rule
// is POSTed once to its webhook, signed (checked with Python's hmac, not our code), and e-mailed
// once to each address; a 500 is retried after the backoff and then succeeds; a 404 fails at
// once; a receiver still down after the last attempt leaves the delivery `failed` with its
// error; re-analysing the same calls sends nothing new. (Loopback targets are allowed here by
// ALERT_WEBHOOKS_ALLOW_PRIVATE=1, except in the test that shows they are refused without it.)
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "common/subprocess.h"
#include "http/router.h"
#include "http_client.h"
#include "local_server.h"
#include "stack.h"

extern char** environ;

namespace converza::alerts {
namespace {

namespace json = boost::json;
using testing::ConverzaProcess;

constexpr const char* kTenant = "de30de30-0000-4000-8000-000000000001";  // `converza seed`

// A webhook receiver: /hook answers 500 to its first request and 200 after, /gone 404, /down 500.
class Receiver {
 public:
  struct Got {
    std::string path, timestamp, signature, body;
  };
  Receiver() {
    auto record = [this](http::Request& req, int status) {
      std::lock_guard lock(mu_);
      got_.push_back({req.path, std::string(req.header("x-converza-timestamp")),
                      std::string(req.header("x-converza-signature")), req.body});
      return http::Response::Json(status, status == 200 ? "{\"ok\":true}" : "{}");
    };
    router_.Post("/hook", [this, record](http::Request& req) {
      bool first;
      {
        std::lock_guard lock(mu_);
        first = !hook_failed_;
        hook_failed_ = true;
      }
      return record(req, first ? 500 : 200);
    });
    router_.Post("/gone", [record](http::Request& req) { return record(req, 404); });
    router_.Post("/down", [record](http::Request& req) { return record(req, 500); });
    server_ = std::make_unique<testing::LocalServer>(router_);
  }
  [[nodiscard]] std::string url(const std::string& path) const {
    return server_->base_url() + path;
  }
  std::vector<Got> got(const std::string& path) {
    std::lock_guard lock(mu_);
    std::vector<Got> out;
    for (const auto& g : got_) {
      if (g.path == path) out.push_back(g);
    }
    return out;
  }

 private:
  std::mutex mu_;
  std::vector<Got> got_;
  bool hook_failed_ = false;
  http::Router router_;
  std::unique_ptr<testing::LocalServer> server_;
};

bool Listening(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(fd);
  return ok;
}

// tests/support/smtp_sink.py on a free loopback port, writing each message to `dir`.
class SmtpSink {
 public:
  explicit SmtpSink(std::filesystem::path dir) : dir_(std::move(dir)), port_(testing::FreePort()) {
    std::filesystem::create_directories(dir_);
    const std::string script = std::string(CONVERZA_SOURCE_DIR) + "/tests/support/smtp_sink.py";
    const std::string port = std::to_string(port_), dir_s = dir_.string();
    std::vector<char*> argv = {const_cast<char*>("python3"), const_cast<char*>(script.c_str()),
                               const_cast<char*>(port.c_str()), const_cast<char*>(dir_s.c_str()),
                               nullptr};
    posix_spawnp(&pid_, "python3", nullptr, nullptr, argv.data(), environ);
    for (int i = 0; i < 100 && !Listening(port_); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  ~SmtpSink() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  [[nodiscard]] int port() const { return port_; }
  // Every message received, as written (the envelope recipient on its first line).
  [[nodiscard]] std::vector<std::string> Messages() const {
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(dir_)) {
      if (e.path().extension() != ".eml") continue;
      std::ifstream in(e.path());
      std::stringstream s;
      s << in.rdbuf();
      out.push_back(s.str());
    }
    return out;
  }

 private:
  std::filesystem::path dir_;
  int port_;
  pid_t pid_ = -1;
};

// The signature as an independent implementation computes it: Python's hmac module.
std::string PythonSignature(const std::string& secret, const std::string& timestamp,
                            const std::string& body) {
  const std::string program =
      "import hmac,hashlib,sys;"
      "print('v1='+hmac.new(sys.argv[1].encode(),(sys.argv[2]+'.'+sys.argv[3]).encode(),"
      "hashlib.sha256).hexdigest(),end='')";
  auto r = RunProcess({"python3", "-c", program, secret, timestamp, body});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  return r.output;
}

class AlertsPipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    stack_ = std::make_unique<testing::Stack>(db_.conninfo(), "alerts");
    ASSERT_TRUE(stack_->Start()) << stack_->error();
    ASSERT_EQ(stack_->AddServer(), 0) << stack_->error();
    sink_ = std::make_unique<SmtpSink>(stack_->dir() / "mail");
  }

  std::string AddRule(const std::string& name, const std::string& url, const std::string& emails) {
    return std::string(stack_->sql()
                           .exec("insert into alert_rules (tenant_id, name, kind, threshold,"
                                 " webhook_url, emails) values ($1, $2, 'ai_score_below', 100,"
                                 " $3, $4::text[]) returning id::text",
                                 {kTenant, name, url, emails})
                           .get(0, 0));
  }

  void Work(bool allow_private = true) {
    ConverzaProcess work("work --exit-when-idle 1",
                         stack_->Env({{"ALERT_WEBHOOKS_ALLOW_PRIVATE", allow_private ? "1" : "0"},
                                      {"SMTP_HOST", "127.0.0.1"},
                                      {"SMTP_PORT", std::to_string(sink_->port())},
                                      {"SMTP_FROM", "Converza <alerts@converza.test>"}}));
    ASSERT_EQ(work.Wait(120000), 0) << work.log();
    log_ += work.log();
  }

  long long Count(const std::string& sql) { return stack_->Count(sql); }
  std::string Text(const std::string& sql) {
    auto r = stack_->sql().exec(sql);
    return r.empty() || r.is_null(0, 0) ? "" : std::string(r.get(0, 0));
  }

  testing::TestDatabase db_;
  std::unique_ptr<testing::Stack> stack_;
  std::unique_ptr<SmtpSink> sink_;
  std::string log_;
};

TEST_F(AlertsPipelineTest, MatchingCallsAreSentOnceSignedRetriedAndNeverAgainOnReanalysis) {
  Receiver receiver;
  const std::string hook = AddRule("Low score", receiver.url("/hook"), "{ops@demo.test}");
  AddRule("Gone", receiver.url("/gone"), "{}");
  AddRule("Down", receiver.url("/down"), "{}");
  ASSERT_EQ(stack_->Simulate("--calls 3 --seed 5151"), 0) << stack_->error();
  Work();

  // What the rule matches, from the stored insights.
  std::set<std::string> matching;
  auto rows = stack_->sql().exec(
      "select call_id::text from insights where tenant_id = $1 and ai_score < 100", {kTenant});
  for (int i = 0; i < rows.size(); ++i) matching.insert(std::string(rows.get(i, 0)));
  const auto n = static_cast<long long>(matching.size());
  ASSERT_GT(n, 0);
  EXPECT_EQ(Count("select count(*) from alert_deliveries"), 4 * n) << "webhook x3 + e-mail";

  // First run: one 500 on /hook (pending, backoff), the rest sent; /gone failed at once; /down
  // pending after its first 500.
  auto first = receiver.got("/hook");
  ASSERT_EQ(static_cast<long long>(first.size()), n);
  EXPECT_EQ(Count("select count(*) from alert_deliveries d join alert_rules r on r.id = d.rule_id"
                  " where r.name = 'Low score' and channel = 'webhook' and status = 'pending'"
                  " and attempts = 1 and response_status = 500 and next_attempt_at > now() +"
                  " interval '20 seconds' and last_error = 'the webhook answered HTTP 500'"),
            1);
  EXPECT_EQ(Count("select count(*) from alert_deliveries d join alert_rules r on r.id = d.rule_id"
                  " where r.name = 'Gone' and status = 'failed' and attempts = 1"
                  " and last_error = 'the webhook answered HTTP 404'"),
            n);
  EXPECT_EQ(static_cast<long long>(receiver.got("/gone").size()), n);

  // Every request is signed with the rule's secret over "<timestamp>.<body>".
  const std::string secret = Text("select secret from alert_rules where id = '" + hook + "'");
  ASSERT_EQ(secret.size(), 64u);
  std::set<std::string> called;
  for (const auto& g : first) {
    EXPECT_EQ(g.signature, PythonSignature(secret, g.timestamp, g.body));
    EXPECT_NE(g.signature, PythonSignature("not-the-secret", g.timestamp, g.body));
    EXPECT_LT(std::abs(std::stoll(g.timestamp) - static_cast<long long>(std::time(nullptr))), 300);
    auto body = json::parse(g.body).as_object();
    EXPECT_NE(std::string(body.at("text").as_string()).find("Converza alert \"Low score\""),
              std::string::npos);
    called.insert(std::string(body.at("call").at("id").as_string()));
  }
  EXPECT_EQ(called, matching);

  // One e-mail per matching call, to the rule's address.
  auto mails = sink_->Messages();
  EXPECT_EQ(static_cast<long long>(mails.size()), n);
  for (const auto& m : mails) {
    EXPECT_NE(m.find("X-Envelope-To: ops@demo.test"), std::string::npos) << m;
    EXPECT_NE(m.find("Subject: Converza alert: Low score"), std::string::npos) << m;
    EXPECT_NE(m.find("/calls/view?id="), std::string::npos) << m;
  }
  EXPECT_EQ(Count("select count(*) from alert_deliveries where channel = 'email' and"
                  " status = 'sent' and sent_at is not null"),
            n);

  // Not due yet: a second run sends nothing; once due, the 500 is retried and succeeds, and
  // /down fails for good at the last attempt.
  Work();
  EXPECT_EQ(static_cast<long long>(receiver.got("/hook").size()), n);
  stack_->sql().exec(
      "update alert_deliveries set next_attempt_at = now(),"
      " attempts = case when rule_id = (select id from alert_rules where name = 'Down') then 7"
      " else attempts end where status = 'pending'");
  Work();
  EXPECT_EQ(static_cast<long long>(receiver.got("/hook").size()), n + 1);
  EXPECT_EQ(Count("select count(*) from alert_deliveries d join alert_rules r on r.id = d.rule_id"
                  " where r.name = 'Low score' and status = 'sent'"),
            2 * n);
  EXPECT_EQ(Count("select count(*) from alert_deliveries where attempts = 2 and status = 'sent'"
                  " and response_status = 200"),
            1);
  EXPECT_EQ(Count("select count(*) from alert_deliveries d join alert_rules r on r.id = d.rule_id"
                  " where r.name = 'Down' and status = 'failed' and attempts = 8"
                  " and last_error = 'the webhook answered HTTP 500'"),
            n);
  EXPECT_EQ(Count("select count(*) from alert_deliveries where status = 'pending'"), 0);

  // Re-analysing the same calls stores new insights and sends nothing new.
  const std::string analysed_before = Text("select max(analyzed_at)::text from insights");
  stack_->sql().exec("update calls set pipeline_status = 'analyzing'");
  stack_->sql().exec(
      "update jobs set state = 'queued', attempts = 0, run_at = now() where kind = 'analyze'");
  Work();
  EXPECT_GT(Text("select min(analyzed_at)::text from insights"), analysed_before);
  EXPECT_EQ(Count("select count(*) from alert_deliveries"), 4 * n);
  EXPECT_EQ(static_cast<long long>(receiver.got("/hook").size()), n + 1);
  EXPECT_EQ(static_cast<long long>(sink_->Messages().size()), n);
  // Nothing secret in the worker's log: neither the signing secret nor a webhook's path.
  EXPECT_EQ(log_.find(secret), std::string::npos);
  EXPECT_EQ(log_.find("/down"), std::string::npos);
}

// Without ALERT_WEBHOOKS_ALLOW_PRIVATE the worker refuses a webhook on a non-public address (here
// loopback) before connecting: the delivery fails at once, naming the host but not the URL.
TEST_F(AlertsPipelineTest, WebhooksToPrivateAddressesAreRefusedUnlessAllowed) {
  Receiver receiver;
  AddRule("Internal", receiver.url("/hook"), "{}");
  ASSERT_EQ(stack_->Simulate("--calls 3 --seed 5151"), 0) << stack_->error();
  Work(/*allow_private=*/false);
  const long long n = Count("select count(*) from insights where ai_score < 100");
  ASSERT_GT(n, 0);
  EXPECT_EQ(Count("select count(*) from alert_deliveries where status = 'failed' and attempts = 1"
                  " and last_error like '127.0.0.1 is not a public address%'"),
            n);
  EXPECT_TRUE(receiver.got("/hook").empty());
}

}  // namespace
}  // namespace converza::alerts
