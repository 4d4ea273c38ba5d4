#include "common/base64.h"

#include <gtest/gtest.h>

namespace converza {
namespace {

// RFC 4648 §10 test vectors.
TEST(Base64Test, Rfc4648Vectors) {
  constexpr std::pair<const char*, const char*> kVectors[] = {{"", ""},
                                                              {"f", "Zg=="},
                                                              {"fo", "Zm8="},
                                                              {"foo", "Zm9v"},
                                                              {"foob", "Zm9vYg=="},
                                                              {"fooba", "Zm9vYmE="},
                                                              {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, encoded] : kVectors) {
    EXPECT_EQ(Base64Encode(plain), encoded);
    auto back = Base64Decode(encoded);
    ASSERT_TRUE(back.ok()) << encoded;
    EXPECT_EQ(*back, plain);
  }
}

TEST(Base64Test, BinaryRoundTripAndBadInput) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  EXPECT_EQ(*Base64Decode(Base64Encode(bytes)), bytes);
  EXPECT_EQ(*Base64Decode("Zm9v\nYmFy"), "foobar");  // line breaks are ignored
  EXPECT_FALSE(Base64Decode("Zm9").ok());
  EXPECT_FALSE(Base64Decode("Zm9v!!==").ok());
}

TEST(Base64UrlTest, UrlAlphabetWithoutPadding) {
  std::string bytes = "\xfb\xff\xbf?";  // encodes to characters that differ between alphabets
  EXPECT_EQ(Base64Encode(bytes), "+/+/Pw==");
  EXPECT_EQ(Base64UrlEncode(bytes), "-_-_Pw");
  EXPECT_EQ(*Base64UrlDecode("-_-_Pw"), bytes);
  EXPECT_EQ(*Base64UrlDecode("eyJhbGciOiJIUzI1NiJ9"), R"({"alg":"HS256"})");
  EXPECT_FALSE(Base64UrlDecode("+/+/Pw").ok());  // the standard alphabet is not base64url
  EXPECT_FALSE(Base64UrlDecode("abcde").ok());
}

}  // namespace
}  // namespace converza
