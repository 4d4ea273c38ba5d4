#include "db/local_cluster.h"

#include <pwd.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include "common/subprocess.h"
#include "db/connection.h"

namespace fs = std::filesystem;

namespace converza::db {
namespace {

// Debian installs server binaries per major version; take the newest.
std::string FindBinDir() {
  if (const char* env = std::getenv("PG_BIN")) return env;
  std::string best;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    if (fs::exists(e.path() / "bin/initdb") && e.path().string() > best) best = e.path().string();
  }
  return best.empty() ? "" : best + "/bin";
}

std::string Tail(const std::string& path, std::size_t bytes = 1500) {
  std::ifstream f(path);
  std::string s((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  return s.size() > bytes ? s.substr(s.size() - bytes) : s;
}

}  // namespace

LocalCluster::LocalCluster(std::string data_dir, int port)
    : data_dir_(std::move(data_dir)),
      dir_(data_dir_ + "/pg"),
      port_(port),
      bindir_(FindBinDir()),
      as_postgres_user_(geteuid() == 0) {}

std::string LocalCluster::Bin(const std::string& tool) const { return bindir_ + "/" + tool; }

std::vector<std::string> LocalCluster::AsOwner(std::vector<std::string> argv) const {
  if (!as_postgres_user_) return argv;
  std::vector<std::string> out = {"runuser", "-u", "postgres", "--"};
  out.insert(out.end(), argv.begin(), argv.end());
  return out;
}

std::string LocalCluster::conninfo(const std::string& dbname) const {
  return "host=" + dir_ + " port=" + std::to_string(port_) + " dbname=" + dbname +
         " user=converza connect_timeout=5";
}

Status LocalCluster::Prepare() {
  if (bindir_.empty()) {
    return Status::Unavailable(
        "PostgreSQL server binaries not found under /usr/lib/postgresql (install postgresql-15, "
        "or run scripts/bootstrap)");
  }
  std::error_code ec;
  fs::create_directories(data_dir_, ec);
  if (ec) return Status::Internal("cannot create " + data_dir_ + ": " + ec.message());
  if (fs::exists(dir_ + "/data/PG_VERSION") || !as_postgres_user_) {
    fs::create_directories(dir_, ec);
    return Status::Ok();
  }
  struct passwd* pw = getpwnam("postgres");
  if (pw == nullptr) return Status::Unavailable("running as root but there is no postgres user");
  fs::create_directories(dir_, ec);
  if (chown(dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0) {
    return Status::Internal("cannot hand " + dir_ + " to the postgres user");
  }
  if (RunProcess(AsOwner({"test", "-w", dir_})).exit_code == 0) return Status::Ok();
  // The postgres user cannot reach the project directory: keep the cluster in /var/tmp.
  std::string alt = "/var/tmp/converza-pg-" + std::to_string(std::hash<std::string>{}(dir_));
  fs::remove(dir_, ec);
  fs::create_directories(alt, ec);
  if (chown(alt.c_str(), pw->pw_uid, pw->pw_gid) != 0) {
    return Status::Internal("cannot hand " + alt + " to the postgres user");
  }
  fs::create_directory_symlink(alt, dir_, ec);
  if (ec) return Status::Internal("cannot link " + dir_ + " to " + alt + ": " + ec.message());
  return Status::Ok();
}

Status LocalCluster::Start() {
  if (Status st = Prepare(); !st.ok()) return st;
  const std::string data = dir_ + "/data";
  if (!fs::exists(data + "/PG_VERSION")) {
    auto r = RunProcess(AsOwner({Bin("initdb"), "-D", data, "-U", "converza", "--auth=trust",
                                 "--encoding=UTF8", "--locale=C.UTF-8"}));
    if (r.exit_code != 0) return Status::Internal("initdb failed:\n" + r.output);
    // Local, single-user defaults: socket only, durable commits (fsync stays on).
    std::ofstream conf(data + "/postgresql.conf", std::ios::app);
    conf << "\n# converza local cluster\n"
         << "listen_addresses = ''\n"
         << "unix_socket_directories = '" << dir_ << "'\n"
         << "port = " << port_ << "\n"
         << "max_connections = 200\n"
         << "shared_buffers = 256MB\n"
         << "logging_collector = off\n";
  }
  if (!Check().ok()) {
    // -p on the command line wins, so a changed CONVERZA_PG_PORT takes effect on restart.
    auto r = RunProcess(AsOwner({Bin("pg_ctl"), "-D", data, "-l", dir_ + "/postgres.log", "-w",
                                 "-t", "60", "-o", "-p " + std::to_string(port_), "start"}));
    if (r.exit_code != 0) {
      return Status::Unavailable("pg_ctl start failed:\n" + r.output + "\n--- " + dir_ +
                                 "/postgres.log (tail) ---\n" + Tail(dir_ + "/postgres.log"));
    }
  }
  try {
    Connection c(conninfo("postgres"));
    if (c.exec("select 1 from pg_database where datname = 'converza'").empty()) {
      c.exec("create database converza");
    }
  } catch (const Error& e) {
    return Status::Unavailable(std::string("cluster started but not reachable: ") + e.what());
  }
  return Status::Ok();
}

Status LocalCluster::Stop() {
  if (!Check().ok()) return Status::Ok();
  auto r = RunProcess(
      AsOwner({Bin("pg_ctl"), "-D", dir_ + "/data", "-m", "fast", "-w", "-t", "60", "stop"}));
  if (r.exit_code != 0) return Status::Internal("pg_ctl stop failed:\n" + r.output);
  return Status::Ok();
}

Status LocalCluster::Check() {
  if (bindir_.empty() || !fs::exists(dir_ + "/data/PG_VERSION")) {
    return Status::Unavailable("no local cluster in " + dir_ + " (run `converza db start`)");
  }
  auto r = RunProcess(AsOwner({Bin("pg_ctl"), "-D", dir_ + "/data", "status"}));
  if (r.exit_code != 0) return Status::Unavailable("local cluster in " + dir_ + " is stopped");
  return Status::Ok();
}

}  // namespace converza::db
