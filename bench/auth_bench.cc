// What signing in and checking a token cost: bcrypt at GoTrue's cost 10 (the bulk of a
// password sign-in), and verifying an access token per request (HS256, ES256 and RS256 through
// TokenVerifier, which also parses the claims into a Principal).
//   build/release/auth_bench --benchmark_min_time=0.5
#include <benchmark/benchmark.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <memory>

#include "auth/jwks_cache.h"
#include "auth/jwt.h"
#include "auth/password.h"
#include "auth/token_verifier.h"
#include "common/base64.h"

namespace {

using namespace converza;

constexpr const char* kSecret = "bench-secret-0123456789abcdefghijklmnopqrstuvwxyz";
constexpr const char* kClaims =
    R"({"iss":"http://127.0.0.1:8080/auth/v1","sub":"11111111-1111-1111-1111-111111111111",)"
    R"("aud":"authenticated","exp":4102444800,"iat":1764000000,"email":"m@example.com",)"
    R"("phone":"","app_metadata":{"provider":"email","providers":["email"],)"
    R"("tenant_id":"33333333-3333-3333-3333-333333333333"},"user_metadata":{},)"
    R"("role":"authenticated","aal":"aal1","amr":[{"method":"password","timestamp":1764000000}],)"
    R"("session_id":"22222222-2222-2222-2222-222222222222","is_anonymous":false})";

void BM_BcryptHashCost10(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(auth::HashPassword("correct horse battery"));
}
BENCHMARK(BM_BcryptHashCost10)->Unit(benchmark::kMillisecond);

void BM_BcryptVerifyCost10(benchmark::State& state) {
  const std::string hash = *auth::HashPassword("correct horse battery");
  for (auto _ : state)
    benchmark::DoNotOptimize(auth::VerifyPassword("correct horse battery", hash));
}
BENCHMARK(BM_BcryptVerifyCost10)->Unit(benchmark::kMillisecond);

void BM_VerifyHs256(benchmark::State& state) {
  auth::TokenVerifier verifier(kSecret);
  const std::string token = auth::SignHs256(kClaims, kSecret);
  for (auto _ : state) benchmark::DoNotOptimize(verifier.Verify(token));
}
BENCHMARK(BM_VerifyHs256)->Unit(benchmark::kMicrosecond);

std::string Bn(EVP_PKEY* key, const char* name, int pad = 0) {
  BIGNUM* bn = nullptr;
  EVP_PKEY_get_bn_param(key, name, &bn);
  std::string out(pad > 0 ? pad : BN_num_bytes(bn), '\0');
  BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(out.size()));
  BN_free(bn);
  return out;
}

std::string Sign(EVP_PKEY* key, const std::string& alg) {
  std::string input = Base64UrlEncode(R"({"alg":")" + alg + R"(","kid":"k","typ":"JWT"})") + "." +
                      Base64UrlEncode(kClaims);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  size_t len = 0;
  EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key);
  EVP_DigestSign(ctx, nullptr, &len, reinterpret_cast<const unsigned char*>(input.data()),
                 input.size());
  std::string sig(len, '\0');
  EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &len,
                 reinterpret_cast<const unsigned char*>(input.data()), input.size());
  sig.resize(len);
  EVP_MD_CTX_free(ctx);
  if (alg == "ES256") {
    const unsigned char* p = reinterpret_cast<const unsigned char*>(sig.data());
    ECDSA_SIG* es = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(sig.size()));
    const BIGNUM *r = nullptr, *s = nullptr;
    ECDSA_SIG_get0(es, &r, &s);
    sig.assign(64, '\0');
    BN_bn2binpad(r, reinterpret_cast<unsigned char*>(sig.data()), 32);
    BN_bn2binpad(s, reinterpret_cast<unsigned char*>(sig.data()) + 32, 32);
    ECDSA_SIG_free(es);
  }
  return input + "." + Base64UrlEncode(sig);
}

void BM_VerifyAsymmetric(benchmark::State& state, const std::string& alg) {
  EVP_PKEY* key = alg == "ES256" ? EVP_EC_gen("P-256") : EVP_RSA_gen(2048);
  std::string jwk =
      alg == "ES256"
          ? R"({"kty":"EC","crv":"P-256","kid":"k","x":")" +
                Base64UrlEncode(Bn(key, OSSL_PKEY_PARAM_EC_PUB_X, 32)) + R"(","y":")" +
                Base64UrlEncode(Bn(key, OSSL_PKEY_PARAM_EC_PUB_Y, 32)) + "\"}"
          : R"({"kty":"RSA","kid":"k","n":")" + Base64UrlEncode(Bn(key, OSSL_PKEY_PARAM_RSA_N)) +
                R"(","e":")" + Base64UrlEncode(Bn(key, OSSL_PKEY_PARAM_RSA_E)) + "\"}";
  auto jwks = auth::Jwks::Parse(R"({"keys":[)" + jwk + "]}");
  auth::TokenVerifier verifier(kSecret, "authenticated",
                               std::make_shared<const auth::JwksCache>(std::move(*jwks)));
  const std::string token = Sign(key, alg);
  if (!verifier.Verify(token).ok()) state.SkipWithError("token did not verify");
  for (auto _ : state) benchmark::DoNotOptimize(verifier.Verify(token));
  EVP_PKEY_free(key);
}
BENCHMARK_CAPTURE(BM_VerifyAsymmetric, ES256, std::string("ES256"))->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_VerifyAsymmetric, RS256, std::string("RS256"))->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
