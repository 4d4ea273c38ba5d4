#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "cli/commands.h"
#include "db/connection.h"
#include "db/local_cluster.h"
#include "db/migrator.h"

namespace converza::cli {

std::string DefaultMigrationsDir() {
  if (const char* d = std::getenv("CONVERZA_MIGRATIONS_DIR")) return d;
  return std::string(CONVERZA_SOURCE_DIR) + "/db/migrations";
}

std::string FunctionsDirBeside(const std::string& migrations_dir) {
  std::filesystem::path p(migrations_dir);
  if (!p.has_filename()) p = p.parent_path();  // "db/migrations/"
  return (p.parent_path() / "functions").string();
}

int Migrate(const Config& config, const std::string& dir, const std::string& functions_dir) {
  try {
    db::Connection c(config.migration_database_url);
    auto report =
        db::Migrate(c, {.migrations = dir, .functions = functions_dir},
                    [](const std::string& line) { std::printf("migrate: %s\n", line.c_str()); });
    if (!report.ok()) {
      std::fprintf(stderr, "migrate: %s\n", report.status().message().c_str());
      return 1;
    }
    std::printf(
        "migrate: %d applied, %d already up to date; function files: %d applied, %d unchanged; "
        "%d tables vacuumed\n",
        report->applied, report->skipped, report->functions_applied, report->functions_unchanged,
        report->vacuumed);
    return 0;
  } catch (const db::Error& e) {
    std::fprintf(stderr,
                 "migrate: cannot connect (MIGRATION_DATABASE_URL, else DATABASE_URL): %s\n",
                 e.what());
    return 1;
  }
}

int DbStart(const Config& config) {
  db::LocalCluster cluster(config.data_dir, config.pg_port);
  if (Status st = cluster.Start(); !st.ok()) {
    std::fprintf(stderr, "db start: %s\n", st.message().c_str());
    return 1;
  }
  std::printf("db: running in %s on port %d (socket only)\n", cluster.dir().c_str(),
              config.pg_port);
  return 0;
}

int DbStop(const Config& config) {
  db::LocalCluster cluster(config.data_dir, config.pg_port);
  if (Status st = cluster.Stop(); !st.ok()) {
    std::fprintf(stderr, "db stop: %s\n", st.message().c_str());
    return 1;
  }
  std::printf("db: stopped\n");
  return 0;
}

int DbStatus(const Config& config) {
  db::LocalCluster cluster(config.data_dir, config.pg_port);
  if (Status st = cluster.Check(); !st.ok()) {
    std::printf("db: %s\n", st.message().c_str());
    return 3;  // like pg_ctl status: not running
  }
  std::printf("db: running in %s on port %d\n", cluster.dir().c_str(), config.pg_port);
  return 0;
}

}  // namespace converza::cli
