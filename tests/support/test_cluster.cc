#include "test_cluster.h"

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
  pid_ = fork();
  if (pid_ == 0) {
    for (const auto& [k, v] : env_) setenv(k.c_str(), v.c_str(), 1);
    FILE* f = std::fopen(log_path_.c_str(), "w");
    if (f) {
      dup2(fileno(f), STDOUT_FILENO);
      dup2(fileno(f), STDERR_FILENO);
    }
    std::string bin = Env("CONVERZA_BIN");
    std::vector<std::string> args = {bin};
    std::istringstream words(subcommand_);
    for (std::string w; words >> w;) args.push_back(w);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(bin.c_str(), argv.data());
    _exit(127);
  }
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
