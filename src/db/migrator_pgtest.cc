#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "db/migrator.h"
#include "test_cluster.h"

namespace converza::db {
namespace {

namespace fs = std::filesystem;

// A database with nothing in it (template0), so the real migrations run from scratch.
class EmptyDatabase {
 public:
  EmptyDatabase() : name_("m_" + std::to_string(getpid()) + "_" + std::to_string(counter_++)) {
    Connection(testing::ClusterConninfo("postgres"))
        .exec("create database " + name_ + " template template0");
  }
  ~EmptyDatabase() {
    Connection(testing::ClusterConninfo("postgres"))
        .exec("drop database " + name_ + " with (force)");
  }
  [[nodiscard]] std::string conninfo() const { return testing::ClusterConninfo(name_); }

 private:
  static inline int counter_ = 0;
  std::string name_;
};

// Empty migrations/ and functions/ directories of one test, deleted with it.
class SqlDirs {
 public:
  SqlDirs() : root_(fs::temp_directory_path() / ("mig-" + std::to_string(getpid()))) {
    fs::remove_all(root_);
    fs::create_directories(root_ / "migrations");
    fs::create_directories(root_ / "functions");
  }
  ~SqlDirs() { fs::remove_all(root_); }
  [[nodiscard]] MigrationDirs dirs() const {
    return {.migrations = (root_ / "migrations").string(),
            .functions = (root_ / "functions").string()};
  }
  void Write(const std::string& file, const std::string& sql) const {
    std::ofstream(root_ / file) << sql;
  }
  void Remove(const std::string& file) const { fs::remove(root_ / file); }

 private:
  fs::path root_;
};

// A function file defining `name`() to return `value`.
std::string Function(const std::string& name, int value) {
  return "create or replace function public." + name + "() returns int language sql as $$ select " +
         std::to_string(value) + " $$;";
}

TEST(MigratorTest, AppliesTheRealMigrationsOnceAndIsIdempotent) {
  EmptyDatabase edb;
  Connection c(edb.conninfo());
  const MigrationDirs dirs{.migrations = std::string(CONVERZA_SOURCE_DIR) + "/db/migrations",
                           .functions = std::string(CONVERZA_SOURCE_DIR) + "/db/functions"};
  auto first = Migrate(c, dirs);
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_GT(first->applied, 5);
  EXPECT_EQ(first->skipped, 0);
  EXPECT_GT(first->functions_applied, 5);
  EXPECT_EQ(first->functions_unchanged, 0);
  auto second = Migrate(c, dirs);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->applied, 0);
  EXPECT_EQ(second->skipped, first->applied);
  EXPECT_EQ(second->functions_applied, 0);
  EXPECT_EQ(second->functions_unchanged, first->functions_applied);
  EXPECT_EQ(c.exec("select count(*) from converza_migrations.schema_migrations").get_int(0, 0),
            first->applied);
  EXPECT_EQ(c.exec("select count(*) from converza_migrations.function_files").get_int(0, 0),
            first->functions_applied);
}

TEST(MigratorTest, AFailingFileIsRolledBackAndReported) {
  EmptyDatabase edb;
  Connection c(edb.conninfo());
  SqlDirs sql;
  sql.Write("migrations/001_ok.sql", "create table t1 (id int);");
  sql.Write("migrations/002_bad.sql", "create table t2 (id int); select * from nope;");
  auto r = Migrate(c, sql.dirs());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("002_bad"), std::string::npos);
  // 001 stays applied; 002's partial work is gone.
  EXPECT_TRUE(c.exec("select to_regclass('t1') is not null").get_bool(0, 0));
  EXPECT_TRUE(c.exec("select to_regclass('t2') is null").get_bool(0, 0));

  // Editing an applied file is reported, not re-run.
  sql.Write("migrations/001_ok.sql", "create table t1 (id int, extra int);");
  sql.Remove("migrations/002_bad.sql");
  std::vector<std::string> messages;
  auto again = Migrate(c, sql.dirs(), [&](const std::string& m) { messages.push_back(m); });
  ASSERT_TRUE(again.ok());
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_NE(messages[0].find("changed after it was applied"), std::string::npos);
}

// A migration that rewrites a table leaves it without a visibility map: the run that applied
// it vacuums the table; a run that applies nothing vacuums nothing.
TEST(MigratorTest, ATableAMigrationRewroteIsVacuumed) {
  EmptyDatabase edb;
  Connection c(edb.conninfo());
  SqlDirs sql;
  sql.Write("migrations/001_table.sql",
            "create table t (id int primary key, v int);"
            "insert into t select g, g from generate_series(1, 20000) g;");
  auto first = Migrate(c, sql.dirs());
  ASSERT_TRUE(first.ok()) << first.status().message();
  c.exec("vacuum t");  // as autovacuum would have, long before the next release
  auto all_visible = [&] {
    return c
        .exec("select relpages >= 8 and relallvisible = relpages from pg_class where relname = 't'")
        .get_bool(0, 0);
  };
  ASSERT_TRUE(all_visible());
  sql.Write("migrations/002_rewrite.sql",
            "alter table t add column w int generated always as (v * 2) stored;");
  std::vector<std::string> messages;
  auto second = Migrate(c, sql.dirs(), [&](const std::string& m) { messages.push_back(m); });
  ASSERT_TRUE(second.ok()) << second.status().message();
  EXPECT_EQ(second->applied, 1);
  EXPECT_EQ(second->vacuumed, 1);
  EXPECT_TRUE(all_visible());
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_NE(messages[1].find("vacuumed public.t"), std::string::npos) << messages[1];
  auto third = Migrate(c, sql.dirs());
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->vacuumed, 0);
}

TEST(MigratorTest, AFunctionFileIsAppliedAgainOnlyWhenItChanges) {
  EmptyDatabase edb;
  Connection c(edb.conninfo());
  SqlDirs sql;
  sql.Write("functions/public.answer.sql", Function("answer", 1));
  sql.Write("functions/public.other.sql", Function("other", 1));
  auto first = Migrate(c, sql.dirs());
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(first->functions_applied, 2);
  EXPECT_EQ(c.exec("select public.answer()").get_int(0, 0), 1);

  // Unchanged: not applied again, even when the database's copy differs (only the file counts).
  c.exec_script(Function("answer", 7));
  auto unchanged = Migrate(c, sql.dirs());
  ASSERT_TRUE(unchanged.ok());
  EXPECT_EQ(unchanged->functions_applied, 0);
  EXPECT_EQ(unchanged->functions_unchanged, 2);
  EXPECT_EQ(c.exec("select public.answer()").get_int(0, 0), 7);

  sql.Write("functions/public.answer.sql", Function("answer", 2));
  std::vector<std::string> messages;
  auto changed = Migrate(c, sql.dirs(), [&](const std::string& m) { messages.push_back(m); });
  ASSERT_TRUE(changed.ok()) << changed.status().message();
  EXPECT_EQ(changed->functions_applied, 1);
  EXPECT_EQ(changed->functions_unchanged, 1);
  EXPECT_EQ(c.exec("select public.answer()").get_int(0, 0), 2);
  EXPECT_EQ(messages, std::vector<std::string>{"applied function file public.answer"});
}

TEST(MigratorTest, AFailingFunctionFileChangesNothing) {
  EmptyDatabase edb;
  Connection c(edb.conninfo());
  SqlDirs sql;
  sql.Write("functions/public.answer.sql", Function("answer", 1));
  ASSERT_TRUE(Migrate(c, sql.dirs()).ok());

  // answer.sql sorts before broken.sql and applies, but the whole batch rolls back.
  sql.Write("functions/public.answer.sql", Function("answer", 2));
  sql.Write("functions/public.broken.sql",
            "create or replace function public.broken() returns int language sql as "
            "$$ select * from nope $$;");
  auto r = Migrate(c, sql.dirs());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("public.broken.sql"), std::string::npos)
      << r.status().message();
  EXPECT_NE(r.status().message().find("nope"), std::string::npos) << r.status().message();
  EXPECT_EQ(c.exec("select public.answer()").get_int(0, 0), 1);
  EXPECT_TRUE(c.exec("select to_regprocedure('public.broken()') is null").get_bool(0, 0));

  // Nothing was recorded either: once fixed, both apply.
  sql.Write("functions/public.broken.sql", Function("broken", 3));
  auto fixed = Migrate(c, sql.dirs());
  ASSERT_TRUE(fixed.ok()) << fixed.status().message();
  EXPECT_EQ(fixed->functions_applied, 2);
  EXPECT_EQ(c.exec("select public.answer() + public.broken()").get_int(0, 0), 5);
}

// A migration that is one CREATE INDEX CONCURRENTLY runs outside a transaction (inside one,
// PostgreSQL refuses it). A build that fails is not recorded, and leaves an invalid index that
// the next run drops and builds again. One that is DROP INDEX CONCURRENTLY runs outside one too.
TEST(MigratorTest, AnIndexBuiltConcurrentlyIsBuiltAgainAfterAFailure) {
  EmptyDatabase edb;
  Connection c(edb.conninfo());
  SqlDirs sql;
  sql.Write("migrations/001_table.sql",
            "create table t (id int primary key, v int);"
            "insert into t select g, g % 10 from generate_series(1, 100) g;");
  sql.Write("migrations/002_index.sql",
            "-- Unique, which the table's duplicates make fail.\n"
            "create unique index concurrently t_v_idx on t (v);\n");
  auto failed = Migrate(c, sql.dirs());
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.status().message().find("002_index"), std::string::npos)
      << failed.status().message();
  auto state = [&] {
    return std::string(
        c.exec("select (select string_agg(version, ',' order by version)"
               "         from converza_migrations.schema_migrations)"
               "    || ' ' || coalesce((select indisvalid::text from pg_index"
               "                         where indexrelid = to_regclass('t_v_idx')), 'none')")
            .get(0, 0));
  };
  EXPECT_EQ(state(), "001_table false");

  c.exec("delete from t where id > 10");
  auto again = Migrate(c, sql.dirs());
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->applied, 1);
  EXPECT_EQ(state(), "001_table,002_index true");

  // Dropped concurrently: outside a transaction too, or PostgreSQL refuses it.
  sql.Write("migrations/003_drop.sql",
            "-- Replaced by another.\ndrop index concurrently if exists public.t_v_idx;\n");
  auto dropped = Migrate(c, sql.dirs());
  ASSERT_TRUE(dropped.ok()) << dropped.status().message();
  EXPECT_EQ(dropped->applied, 1);
  EXPECT_EQ(state(), "001_table,002_index,003_drop none");
}

// What a migration does to rows written before it. Copies the real file `dir`/`name` (dir:
// "migrations" or "functions") into `sql`.
void CopyRealFile(const SqlDirs& sql, const std::string& dir, const std::string& name) {
  std::ifstream in(fs::path(CONVERZA_SOURCE_DIR) / "db" / dir / name);
  sql.Write(dir + "/" + name, std::string(std::istreambuf_iterator<char>(in), {}));
}

// Copies the real migrations that sort before `first_new` and the real function files.
void CopyRealMigrationsBefore(const SqlDirs& sql, const std::string& first_new) {
  for (const std::string dir : {"migrations", "functions"}) {
    for (const auto& entry : fs::directory_iterator(fs::path(CONVERZA_SOURCE_DIR) / "db" / dir)) {
      const std::string name = entry.path().filename().string();
      if (dir == "migrations" && name >= first_new) continue;
      CopyRealFile(sql, dir, name);
    }
  }
}

// 20261218100100: an insight written without a sentiment (none of our analyzers did) gets what
// an override of its label would give it, and none can be written without one after.
TEST(MigratorTest, AnInsightWithoutASentimentGetsWhatAnOverrideOfItsLabelWould) {
  EmptyDatabase edb;
  Connection c(edb.conninfo());
  SqlDirs sql;
  const std::string migration = "20261218100100_every_insight_has_a_sentiment.sql";
  CopyRealMigrationsBefore(sql, migration);
  ASSERT_TRUE(Migrate(c, sql.dirs()).ok());
  c.exec_script(R"sql(
    -- The function files are today's: the call's trigger (private.copy_call_to_children) also
    -- writes the copies on the search documents, a table a later migration creates.
    create table public.transcript_documents (tenant_id uuid, call_id uuid, started_at timestamptz,
      sort_ai_score int, sort_upsell_cents bigint, sort_sentiment real, sort_duration_s int);
    insert into public.tenants (id, name, slug) values ('aaaaaaaa-0000-4000-8000-000000000000', 'A', 'a');
    insert into public.calls (tenant_id, id, call_sid)
    select 'aaaaaaaa-0000-4000-8000-000000000000', ('aaaaaaaa-ca11-4000-8000-00000000000' || n)::uuid, 'CA' || n
      from generate_series(1, 5) n;
    insert into public.insights (tenant_id, call_id, sentiment_score, sentiment_label)
    values ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000001', null, 'positive'),
           ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000002', -0.5, null),
           ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000003', null, null),
           ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000004', 0.3, 'positive');
  )sql");
  CopyRealFile(sql, "migrations", migration);
  auto r = Migrate(c, sql.dirs());
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->applied, 1);
  // The score, the label and the analyzer's copy of them (ai_values), and the call's sort key;
  // the call without an insight keeps the sentinel.
  auto rows = c.exec(
      "select string_agg(concat_ws(' ', right(c.id::text, 1), i.sentiment_score, i.sentiment_label,"
      "  i.ai_values -> 'sentiment' ->> 'score', c.sort_sentiment), ', ' order by c.id)"
      " from public.calls c left join public.insights i on i.call_id = c.id");
  EXPECT_EQ(std::string(rows.get(0, 0)),
            "1 0.6 positive 0.6 0.6, 2 -0.5 negative -0.5 -0.5, 3 0 neutral 0 0, "
            "4 0.3 positive 0.3 0.3, 5 -2");
  EXPECT_THROW(c.exec_script("insert into public.insights (tenant_id, call_id, sentiment_label)"
                             " values ('aaaaaaaa-0000-4000-8000-000000000000',"
                             " 'aaaaaaaa-ca11-4000-8000-000000000005', 'neutral')"),
               Error);
}

TEST(MigratorTest, MissingDirectoryIsNotFound) {
  EmptyDatabase edb;
  Connection c(edb.conninfo());
  SqlDirs sql;
  auto r = Migrate(c, {.migrations = "/nonexistent/migrations", .functions = sql.dirs().functions});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kNotFound);
  auto f = Migrate(c, {.migrations = sql.dirs().migrations, .functions = "/nonexistent/functions"});
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().code(), Status::Code::kNotFound);
  EXPECT_NE(f.status().message().find("/nonexistent/functions"), std::string::npos);
}

}  // namespace
}  // namespace converza::db
