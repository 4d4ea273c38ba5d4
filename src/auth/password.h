// Password hashing compatible with Supabase's auth.users.encrypted_password: bcrypt, cost 10,
// as GoTrue writes it (`$2a$10$...`). Verification accepts every bcrypt variant libcrypt knows
// ($2a$, $2b$, $2y$) at any cost, so users seeded through pgcrypto (`$2a$06$`) or imported from a
// Supabase project sign in unchanged. libxcrypt's crypt_rn does the work (reentrant: thread-safe).
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace converza::auth {

inline constexpr int kBcryptCost = 10;

// A new `$2b$10$...` hash of `password` with a random salt. Internal error when libcrypt
// cannot produce one. Passwords longer than 72 bytes are refused by the callers (bcrypt would
// silently ignore the rest).
Result<std::string> HashPassword(std::string_view password, int cost = kBcryptCost);

// True when `password` matches `hash` (constant-time comparison). False for anything that is
// not a bcrypt hash, including an empty or NULL column.
bool VerifyPassword(std::string_view password, std::string_view hash);

// Spends the time of one cost-10 verification without a real hash, so that "no such user"
// takes as long as "wrong password" and response times do not reveal which emails exist.
void BurnVerificationTime(std::string_view password);

}  // namespace converza::auth
