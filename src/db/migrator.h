// Migrator: applies db/migrations/*.sql in lexical order, each file in its own transaction,
// recording it in `converza_migrations.schema_migrations`. Applied files are skipped, so `converza
// migrate` is idempotent; an applied file whose contents changed is reported, never re-run
// (migrations are never edited once applied). A session advisory lock serialises concurrent
// migrators.
#pragma once

#include <functional>
#include <string>

#include "common/status.h"
#include "db/connection.h"

namespace converza::db {

struct MigrateReport {
  int applied = 0;
  int skipped = 0;
};

Result<MigrateReport> Migrate(Connection& c, const std::string& dir,
                              const std::function<void(const std::string&)>& progress = {});

}  // namespace converza::db
