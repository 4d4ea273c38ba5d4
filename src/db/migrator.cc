#include "db/migrator.h"

#include <openssl/evp.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace fs = std::filesystem;

namespace converza::db {
namespace {

// Bookkeeping lives in its own schema, outside `public` (which Supabase exposes over its API),
// as the Supabase CLI does with supabase_migrations.
constexpr std::string_view kCreateSchema = "create schema if not exists converza_migrations";
constexpr std::string_view kCreateTable = R"sql(
  create table if not exists converza_migrations.schema_migrations (
    version    text primary key,
    checksum   text not null,
    applied_at timestamptz not null default now()
  ))sql";
// Any constant will do; it only has to be the same for every migrator.
constexpr std::string_view kLock = "select pg_advisory_lock(7291001)";
constexpr std::string_view kUnlock = "select pg_advisory_unlock(7291001)";

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

}  // namespace

Result<MigrateReport> Migrate(Connection& c, const std::string& dir,
                              const std::function<void(const std::string&)>& progress) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".sql") files.push_back(e.path());
  }
  if (ec) return Status::NotFound("cannot read migrations directory " + dir + ": " + ec.message());
  std::sort(files.begin(), files.end());

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
  c.exec(kCreateTable);

  MigrateReport report;
  for (const auto& file : files) {
    std::ifstream in(file);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string sql = ss.str();
    const std::string version = file.stem().string();
    const std::string sum = Sha256Hex(sql);

    auto rows = c.exec(
        "select checksum from converza_migrations.schema_migrations where version = $1", {version});
    if (!rows.empty()) {
      if (rows.get(0, 0) != sum && progress) {
        progress("warning: " + version + " changed after it was applied; not re-run");
      }
      ++report.skipped;
      continue;
    }
    Transaction tx(c);
    try {
      c.exec_script(sql);
    } catch (const Error& e) {
      return Status::Internal("migration " + version + " failed: " + e.what());
    }
    tx.exec("insert into converza_migrations.schema_migrations (version, checksum) values ($1, $2)",
            {version, sum});
    tx.commit();
    ++report.applied;
    if (progress) progress("applied " + version);
  }
  return report;
}

}  // namespace converza::db
