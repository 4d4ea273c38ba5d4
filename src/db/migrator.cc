#include "db/migrator.h"

#include <openssl/evp.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>
#include <vector>

namespace fs = std::filesystem;

namespace converza::db {
namespace {

// Bookkeeping lives in its own schema, outside `public` (which Supabase exposes over its API),
// as the Supabase CLI does with supabase_migrations.
constexpr std::string_view kCreateSchema = "create schema if not exists converza_migrations";
constexpr std::string_view kCreateMigrations = R"sql(
  create table if not exists converza_migrations.schema_migrations (
    version    text primary key,
    checksum   text not null,
    applied_at timestamptz not null default now()
  ))sql";
constexpr std::string_view kCreateFunctionFiles = R"sql(
  create table if not exists converza_migrations.function_files (
    name       text primary key,
    checksum   text not null,
    applied_at timestamptz not null default now()
  ))sql";
// Any constant will do; it only has to be the same for every migrator.
constexpr std::string_view kLock = "select pg_advisory_lock(7291001)";
constexpr std::string_view kUnlock = "select pg_advisory_unlock(7291001)";

constexpr std::string_view kMigrationChecksum =
    "select checksum from converza_migrations.schema_migrations where version = $1";
constexpr std::string_view kRecordMigration =
    "insert into converza_migrations.schema_migrations (version, checksum) values ($1, $2)";
constexpr std::string_view kFunctionChecksum =
    "select checksum from converza_migrations.function_files where name = $1";
constexpr std::string_view kRecordFunction =
    "insert into converza_migrations.function_files (name, checksum) values ($1, $2)"
    " on conflict (name) do update set checksum = excluded.checksum, applied_at = now()";

// Tables of ours with at least 8 pages of which fewer than half are all-visible: what a
// rewrite leaves (its index builds record the pages; the new visibility map is empty). Tables
// without an index keep relpages 0 until analysed, and have no index-only scans to slow.
constexpr std::string_view kWithoutVisibilityMap = R"sql(
  select format('%I.%I', n.nspname, c.relname), c.relpages
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
   where c.relkind = 'r' and n.nspname not in ('pg_catalog', 'information_schema')
     and pg_has_role(c.relowner, 'USAGE')
     and c.relpages >= 8 and c.relallvisible < c.relpages / 2
   order by c.relpages desc)sql";

// An index of that name left invalid by a failed CREATE INDEX CONCURRENTLY.
constexpr std::string_view kInvalidIndex = R"sql(
  select format('%I.%I', n.nspname, c.relname)
    from pg_index i join pg_class c on c.oid = i.indexrelid
    join pg_namespace n on n.oid = c.relnamespace
   where c.relname = $1 and not i.indisvalid)sql";

using Progress = std::function<void(const std::string&)>;

std::string Sha256Hex(const std::string& data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < len; ++i) {
    out += hex[md[i] >> 4];
    out += hex[md[i] & 15];
  }
  return out;
}

// One *.sql file: its name without the extension (the key it is recorded under), its text and
// the SHA-256 of that text.
struct SqlFile {
  std::string name;
  std::string sql;
  std::string checksum;
};

// The *.sql files of `dir` in lexical order.
Result<std::vector<SqlFile>> ReadSqlFiles(const std::string& dir, const std::string& what) {
  std::vector<fs::path> paths;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".sql") paths.push_back(e.path());
  }
  if (ec)
    return Status::NotFound("cannot read " + what + " directory " + dir + ": " + ec.message());
  std::sort(paths.begin(), paths.end());
  std::vector<SqlFile> files;
  for (const auto& path : paths) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    if (!in) return Status::Internal("cannot read " + path.string());
    SqlFile f{path.stem().string(), ss.str(), ""};
    f.checksum = Sha256Hex(f.sql);
    files.push_back(std::move(f));
  }
  return files;
}

// A migration whose one statement (after comments) is CREATE INDEX CONCURRENTLY or DROP INDEX
// CONCURRENTLY. Neither blocks writes to the table, as a plain one does (for as long as a build
// takes, or while a drop waits for its lock, queueing every writer behind it: on a live `calls`,
// the voice webhook of every incoming call), but neither can run in a transaction: PostgreSQL
// runs a query of one statement outside any, and the migration is recorded after it. A build that
// fails leaves an invalid index of its name, which is dropped before the next try.
struct ConcurrentIndexStatement {
  std::string built;  // the index a build names; empty for a drop
};
std::optional<ConcurrentIndexStatement> ConcurrentIndex(const std::string& sql) {
  static const std::regex kStatement(
      R"(^(?:\s|--[^\n]*\n)*(?:(create\s+(?:unique\s+)?index\s+concurrently\s+(?:if\s+not\s+exists\s+)?)"
      R"(([a-z_][a-z0-9_]*)\s+on\s)|drop\s+index\s+concurrently\s+(?:if\s+exists\s+)?[a-z_][a-z0-9_.]*\s*;?\s*$))",
      std::regex::icase);
  std::smatch m;
  if (!std::regex_search(sql, m, kStatement)) return std::nullopt;
  return ConcurrentIndexStatement{m[1].matched ? m[2].str() : ""};
}

// Runs one migration and records it: in its own transaction, or, for a concurrent index build or
// drop, outside any (a build first drops an invalid index of its name that a failed build left).
Status ApplyMigration(Connection& c, const SqlFile& f) {
  auto failed = [&](const Error& e) {
    return Status::Internal("migration " + f.name + " failed: " + e.what());
  };
  if (auto statement = ConcurrentIndex(f.sql)) {
    try {
      if (!statement->built.empty()) {
        auto invalid = c.exec(kInvalidIndex, {statement->built});
        for (int i = 0; i < invalid.size(); ++i) {
          c.exec("drop index concurrently " + std::string(invalid.get(i, 0)));
        }
      }
      c.exec_script(f.sql);
      c.exec(kRecordMigration, {f.name, f.checksum});
    } catch (const Error& e) {
      return failed(e);
    }
    return Status::Ok();
  }
  Transaction tx(c);
  try {
    c.exec_script(f.sql);
  } catch (const Error& e) {
    return failed(e);
  }
  tx.exec(kRecordMigration, {f.name, f.checksum});
  tx.commit();
  return Status::Ok();
}

// Each migration not yet recorded, in order (ApplyMigration).
Status ApplyMigrations(Connection& c, const std::vector<SqlFile>& files, MigrateReport& report,
                       const Progress& progress) {
  for (const auto& f : files) {
    auto rows = c.exec(kMigrationChecksum, {f.name});
    if (!rows.empty()) {
      if (rows.get(0, 0) != f.checksum && progress) {
        progress("warning: " + f.name + " changed after it was applied; not re-run");
      }
      ++report.skipped;
      continue;
    }
    if (Status st = ApplyMigration(c, f); !st.ok()) return st;
    ++report.applied;
    if (progress) progress("applied " + f.name);
  }
  return Status::Ok();
}

// Every function file that is new or changed, all in one transaction.
Status ApplyFunctions(Connection& c, const std::vector<SqlFile>& files, MigrateReport& report,
                      const Progress& progress) {
  Transaction tx(c);
  std::vector<std::string> applied;
  for (const auto& f : files) {
    auto rows = tx.exec(kFunctionChecksum, {f.name});
    if (!rows.empty() && rows.get(0, 0) == f.checksum) {
      ++report.functions_unchanged;
      continue;
    }
    try {
      c.exec_script(f.sql);
    } catch (const Error& e) {
      return Status::Internal("function file " + f.name +
                              ".sql failed (no function file was applied): " + e.what());
    }
    tx.exec(kRecordFunction, {f.name, f.checksum});
    applied.push_back(f.name);
  }
  tx.commit();
  report.functions_applied = static_cast<int>(applied.size());
  if (progress) {
    for (const auto& name : applied) progress("applied function file " + name);
  }
  return Status::Ok();
}

// VACUUM (ANALYZE) of each table kWithoutVisibilityMap finds, outside any transaction. The
// schema is migrated already: a table that cannot be vacuumed now (a lock held too long) is
// reported and left to autovacuum.
void VacuumRewrittenTables(Connection& c, MigrateReport& report, const Progress& progress) {
  auto rows = c.exec(kWithoutVisibilityMap);
  for (int i = 0; i < rows.size(); ++i) {
    const std::string table(rows.get(i, 0));
    try {
      c.exec("vacuum (analyze) " + table);
      ++report.vacuumed;
      if (progress) {
        progress("vacuumed " + table + " (" + std::string(rows.get(i, 1)) +
                 " pages without a visibility map)");
      }
    } catch (const Error& e) {
      if (progress) progress("warning: could not vacuum " + table + ": " + e.what());
    }
  }
}

}  // namespace

Result<MigrateReport> Migrate(Connection& c, const MigrationDirs& dirs, const Progress& progress) {
  auto migrations = ReadSqlFiles(dirs.migrations, "migrations");
  if (!migrations.ok()) return migrations.status();
  auto functions = ReadSqlFiles(dirs.functions, "function files");
  if (!functions.ok()) return functions.status();

  c.exec(kLock);
  struct Unlock {
    Connection& c;
    ~Unlock() {
      try {
        c.exec(kUnlock);
      } catch (const Error&) {
      }
    }
  } unlock{c};
  c.exec(kCreateSchema);
  c.exec(kCreateMigrations);
  c.exec(kCreateFunctionFiles);

  MigrateReport report;
  if (Status st = ApplyMigrations(c, *migrations, report, progress); !st.ok()) return st;
  if (Status st = ApplyFunctions(c, *functions, report, progress); !st.ok()) return st;
  if (report.applied > 0) VacuumRewrittenTables(c, report, progress);
  return report;
}

}  // namespace converza::db
