// LocalCluster: the embedded PostgreSQL the project runs by itself
// (docs/architecture.md#embedded-defaults): `initdb` once under <data_dir>/pg, then `pg_ctl` on a
// non-default port, listening only on a unix socket inside that directory (no TCP, so no password
// to manage).
//
// PostgreSQL refuses to run as root; when we are root the cluster runs as the `postgres` OS user.
// If that user cannot reach <data_dir> (e.g. a checkout under /root), the cluster lives in
// /var/tmp and <data_dir>/pg is a symlink to it, so the connection string does not change.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"

namespace converza::db {

class LocalCluster {
 public:
  LocalCluster(std::string data_dir, int port);

  // Initializes (first time), starts, and creates the `converza` database. Idempotent.
  Status Start();
  Status Stop();
  // Ok when running; Unavailable otherwise, with the reason.
  Status Check();
  // libpq connection string for database `dbname` on this cluster.
  [[nodiscard]] std::string conninfo(const std::string& dbname = "converza") const;
  [[nodiscard]] const std::string& dir() const { return dir_; }

 private:
  Status Prepare();
  [[nodiscard]] std::vector<std::string> AsOwner(std::vector<std::string> argv) const;
  [[nodiscard]] std::string Bin(const std::string& tool) const;

  std::string data_dir_;
  std::string dir_;  // <data_dir>/pg: holds data/, the socket and the log
  int port_;
  std::string bindir_;
  bool as_postgres_user_;
};

}  // namespace converza::db
