#include "db/connection.h"

#include <charconv>

namespace converza::db {
namespace {

[[noreturn]] void Throw(PGconn* c, const PGresult* r) {
  std::string state;
  std::string msg;
  if (r != nullptr) {
    if (const char* s = PQresultErrorField(r, PG_DIAG_SQLSTATE)) state = s;
    msg = PQresultErrorMessage(r);
  }
  if (msg.empty() && c != nullptr) msg = PQerrorMessage(c);
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  throw Error(msg.empty() ? "database error" : msg, state);
}

// libpq's view of the parameters: pointers and lengths, NULL for SQL NULL.
struct ParamArrays {
  explicit ParamArrays(const std::vector<Param>& params) {
    values.reserve(params.size());
    lengths.reserve(params.size());
    for (const auto& p : params) {
      values.push_back(p ? p->data() : nullptr);
      lengths.push_back(p ? static_cast<int>(p->size()) : 0);
    }
  }
  std::vector<const char*> values;
  std::vector<int> lengths;
};

}  // namespace

long long Rows::get_int(int row, int col) const {
  auto v = get(row, col);
  long long out = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc() || p != v.data() + v.size()) {
    throw Error("column " + std::string(column_name(col)) + " is not an integer", "");
  }
  return out;
}

long long Rows::affected() const {
  const char* n = PQcmdTuples(r_.get());
  return (n && *n) ? std::atoll(n) : 0;
}

Connection::Connection(const std::string& conninfo) : c_(PQconnectdb(conninfo.c_str()), &PQfinish) {
  if (PQstatus(c_.get()) != CONNECTION_OK) Throw(c_.get(), nullptr);
}

Rows Connection::exec(std::string_view sql, const std::vector<Param>& params) {
  constexpr std::size_t kMaxPrepared = 256;
  std::string text(sql);
  auto it = prepared_.find(text);
  if (it == prepared_.end() && !params.empty() && prepared_.size() < kMaxPrepared) {
    std::string name = "cz" + std::to_string(prepared_.size());
    Rows prep(
        PQprepare(c_.get(), name.c_str(), text.c_str(), static_cast<int>(params.size()), nullptr));
    if (PQresultStatus(prep.raw()) != PGRES_COMMAND_OK) Throw(c_.get(), prep.raw());
    it = prepared_.emplace(text, std::move(name)).first;
  }
  if (it == prepared_.end()) return ExecUnnamed(text, params, nullptr);
  const ParamArrays p(params);
  return Checked(PQexecPrepared(c_.get(), it->second.c_str(), static_cast<int>(params.size()),
                                p.values.data(), p.lengths.data(), nullptr, 0));
}

Rows Connection::exec_unprepared(std::string_view sql, const std::vector<Param>& params) {
  constexpr Oid kTextOid = 25;  // pg_type.oid of `text` (src/include/catalog/pg_type.dat)
  const std::vector<Oid> types(params.size(), kTextOid);
  return ExecUnnamed(std::string(sql), params, types.data());
}

Rows Connection::ExecUnnamed(const std::string& sql, const std::vector<Param>& params,
                             const Oid* types) {
  const ParamArrays p(params);
  return Checked(PQexecParams(c_.get(), sql.c_str(), static_cast<int>(params.size()), types,
                              p.values.data(), p.lengths.data(), nullptr, 0));
}

Rows Connection::Checked(PGresult* r) {
  auto st = PQresultStatus(r);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
    Rows guard(r);
    Throw(c_.get(), r);
  }
  return Rows(r);
}

void Connection::exec_script(const std::string& sql) {
  PGresult* r = PQexec(c_.get(), sql.c_str());
  Rows guard(r);
  auto st = PQresultStatus(r);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) Throw(c_.get(), r);
}

Transaction::Transaction(Connection& c) : c_(c) { c_.exec("begin"); }

Transaction::~Transaction() {
  if (done_) return;
  try {
    c_.exec("rollback");
  } catch (const Error&) {
    // The connection is broken; the pool discards it, and Postgres rolls back on its own.
  }
}

void Transaction::commit() {
  done_ = true;
  c_.exec("commit");
  for (auto& fn : after_commit_) fn();
  after_commit_.clear();
}

void SetUserContext(Transaction& tx, const std::string& role, const std::string& claims_json,
                    const std::string& statement_timeout) {
  // Same order as PostgREST: role first, then the claims; one round trip
  // (docs/architecture.md#postgrest-role-and-claims).
  if (statement_timeout.empty()) {
    tx.exec("select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)",
            {role, claims_json});
  } else {
    tx.exec(
        "select set_config('role', $1, true), set_config('request.jwt.claims', $2, true),"
        " set_config('statement_timeout', $3, true), set_config('jit', 'off', true)",
        {role, claims_json, statement_timeout});
  }
}

}  // namespace converza::db
