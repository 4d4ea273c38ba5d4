#include "auth/password.h"

#include <crypt.h>

#include <memory>

#include "common/strings.h"

namespace converza::auth {
namespace {

bool IsBcrypt(std::string_view hash) {
  // $2?$NN$ + 22 salt + 31 hash characters.
  return hash.size() == 60 && hash[0] == '$' && hash[1] == '2' &&
         (hash[2] == 'a' || hash[2] == 'b' || hash[2] == 'y') && hash[3] == '$' && hash[6] == '$';
}

// crypt_rn needs a NUL-terminated password; bcrypt stops at the first NUL anyway, so a
// password containing one is refused rather than silently truncated.
std::string CString(std::string_view s) { return std::string(s); }

}  // namespace

Result<std::string> HashPassword(std::string_view password, int cost) {
  if (password.find('\0') != std::string_view::npos)
    return Status::InvalidArgument("password contains a NUL byte");
  char salt[CRYPT_GENSALT_OUTPUT_SIZE];
  if (crypt_gensalt_rn("$2b$", cost, nullptr, 0, salt, sizeof salt) == nullptr)
    return Status::Internal("bcrypt salt generation failed");
  auto data = std::make_unique<crypt_data>();
  const char* hash = crypt_rn(CString(password).c_str(), salt, data.get(), sizeof *data);
  if (hash == nullptr || hash[0] != '$') return Status::Internal("bcrypt is unavailable");
  return std::string(hash);
}

bool VerifyPassword(std::string_view password, std::string_view hash) {
  if (!IsBcrypt(hash) || password.find('\0') != std::string_view::npos) return false;
  auto data = std::make_unique<crypt_data>();  // ~32 KB: keep it off the handler's stack
  const std::string setting(hash);
  const char* computed =
      crypt_rn(CString(password).c_str(), setting.c_str(), data.get(), sizeof *data);
  if (computed == nullptr || computed[0] != '$') return false;
  return ConstantTimeEquals(computed, hash);
}

void BurnVerificationTime(std::string_view password) {
  // A valid cost-10 hash of a random-looking string: verification runs the full key schedule.
  static constexpr std::string_view kDecoy =
      "$2b$10$a1VsRN1tN42ISmBY1d5PAucHDZNV/9FH.fvIWyFBn/714pF5elaMu";
  (void)VerifyPassword(password, kDecoy);
}

}  // namespace converza::auth
