// Migrator: brings a database's schema up to date from two directories of SQL.
//
//   migrations  db/migrations/*.sql, history: applied once each, in lexical order, each in its own
//               transaction, recorded with its SHA-256 in `converza_migrations.schema_migrations`.
//               An applied file whose contents changed is reported, never re-run (deployed
//               databases have run it; migrations are never edited once applied). A migration
//               that is one CREATE or DROP INDEX CONCURRENTLY (which does not block writes to
//               the table, and cannot run in a transaction) runs outside one, recorded after it;
//               an invalid index a failed build left is dropped before it runs again.
//   functions   db/functions/*.sql, the current definition of each SQL function (`create or
//               replace function`, its comment and grants): applied after the migrations when the
//               file is new or its SHA-256 differs from the one recorded in
//               `converza_migrations.function_files`. All changed files are applied in one
//               transaction, in lexical order: a failing file is reported and changes nothing.
//               Dropping a function, or changing its arguments or result type, is a migration.
//
// Running it again changes nothing, so `converza migrate` is idempotent. A session advisory lock
// serialises concurrent migrators.
//
// After a run that applied migrations, the tables one left without a visibility map are
// vacuumed. A migration that rewrites a table (a stored generated column, a type change) leaves
// its visibility map empty, and until VACUUM sets it every index-only scan reads the heap: the
// calls list of a 1M-call tenant went from 7 to 24 ms (docs/benchmarks.md, 2026-12-07). A
// rewrite leaves no dead rows, so autovacuum may not come for a long time.
#pragma once

#include <functional>
#include <string>

#include "common/status.h"
#include "db/connection.h"

namespace converza::db {

struct MigrationDirs {
  std::string migrations;  // e.g. db/migrations
  std::string functions;   // e.g. db/functions
};

struct MigrateReport {
  int applied = 0;              // migrations run now
  int skipped = 0;              // migrations run before
  int functions_applied = 0;    // function files new or changed since they were last applied
  int functions_unchanged = 0;  // function files applied before with the same contents
  int vacuumed = 0;             // tables vacuumed after the migrations (see above)
};

Result<MigrateReport> Migrate(Connection& c, const MigrationDirs& dirs,
                              const std::function<void(const std::string&)>& progress = {});

}  // namespace converza::db
