#include "two_tenants.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace converza::testing {

void LoadTwoTenants(db::Connection& conn) {
  const std::string path = std::string(CONVERZA_SOURCE_DIR) + "/tests/support/two_tenants.sql";
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream sql;
  sql << in.rdbuf();
  conn.exec_script(sql.str());
}

}  // namespace converza::testing
