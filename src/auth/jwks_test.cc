// ES256/RS256 verification against keys generated here with OpenSSL: the test signs tokens the
// way Supabase's asymmetric signing keys do (JOSE: ES256 signatures are raw r||s), publishes the
// public halves as a JWKS, and checks what the verifier accepts and refuses.
#include "auth/jwks.h"

#include <gtest/gtest.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <thread>

#include "auth/jwks_cache.h"
#include "auth/jwt.h"
#include "auth/token_verifier.h"
#include "common/base64.h"
#include "http/router.h"
#include "local_server.h"

namespace converza::auth {
namespace {

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

std::string BnParam(EVP_PKEY* key, const char* name, int pad = 0) {
  BIGNUM* bn = nullptr;
  EXPECT_EQ(EVP_PKEY_get_bn_param(key, name, &bn), 1);
  std::string out(pad > 0 ? pad : BN_num_bytes(bn), '\0');
  BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(out.size()));
  BN_free(bn);
  return out;
}

std::string EcJwk(EVP_PKEY* key, const std::string& kid) {
  return R"({"kty":"EC","crv":"P-256","alg":"ES256","use":"sig","kid":")" + kid + R"(","x":")" +
         Base64UrlEncode(BnParam(key, OSSL_PKEY_PARAM_EC_PUB_X, 32)) + R"(","y":")" +
         Base64UrlEncode(BnParam(key, OSSL_PKEY_PARAM_EC_PUB_Y, 32)) + "\"}";
}

std::string RsaJwk(EVP_PKEY* key, const std::string& kid) {
  return R"({"kty":"RSA","alg":"RS256","use":"sig","kid":")" + kid + R"(","n":")" +
         Base64UrlEncode(BnParam(key, OSSL_PKEY_PARAM_RSA_N)) + R"(","e":")" +
         Base64UrlEncode(BnParam(key, OSSL_PKEY_PARAM_RSA_E)) + "\"}";
}

std::string DigestSign(EVP_PKEY* key, std::string_view data) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  size_t len = 0;
  EXPECT_EQ(EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key), 1);
  EXPECT_EQ(EVP_DigestSign(ctx, nullptr, &len, reinterpret_cast<const unsigned char*>(data.data()),
                           data.size()),
            1);
  std::string sig(len, '\0');
  EXPECT_EQ(EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &len,
                           reinterpret_cast<const unsigned char*>(data.data()), data.size()),
            1);
  sig.resize(len);
  EVP_MD_CTX_free(ctx);
  return sig;
}

// DER ECDSA signature -> JOSE r||s.
std::string DerToRaw(const std::string& der) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size()));
  const BIGNUM* r = nullptr;
  const BIGNUM* s = nullptr;
  ECDSA_SIG_get0(sig, &r, &s);
  std::string raw(64, '\0');
  BN_bn2binpad(r, reinterpret_cast<unsigned char*>(raw.data()), 32);
  BN_bn2binpad(s, reinterpret_cast<unsigned char*>(raw.data()) + 32, 32);
  ECDSA_SIG_free(sig);
  return raw;
}

std::string Sign(EVP_PKEY* key, const std::string& alg, const std::string& kid,
                 const std::string& payload) {
  std::string input =
      Base64UrlEncode(R"({"alg":")" + alg + R"(","kid":")" + kid + R"(","typ":"JWT"})") + "." +
      Base64UrlEncode(payload);
  std::string sig = DigestSign(key, input);
  if (alg == "ES256") sig = DerToRaw(sig);
  return input + "." + Base64UrlEncode(sig);
}

VerifyOptions At(long long t, std::string_view aud = "authenticated") {
  VerifyOptions o;
  o.now = std::chrono::system_clock::time_point(std::chrono::seconds(t));
  o.audience = aud;
  return o;
}

constexpr const char* kClaims =
    R"({"sub":"11111111-1111-1111-1111-111111111111","aud":"authenticated","role":"authenticated",)"
    R"("exp":2000000000,"iat":1700000000,"session_id":"22222222-2222-2222-2222-222222222222",)"
    R"("app_metadata":{"tenant_id":"33333333-3333-3333-3333-333333333333"}})";

class JwksTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ec_ = Pkey(EVP_EC_gen("P-256"));
    ec_other_ = Pkey(EVP_EC_gen("P-256"));
    rsa_ = Pkey(EVP_RSA_gen(2048));
  }
  static void TearDownTestSuite() {
    ec_.reset();
    ec_other_.reset();
    rsa_.reset();
  }
  static Jwks Keys() {
    auto jwks =
        Jwks::Parse(R"({"keys":[)" + EcJwk(ec_.get(), "ec-1") + "," + RsaJwk(rsa_.get(), "rsa-1") +
                    R"(,{"kty":"oct","k":"c2VjcmV0","kid":"hmac"}]})");
    EXPECT_TRUE(jwks.ok()) << jwks.status().message();
    return std::move(*jwks);
  }
  static inline Pkey ec_, ec_other_, rsa_;
};

TEST_F(JwksTest, VerifiesEs256AndRs256TokensByKid) {
  Jwks jwks = Keys();
  EXPECT_EQ(jwks.size(), 2u);  // the symmetric key is never used for verification
  auto es = jwks.Verify(Sign(ec_.get(), "ES256", "ec-1", kClaims), At(1764000000));
  ASSERT_TRUE(es.ok()) << es.status().message();
  EXPECT_EQ(*es, kClaims);
  auto rs = jwks.Verify(Sign(rsa_.get(), "RS256", "rsa-1", kClaims), At(1764000000));
  ASSERT_TRUE(rs.ok()) << rs.status().message();
}

TEST_F(JwksTest, RefusesForgedExpiredWrongAudienceAndConfusedAlgorithms) {
  Jwks jwks = Keys();
  const long long now = 1764000000;
  // Signed by a key that is not in the set, under a kid that is.
  EXPECT_FALSE(jwks.Verify(Sign(ec_other_.get(), "ES256", "ec-1", kClaims), At(now)).ok());
  // Tampered payload.
  std::string t = Sign(ec_.get(), "ES256", "ec-1", kClaims);
  std::string evil = Base64UrlEncode(R"({"sub":"x","aud":"authenticated","exp":2000000000})");
  auto d1 = t.find('.'), d2 = t.rfind('.');
  EXPECT_FALSE(jwks.Verify(t.substr(0, d1 + 1) + evil + t.substr(d2), At(now)).ok());
  // Expired (beyond the 30 s leeway) and wrong audience.
  EXPECT_EQ(jwks.Verify(t, At(2000000031)).status().message(), "JWT expired");
  EXPECT_FALSE(jwks.Verify(t, At(now, "service")).ok());
  // An RS256 header on the EC key's kid (and vice versa): the key type must fit the alg.
  EXPECT_FALSE(jwks.Verify(Sign(rsa_.get(), "RS256", "ec-1", kClaims), At(now)).ok());
  EXPECT_FALSE(jwks.Verify(Sign(ec_.get(), "ES256", "rsa-1", kClaims), At(now)).ok());
  // alg none, and HS256 signed with the "oct" key's bytes.
  std::string none =
      Base64UrlEncode(R"({"alg":"none","kid":"ec-1"})") + "." + Base64UrlEncode(kClaims) + ".";
  EXPECT_FALSE(jwks.Verify(none, At(now)).ok());
  EXPECT_FALSE(jwks.Verify(SignHs256(kClaims, "secret"), At(now)).ok());
  // Unknown kid.
  EXPECT_FALSE(jwks.Verify(Sign(ec_.get(), "ES256", "ec-2", kClaims), At(now)).ok());
}

TEST_F(JwksTest, RejectsMalformedSets) {
  EXPECT_FALSE(Jwks::Parse("not json").ok());
  EXPECT_FALSE(Jwks::Parse(R"({"nokeys":[]})").ok());
  EXPECT_FALSE(Jwks::Parse(R"({"keys":[{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}]})").ok());
  auto empty = Jwks::Parse(R"({"keys":[]})");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->size(), 0u);
}

TEST_F(JwksTest, TokenVerifierKeepsHs256AndAddsTheJwks) {
  const std::string secret = "super-secret-jwt-token-with-at-least-32-characters-long";
  TokenVerifier hs_only(secret);
  TokenVerifier both(secret, "authenticated", std::make_shared<const JwksCache>(Keys()));
  std::string es = Sign(ec_.get(), "ES256", "ec-1", kClaims);
  EXPECT_FALSE(hs_only.Verify(es).ok());  // no JWKS configured: asymmetric tokens refused
  auto who = both.Verify(es);
  ASSERT_TRUE(who.ok()) << who.status().message();
  EXPECT_EQ(who->user_id, "11111111-1111-1111-1111-111111111111");
  EXPECT_EQ(who->tenant_id, "33333333-3333-3333-3333-333333333333");
  EXPECT_EQ(who->session_id, "22222222-2222-2222-2222-222222222222");
  // HS256 still works alongside, and an HS256 token cannot be verified with the EC key.
  EXPECT_TRUE(both.Verify(SignHs256(kClaims, secret)).ok());
  EXPECT_FALSE(both.Verify(SignHs256(kClaims, "another-secret-that-is-long-enough-123")).ok());
}

TEST_F(JwksTest, LoadsFromAUrlOrAFile) {
  const std::string set = R"({"keys":[)" + EcJwk(ec_.get(), "ec-1") + "]}";
  http::Router router;
  router.Get("/auth/v1/.well-known/jwks.json",
             [&set](http::Request&) { return http::Response::Json(200, set); });
  testing::LocalServer server(router);
  auto fetched = LoadJwks(server.base_url() + "/auth/v1/.well-known/jwks.json");
  ASSERT_TRUE(fetched.ok()) << fetched.status().message();
  EXPECT_TRUE(fetched->Verify(Sign(ec_.get(), "ES256", "ec-1", kClaims), At(1764000000)).ok());
  EXPECT_FALSE(LoadJwks(server.base_url() + "/missing").ok());  // 404: serve refuses to start

  const auto path = std::filesystem::temp_directory_path() / "converza-jwks-test.json";
  std::ofstream(path) << set;
  auto from_file = LoadJwks(path.string());
  std::filesystem::remove(path);
  ASSERT_TRUE(from_file.ok()) << from_file.status().message();
  EXPECT_EQ(from_file->size(), 1u);
  EXPECT_FALSE(LoadJwks("/nonexistent/jwks.json").ok());
}

// A project rotates its signing key: the new key appears in its JWKS, then tokens name it. The
// cache fetches again for an unknown kid (not more than once per min_refetch), refetches a stale
// set, and keeps the last good keys when the endpoint fails.
TEST_F(JwksTest, TheCacheFollowsKeyRotationAndSurvivesAnOutage) {
  std::mutex mu;
  std::string set = R"({"keys":[)" + EcJwk(ec_.get(), "ec-1") + "]}";
  int status = 200, hits = 0;
  http::Router router;
  router.Get("/jwks.json", [&](http::Request&) {
    std::lock_guard lock(mu);
    ++hits;
    return status == 200 ? http::Response::Json(200, set)
                         : http::Response::Error(status, "down", "down");
  });
  testing::LocalServer server(router);
  JwksCache::Options options;
  options.ttl = std::chrono::hours(1);
  options.min_refetch = std::chrono::milliseconds(300);
  auto cache = JwksCache::Load(server.base_url() + "/jwks.json", options);
  ASSERT_TRUE(cache.ok()) << cache.status().message();
  const auto at = At(1764000000);
  EXPECT_TRUE((*cache)->Verify(Sign(ec_.get(), "ES256", "ec-1", kClaims), at).ok());

  // Rotation: tokens signed with the new key verify once the JWKS publishes it.
  {
    std::lock_guard lock(mu);
    set = R"({"keys":[)" + EcJwk(ec_.get(), "ec-1") + "," + RsaJwk(rsa_.get(), "rsa-2") + "]}";
  }
  std::this_thread::sleep_for(options.min_refetch);
  const std::string rotated = Sign(rsa_.get(), "RS256", "rsa-2", kClaims);
  EXPECT_TRUE((*cache)->Verify(rotated, at).ok());
  EXPECT_EQ((*cache)->size(), 2u);
  // Garbage kids do not turn into a fetch each: one per min_refetch at most.
  const int before = hits;
  for (int i = 0; i < 20; ++i) {
    EXPECT_FALSE(
        (*cache)->Verify(Sign(rsa_.get(), "RS256", "junk-" + std::to_string(i), kClaims), at).ok());
  }
  EXPECT_LE(hits - before, 1);
  // The endpoint fails: the last good keys still verify.
  {
    std::lock_guard lock(mu);
    status = 503;
  }
  std::this_thread::sleep_for(options.min_refetch);
  EXPECT_FALSE((*cache)->Verify(Sign(rsa_.get(), "RS256", "rsa-3", kClaims), at).ok());
  EXPECT_TRUE((*cache)->Verify(rotated, at).ok());
  EXPECT_EQ((*cache)->size(), 2u);
}

TEST_F(JwksTest, AStaleSetIsFetchedAgain) {
  int fetches = 0;
  JwksCache::Options options;
  options.ttl = std::chrono::milliseconds(0);
  options.min_refetch = std::chrono::milliseconds(0);
  JwksCache cache(
      Keys(),
      [&]() -> Result<Jwks> {
        ++fetches;
        return Keys();
      },
      options);
  EXPECT_TRUE(cache.Verify(Sign(ec_.get(), "ES256", "ec-1", kClaims), At(1764000000)).ok());
  EXPECT_EQ(fetches, 1);
}

}  // namespace
}  // namespace converza::auth
