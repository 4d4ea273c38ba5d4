#include "test_cluster.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "db/connection.h"
#include "http_client.h"

namespace converza::testing {
namespace {

// The environment wins so a test binary can be pointed at another cluster by hand.
std::string Env(const char* name) {
  if (const char* v = std::getenv(name)) return v;
  const std::string n = name;
  if (n == "CONVERZA_DATA_DIR") return CONVERZA_TEST_DATA_DIR;
  if (n == "CONVERZA_PG_PORT") return CONVERZA_TEST_PG_PORT;
  if (n == "CONVERZA_BIN") return CONVERZA_TEST_BIN;
  throw std::runtime_error(n + " is not set");
}

}  // namespace

std::string ClusterConninfo(const std::string& dbname) {
  return "host=" + Env("CONVERZA_DATA_DIR") + "/pg port=" + Env("CONVERZA_PG_PORT") +
         " user=converza dbname=" + dbname;
}

TestDatabase::TestDatabase() {
  static std::atomic<int> counter{0};
  name_ = "t_" + std::to_string(getpid()) + "_" + std::to_string(counter++);
  db::Connection admin(ClusterConninfo("postgres"));
  // The template may be briefly busy when several test processes copy it at once.
  for (int attempt = 0;; ++attempt) {
    try {
      admin.exec("create database " + name_ + " template converza_template");
      break;
    } catch (const db::Error& e) {
      if (attempt > 50 || e.sqlstate() != "55006") throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  conninfo_ = ClusterConninfo(name_);
}

TestDatabase::~TestDatabase() {
  try {
    db::Connection admin(ClusterConninfo("postgres"));
    admin.exec("drop database if exists " + name_ + " with (force)");
  } catch (const std::exception&) {
  }
}

ConverzaProcess::ConverzaProcess(std::string subcommand, std::map<std::string, std::string> env)
    : subcommand_(std::move(subcommand)), env_(std::move(env)) {
  static std::atomic<int> counter{0};
  log_path_ =
      "/tmp/converza-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++) + ".log";
  // Everything the child needs is prepared before fork(): the test process has other threads
  // (fake servers), and a child forked while one of them holds the allocator's lock would
  // deadlock in malloc. Between fork and exec the child only calls async-signal-safe functions.
  std::map<std::string, std::string> merged;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string_view kv(*e);
    auto eq = kv.find('=');
    if (eq != std::string_view::npos) merged[std::string(kv.substr(0, eq))] = kv.substr(eq + 1);
  }
  for (const auto& [k, v] : env_) merged[k] = v;
  std::vector<std::string> env_strings;
  for (const auto& [k, v] : merged) env_strings.push_back(k + "=" + v);
  std::vector<char*> envp;
  for (auto& kv : env_strings) envp.push_back(kv.data());
  envp.push_back(nullptr);
  std::string bin = Env("CONVERZA_BIN");
  std::vector<std::string> args = {bin};
  std::istringstream words(subcommand_);
  for (std::string w; words >> w;) args.push_back(w);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const int log_fd = ::open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

  pid_ = fork();
  if (pid_ == 0) {
    if (log_fd >= 0) {
      dup2(log_fd, STDOUT_FILENO);
      dup2(log_fd, STDERR_FILENO);
    }
    execve(bin.c_str(), argv.data(), envp.data());
    _exit(127);
  }
  if (log_fd >= 0) ::close(log_fd);
}

ConverzaProcess::~ConverzaProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    if (Wait(10000) == -2) {
      kill(pid_, SIGKILL);
      Wait(5000);
    }
  }
  std::remove(log_path_.c_str());
}

bool ConverzaProcess::StartServer(int port, const std::string& path, int expect_status) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (std::chrono::steady_clock::now() < deadline) {
    if (Get(port, path, "", 1000).status == expect_status) return true;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

void ConverzaProcess::Signal(int sig) {
  if (pid_ > 0) kill(pid_, sig);
}

int ConverzaProcess::Wait(int timeout_ms) {
  if (pid_ <= 0) return -1;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return -2;  // still running
}

std::string ConverzaProcess::log() const {
  std::ifstream f(log_path_);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

}  // namespace converza::testing
