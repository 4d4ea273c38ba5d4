// db::Connection: one libpq connection, owned (RAII), used by one thread at a time.
//
// Only parameterized statements are offered: SQL text is always a constant, user input travels
// as $n parameters. Failures are db::Error exceptions (they end the request or job that issued
// them; see src/README.md), carrying the SQLSTATE so callers can map e.g. 23505 or 42501.
#pragma once

#include <libpq-fe.h>

#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace converza::db {

class Error : public std::runtime_error {
 public:
  Error(std::string message, std::string sqlstate)
      : std::runtime_error(std::move(message)), sqlstate_(std::move(sqlstate)) {}
  [[nodiscard]] const std::string& sqlstate() const { return sqlstate_; }
  // Connection lost or server shutting down: the caller should answer 503 / retry later.
  [[nodiscard]] bool connection_lost() const {
    return sqlstate_.empty() || sqlstate_.rfind("08", 0) == 0 || sqlstate_.rfind("57P", 0) == 0;
  }

 private:
  std::string sqlstate_;
};

// A query parameter: text or SQL NULL.
using Param = std::optional<std::string>;

// The rows of one statement. Values are text; NULL is distinguishable with is_null().
class Rows {
 public:
  explicit Rows(PGresult* r) : r_(r, &PQclear) {}
  [[nodiscard]] int size() const { return PQntuples(r_.get()); }
  [[nodiscard]] bool empty() const { return size() == 0; }
  [[nodiscard]] int columns() const { return PQnfields(r_.get()); }
  [[nodiscard]] bool is_null(int row, int col) const { return PQgetisnull(r_.get(), row, col); }
  [[nodiscard]] std::string_view get(int row, int col) const {
    return {PQgetvalue(r_.get(), row, col),
            static_cast<std::size_t>(PQgetlength(r_.get(), row, col))};
  }
  [[nodiscard]] long long get_int(int row, int col) const;
  [[nodiscard]] bool get_bool(int row, int col) const { return get(row, col) == "t"; }
  [[nodiscard]] std::string_view column_name(int col) const { return PQfname(r_.get(), col); }
  // Rows changed by INSERT/UPDATE/DELETE.
  [[nodiscard]] long long affected() const;
  [[nodiscard]] const PGresult* raw() const { return r_.get(); }

 private:
  std::unique_ptr<PGresult, decltype(&PQclear)> r_;
};

class Connection {
 public:
  // Connects with a libpq connection string (keyword=value or URI). Throws db::Error.
  explicit Connection(const std::string& conninfo);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Statements with parameters are prepared on first use and reused by this connection (parse
  // and plan once), which is most of the cost of short statements such as a webhook's insert.
  Rows exec(std::string_view sql, const std::vector<Param>& params = {});
  // Runs a statement without preparing it, so the server plans it for these values every time
  // (an unnamed statement gets a custom plan). For statements whose best plan depends on their
  // values, where a cached generic plan can be far off (the calls list's page). The parameters
  // are sent as `text`, so a statement may leave some unused (several statements built over one
  // list of parameters) and one compared with another type needs a cast ($2::date).
  Rows exec_unprepared(std::string_view sql, const std::vector<Param>& params);
  // For statements without parameters that may hold several commands (migrations).
  void exec_script(const std::string& sql);
  bool healthy() const { return PQstatus(c_.get()) == CONNECTION_OK; }
  PGconn* raw() { return c_.get(); }

 private:
  // An unnamed statement (planned for its values); `types` null lets the server infer them.
  Rows ExecUnnamed(const std::string& sql, const std::vector<Param>& params, const Oid* types);
  // Throws db::Error unless `r` reports success; owns `r` either way.
  Rows Checked(PGresult* r);

  std::unique_ptr<PGconn, decltype(&PQfinish)> c_;
  std::unordered_map<std::string, std::string> prepared_;  // SQL text -> statement name
};

// RAII transaction: BEGIN on construction, ROLLBACK unless commit() was called.
class Transaction {
 public:
  explicit Transaction(Connection& c);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  Rows exec(std::string_view sql, const std::vector<Param>& params = {}) {
    return c_.exec(sql, params);
  }
  Rows exec_unprepared(std::string_view sql, const std::vector<Param>& params) {
    return c_.exec_unprepared(sql, params);
  }
  void commit();
  // Runs `fn` once the transaction has committed, never if it rolls back: for effects outside
  // the database (an e-mail) that must not announce a change that was not made. `fn` must not
  // throw.
  void AfterCommit(std::function<void()> fn) { after_commit_.push_back(std::move(fn)); }

 private:
  Connection& c_;
  bool done_ = false;
  std::vector<std::function<void()>> after_commit_;
};

// Makes the rest of `tx` run as a signed-in user exactly as PostgREST does: role
// `authenticated` (or the claims' role) and `request.jwt.claims` set transaction-locally, so
// row-level security, not C++ code, decides what the user can see. A non-empty
// `statement_timeout` ("8s") bounds each statement of the rest of the transaction, as Supabase
// bounds its API roles' statements, so one slow query cannot hold a connection for long; it also
// turns JIT off for them: a request's statements are short, and JIT's compile, decided from the
// planner's estimates, cost ~60 ms where the calls list's capped count was overestimated.
void SetUserContext(Transaction& tx, const std::string& role, const std::string& claims_json,
                    const std::string& statement_timeout = "");

}  // namespace converza::db
