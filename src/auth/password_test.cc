#include "auth/password.h"

#include <crypt.h>
#include <gtest/gtest.h>

namespace converza::auth {
namespace {

// Openwall's crypt_blowfish test vectors (also in OpenBSD's and libxcrypt's suites).
TEST(PasswordTest, VerifiesPublishedBcryptVectors) {
  EXPECT_TRUE(
      VerifyPassword("U*U", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"));
  EXPECT_TRUE(
      VerifyPassword("U*U*", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.VGOzA784oUp/Z0DY336zx7pLYAy0lwK"));
  EXPECT_TRUE(
      VerifyPassword("U*U*U", "$2a$05$XXXXXXXXXXXXXXXXXXXXXOAcXxm9kjPGEMsLznoKqmqw7tc8WCx4a"));
  EXPECT_TRUE(VerifyPassword("", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.7uG0VCzI2bS7j6ymqJi9CdcdxiRTWNy"));
  EXPECT_TRUE(VerifyPassword(
      "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789chars after 72 "
      "are ignored",
      "$2a$05$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui"));
  EXPECT_FALSE(
      VerifyPassword("U*U ", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"));
}

// `converza seed` writes `$2a$` cost-10 hashes exactly as GoTrue does; they must verify.
TEST(PasswordTest, VerifiesHashesMadeTheWayTheSeedMakesThem) {
  char salt[CRYPT_GENSALT_OUTPUT_SIZE];
  ASSERT_NE(crypt_gensalt_rn("$2a$", 10, nullptr, 0, salt, sizeof salt), nullptr);
  crypt_data data{};
  std::string seeded = crypt_rn("converza-demo", salt, &data, sizeof data);
  ASSERT_EQ(seeded.substr(0, 7), "$2a$10$");
  EXPECT_TRUE(VerifyPassword("converza-demo", seeded));
  EXPECT_FALSE(VerifyPassword("converza-demo!", seeded));
}

TEST(PasswordTest, NewHashesAreBcryptCost10AndSalted) {
  auto a = HashPassword("correct horse battery staple");
  auto b = HashPassword("correct horse battery staple");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->substr(0, 7), "$2b$10$");
  EXPECT_EQ(a->size(), 60u);
  EXPECT_NE(*a, *b);
  EXPECT_TRUE(VerifyPassword("correct horse battery staple", *a));
  EXPECT_FALSE(VerifyPassword("correct horse battery stapler", *a));
}

TEST(PasswordTest, RefusesNonBcryptAndNulBytes) {
  EXPECT_FALSE(VerifyPassword("x", ""));
  EXPECT_FALSE(VerifyPassword("x", "$1$abcdefgh$abcdefghijklmnopqrstuv"));  // MD5-crypt
  EXPECT_FALSE(VerifyPassword("x", "plaintext"));
  EXPECT_FALSE(HashPassword(std::string("a\0b", 3)).ok());
  BurnVerificationTime("anything");  // must not crash
}

}  // namespace
}  // namespace converza::auth
