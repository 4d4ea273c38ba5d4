// Stack: the product as separate processes on loopback, the way it runs in production — the
// Twilio sandbox, the demo tenant (`converza seed`), any number of `converza serve` and
// `converza work` processes, and `converza simulate` firing signed webhooks — against one
// database the test provides (a TestDatabase, or a private cluster it may restart).
//
// All servers share one PUBLIC_URL (as behind a load balancer), so a webhook signed for it is
// valid on every server. Processes are ConverzaProcess children: killed with the Stack, or
// earlier by the test (Signal(SIGKILL)) to inject faults. Not thread-safe; one per test.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "db/connection.h"
#include "test_cluster.h"

namespace converza::testing {

class Stack {
 public:
  using EnvMap = std::map<std::string, std::string>;

  // `conninfo`: the database every process uses. `name` names the scratch directory.
  Stack(std::string conninfo, const std::string& name);
  ~Stack();
  Stack(const Stack&) = delete;
  Stack& operator=(const Stack&) = delete;

  // Starts the sandbox (with `sandbox_env` added, e.g. its fault knobs) and seeds the demo
  // tenant; false (with `error()`) on failure.
  bool Start(const EnvMap& sandbox_env = {});
  [[nodiscard]] const std::string& error() const { return error_; }

  // The environment of every process, plus `extra` (which wins).
  [[nodiscard]] EnvMap Env(const EnvMap& extra = {}) const;

  // Starts one more `serve` on a fresh port and waits for /healthz. Returns its index, or -1.
  int AddServer(const EnvMap& extra = {});
  ConverzaProcess& server(int i) { return *servers_[static_cast<std::size_t>(i)].process; }
  [[nodiscard]] int server_port(int i) const { return servers_[static_cast<std::size_t>(i)].port; }
  // Starts server `i` again on its port (after the test killed it); false if it did not start.
  bool RestartServer(int i);
  // Every server's URL, comma-separated (what `simulate --server` spreads calls over).
  [[nodiscard]] std::string server_urls() const;

  // `converza work <args>` with the stack's environment plus `extra`.
  std::unique_ptr<ConverzaProcess> StartWorker(const std::string& args, const EnvMap& extra = {});
  // The worker id a `work` process claims jobs under (jobs.locked_by): host:pid.
  static std::string WorkerId(const ConverzaProcess& worker);

  // `converza simulate` against every server (tenant +14155550100, --audio none unless `args`
  // says otherwise) with extra arguments, e.g. "--calls 20 --seed 7 --rate 50". Returns the running
  // process.
  std::unique_ptr<ConverzaProcess> StartSimulation(const std::string& args);
  // Runs a simulation to the end; returns its exit code (0: every webhook acked).
  int Simulate(const std::string& args, int timeout_ms = 120000);
  // Where the next simulation writes its calls (with which webhooks were acked).
  [[nodiscard]] std::string calls_jsonl() const { return (dir_ / "calls.jsonl").string(); }

  // A SQL connection to the stack's database (reopened if it broke, e.g. after a restart).
  db::Connection& sql();
  long long Count(const std::string& query);
  [[nodiscard]] const std::filesystem::path& dir() const { return dir_; }

 private:
  struct Server {
    int port = 0;
    EnvMap extra;
    std::unique_ptr<ConverzaProcess> process;
  };

  std::string conninfo_;
  std::filesystem::path dir_;
  int sandbox_port_ = 0;
  std::string public_url_;
  std::string error_;
  std::unique_ptr<ConverzaProcess> sandbox_;
  std::vector<Server> servers_;
  std::unique_ptr<db::Connection> sql_;
};

}  // namespace converza::testing
