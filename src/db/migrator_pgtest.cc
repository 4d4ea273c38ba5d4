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

TEST(MigratorTest, AppliesTheRealMigrationsOnceAndIsIdempotent) {
  EmptyDatabase edb;
  Connection c(edb.conninfo());
  const std::string dir = std::string(CONVERZA_SOURCE_DIR) + "/db/migrations";
  auto first = Migrate(c, dir);
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_GT(first->applied, 5);
  EXPECT_EQ(first->skipped, 0);
  auto second = Migrate(c, dir);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->applied, 0);
  EXPECT_EQ(second->skipped, first->applied);
  EXPECT_EQ(c.exec("select count(*) from converza_migrations.schema_migrations").get_int(0, 0),
            first->applied);
}

TEST(MigratorTest, AFailingFileIsRolledBackAndReported) {
  EmptyDatabase edb;
  Connection c(edb.conninfo());
  fs::path dir = fs::temp_directory_path() / ("mig-" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "001_ok.sql") << "create table t1 (id int);";
  std::ofstream(dir / "002_bad.sql") << "create table t2 (id int); select * from nope;";
  auto r = Migrate(c, dir.string());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("002_bad"), std::string::npos);
  // 001 stays applied; 002's partial work is gone.
  EXPECT_TRUE(c.exec("select to_regclass('t1') is not null").get_bool(0, 0));
  EXPECT_TRUE(c.exec("select to_regclass('t2') is null").get_bool(0, 0));

  // Editing an applied file is reported, not re-run.
  std::ofstream(dir / "001_ok.sql") << "create table t1 (id int, extra int);";
  fs::remove(dir / "002_bad.sql");
  std::vector<std::string> messages;
  auto again = Migrate(c, dir.string(), [&](const std::string& m) { messages.push_back(m); });
  ASSERT_TRUE(again.ok());
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_NE(messages[0].find("changed after it was applied"), std::string::npos);
  fs::remove_all(dir);
}

TEST(MigratorTest, MissingDirectoryIsNotFound) {
  EmptyDatabase edb;
  Connection c(edb.conninfo());
  auto r = Migrate(c, "/nonexistent/migrations");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kNotFound);
}

}  // namespace
}  // namespace converza::db
