// Access to the test run's throwaway PostgreSQL cluster (started by scripts/test-cluster as a
// CTest fixture) and to the `converza` binary under test.
#pragma once

#include <sys/types.h>

#include <map>
#include <string>

namespace converza::testing {

// libpq connection string for `dbname` on the test cluster.
std::string ClusterConninfo(const std::string& dbname);

// A database of its own for one test, copied from the migrated `converza_template` and dropped
// (with force) on destruction, so tests never see each other's rows.
class TestDatabase {
 public:
  TestDatabase();
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;
  [[nodiscard]] const std::string& conninfo() const { return conninfo_; }
  [[nodiscard]] const std::string& name() const { return name_; }

 private:
  std::string name_;
  std::string conninfo_;
};

// A `converza <args>` child process with extra environment variables. For `serve`, Start()
// waits until /healthz answers on `port`.
class ConverzaProcess {
 public:
  ConverzaProcess(std::string subcommand, std::map<std::string, std::string> env);
  ~ConverzaProcess();  // SIGTERM, then SIGKILL after 10 s
  // Returns false (and the captured output in `log()`) if it did not become healthy in time.
  // Waits until GET `path` answers `expect_status` on `port`.
  bool StartServer(int port, const std::string& path = "/healthz", int expect_status = 200);
  void Signal(int sig);
  // Waits for exit; returns the exit status (or -1).
  int Wait(int timeout_ms = 15000);
  [[nodiscard]] std::string log() const;
  [[nodiscard]] pid_t pid() const { return pid_; }

 private:
  std::string subcommand_;
  std::map<std::string, std::string> env_;
  std::string log_path_;
  pid_t pid_ = -1;
};

}  // namespace converza::testing
