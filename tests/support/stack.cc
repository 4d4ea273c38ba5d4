#include "stack.h"

#include <unistd.h>

#include "http_client.h"

namespace converza::testing {

namespace fs = std::filesystem;

Stack::Stack(std::string conninfo, const std::string& name) : conninfo_(std::move(conninfo)) {
  dir_ = fs::temp_directory_path() / ("stack-" + std::to_string(getpid()) + "-" + name);
  fs::remove_all(dir_);
  fs::create_directories(dir_);
  sandbox_port_ = FreePort();
  // Every server answers for the URL of the first one, as servers behind a load balancer do.
  public_url_ = "http://127.0.0.1:" + std::to_string(FreePort());
}

Stack::~Stack() {
  servers_.clear();  // children stop before their scratch directory goes
  sandbox_.reset();
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

Stack::EnvMap Stack::Env(const EnvMap& extra) const {
  EnvMap env = {{"DATABASE_URL", conninfo_},
                {"CONVERZA_DATA_DIR", dir_.string()},
                {"SANDBOX_PORT", std::to_string(sandbox_port_)},
                {"PUBLIC_URL", public_url_},
                {"LOG_LEVEL", "warn"}};
  for (const auto& [k, v] : extra) env[k] = v;
  return env;
}

bool Stack::Start(const EnvMap& sandbox_env) {
  sandbox_ = std::make_unique<ConverzaProcess>("sandbox", Env(sandbox_env));
  // Every sandbox route wants Twilio credentials: a 401 means it is up.
  if (!sandbox_->StartServer(sandbox_port_, "/v2/Transcripts", 401)) {
    error_ = "sandbox did not start:\n" + sandbox_->log();
    return false;
  }
  ConverzaProcess seed("seed", Env());
  if (seed.Wait(60000) != 0) {
    error_ = "seed failed:\n" + seed.log();
    return false;
  }
  return true;
}

int Stack::AddServer(const EnvMap& extra) {
  Server s;
  // The first server listens where PUBLIC_URL points; the others on ports of their own.
  s.port =
      servers_.empty() ? std::stoi(public_url_.substr(public_url_.rfind(':') + 1)) : FreePort();
  s.extra = extra;
  servers_.push_back(std::move(s));
  int i = static_cast<int>(servers_.size()) - 1;
  if (!RestartServer(i)) return -1;
  return i;
}

bool Stack::RestartServer(int i) {
  auto& s = servers_[static_cast<std::size_t>(i)];
  EnvMap extra = s.extra;
  extra["PORT"] = std::to_string(s.port);
  s.process.reset();
  s.process = std::make_unique<ConverzaProcess>("serve", Env(extra));
  if (!s.process->StartServer(s.port)) {
    error_ = "serve did not start:\n" + s.process->log();
    return false;
  }
  return true;
}

std::string Stack::server_urls() const {
  std::string out;
  for (const auto& s : servers_) {
    if (!out.empty()) out += ',';
    out += "http://127.0.0.1:" + std::to_string(s.port);
  }
  return out;
}

std::unique_ptr<ConverzaProcess> Stack::StartWorker(const std::string& args, const EnvMap& extra) {
  return std::make_unique<ConverzaProcess>("work " + args, Env(extra));
}

std::string Stack::WorkerId(const ConverzaProcess& worker) {
  char host[256] = {0};
  gethostname(host, sizeof host - 1);
  return std::string(host) + ":" + std::to_string(worker.pid());
}

std::unique_ptr<ConverzaProcess> Stack::StartSimulation(const std::string& args) {
  std::string audio = args.find("--audio") == std::string::npos ? " --audio none" : "";
  return std::make_unique<ConverzaProcess>("simulate --tenant-number +14155550100 --server " +
                                               server_urls() + " --out " + calls_jsonl() + audio +
                                               " " + args,
                                           Env());
}

int Stack::Simulate(const std::string& args, int timeout_ms) {
  auto sim = StartSimulation(args);
  int code = sim->Wait(timeout_ms);
  if (code != 0) error_ = "simulate exited " + std::to_string(code) + ":\n" + sim->log();
  return code;
}

db::Connection& Stack::sql() {
  if (!sql_ || !sql_->healthy()) sql_ = std::make_unique<db::Connection>(conninfo_);
  return *sql_;
}

long long Stack::Count(const std::string& query) { return sql().exec(query).get_int(0, 0); }

}  // namespace converza::testing
