#include "twilio/sandbox/credentials.h"

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace converza::twilio::sandbox {

Result<Credentials> LoadOrCreateCredentials(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::Internal("cannot create " + dir + ": " + ec.message());
  fs::path path = fs::path(dir) / "credentials.json";
  Credentials c;
  if (std::ifstream in(path); in) {
    std::ostringstream ss;
    ss << in.rdbuf();
    boost::system::error_code pec;
    auto v = boost::json::parse(ss.str(), pec);
    const boost::json::object* o = !pec && v.is_object() ? &v.get_object() : nullptr;
    auto field = [&](const char* k) -> std::string {
      auto* f = o ? o->if_contains(k) : nullptr;
      return f && f->is_string() ? std::string(f->get_string()) : std::string();
    };
    c.account_sid = field("account_sid");
    c.auth_token = field("auth_token");
    if (auto key = field("api_key"); !key.empty()) {
      c.api_key = key;
      c.api_secret = field("api_secret");
    }
    if (c.account_sid.size() != 34 || c.account_sid.rfind("AC", 0) != 0 || c.auth_token.empty()) {
      return Status::InvalidArgument(path.string() +
                                     ": needs \"account_sid\" (AC + 32 hex) and \"auth_token\"");
    }
    if (c.api_key.size() != 34 || c.api_key.rfind("SK", 0) != 0 || c.api_secret.empty()) {
      return Status::InvalidArgument(path.string() +
                                     ": \"api_key\" must be SK + 32 hex, with an \"api_secret\"");
    }
    return c;
  }
  std::ofstream out(path, std::ios::trunc);
  out << boost::json::serialize(boost::json::object{{"account_sid", c.account_sid},
                                                    {"auth_token", c.auth_token},
                                                    {"api_key", c.api_key},
                                                    {"api_secret", c.api_secret}})
      << "\n";
  if (!out) return Status::Internal("cannot write " + path.string());
  return c;
}

}  // namespace converza::twilio::sandbox
