#include "auth/jwks.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "common/base64.h"
#include "http/client.h"

namespace converza::auth {
namespace {

namespace json = boost::json;

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;

std::string Str(const json::object& o, std::string_view name) {
  auto* v = o.if_contains(name);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

Result<std::string> B64Field(const json::object& o, std::string_view name) {
  auto v = Base64UrlDecode(Str(o, name));
  if (!v.ok() || v->empty())
    return Status::InvalidArgument("JWK field \"" + std::string(name) + "\" is missing or bad");
  return v;
}

// Builds a public EVP_PKEY of `type` ("EC" or "RSA") from OSSL parameters.
PkeyPtr FromParams(const char* type, OSSL_PARAM_BLD* bld) {
  OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(bld);
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr);
  EVP_PKEY* pkey = nullptr;
  if (params != nullptr && ctx != nullptr && EVP_PKEY_fromdata_init(ctx) == 1) {
    if (EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_PUBLIC_KEY, params) != 1) pkey = nullptr;
  }
  EVP_PKEY_CTX_free(ctx);
  OSSL_PARAM_free(params);
  return PkeyPtr(pkey);
}

Result<PkeyPtr> EcKey(const json::object& jwk) {
  if (Str(jwk, "crv") != "P-256") return Status::InvalidArgument("EC JWK must be on P-256");
  auto x = B64Field(jwk, "x");
  auto y = B64Field(jwk, "y");
  if (!x.ok()) return x.status();
  if (!y.ok()) return y.status();
  if (x->size() != 32 || y->size() != 32)
    return Status::InvalidArgument("EC JWK coordinates must be 32 bytes");
  std::string point = "\x04" + *x + *y;  // uncompressed SEC1 point
  OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
  OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, "P-256", 0);
  OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size());
  PkeyPtr key = FromParams("EC", bld);
  OSSL_PARAM_BLD_free(bld);
  if (!key) return Status::InvalidArgument("EC JWK is not a point on P-256");
  return key;
}

Result<PkeyPtr> RsaKey(const json::object& jwk) {
  auto n = B64Field(jwk, "n");
  auto e = B64Field(jwk, "e");
  if (!n.ok()) return n.status();
  if (!e.ok()) return e.status();
  BIGNUM* bn_n = BN_bin2bn(reinterpret_cast<const unsigned char*>(n->data()),
                           static_cast<int>(n->size()), nullptr);
  BIGNUM* bn_e = BN_bin2bn(reinterpret_cast<const unsigned char*>(e->data()),
                           static_cast<int>(e->size()), nullptr);
  OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
  OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, bn_n);
  OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, bn_e);
  PkeyPtr key = FromParams("RSA", bld);
  OSSL_PARAM_BLD_free(bld);
  BN_free(bn_n);
  BN_free(bn_e);
  if (!key) return Status::InvalidArgument("RSA JWK is malformed");
  if (EVP_PKEY_get_bits(key.get()) < 2048)
    return Status::InvalidArgument("RSA JWK is shorter than 2048 bits");
  return key;
}

// JOSE ES256 signatures are r||s (32 bytes each); OpenSSL wants DER.
std::string EcdsaRawToDer(std::string_view raw) {
  ECDSA_SIG* sig = ECDSA_SIG_new();
  BIGNUM* r = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()), 32, nullptr);
  BIGNUM* s = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()) + 32, 32, nullptr);
  ECDSA_SIG_set0(sig, r, s);
  unsigned char* der = nullptr;
  int len = i2d_ECDSA_SIG(sig, &der);
  std::string out = len > 0 ? std::string(reinterpret_cast<char*>(der), len) : std::string();
  OPENSSL_free(der);
  ECDSA_SIG_free(sig);
  return out;
}

bool VerifySha256(EVP_PKEY* key, std::string_view data, std::string_view sig) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  bool ok = ctx != nullptr && EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, key) == 1 &&
            EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                             reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1;
  EVP_MD_CTX_free(ctx);
  return ok;
}

}  // namespace

struct Jwks::Key {
  std::string kid;
  std::string alg;  // "ES256" or "RS256": what this key may verify
  PkeyPtr pkey;
};

Jwks::Jwks() = default;
Jwks::~Jwks() = default;
Jwks::Jwks(Jwks&&) noexcept = default;
Jwks& Jwks::operator=(Jwks&&) noexcept = default;

std::size_t Jwks::size() const { return keys_.size(); }

Result<Jwks> Jwks::Parse(std::string_view text) {
  boost::system::error_code ec;
  auto doc = json::parse(text, ec);
  if (ec || !doc.is_object()) return Status::InvalidArgument("JWKS is not a JSON object");
  auto* keys = doc.as_object().if_contains("keys");
  if (keys == nullptr || !keys->is_array())
    return Status::InvalidArgument("JWKS has no \"keys\" array");
  Jwks out;
  for (const auto& k : keys->as_array()) {
    if (!k.is_object()) return Status::InvalidArgument("JWKS key is not an object");
    const auto& jwk = k.as_object();
    const std::string kty = Str(jwk, "kty");
    const std::string use = Str(jwk, "use");
    if (!use.empty() && use != "sig") continue;
    auto key = std::make_unique<Key>();
    key->kid = Str(jwk, "kid");
    const std::string alg = Str(jwk, "alg");
    Result<PkeyPtr> pkey = Status::InvalidArgument("");
    if (kty == "EC") {
      key->alg = "ES256";
      pkey = EcKey(jwk);
    } else if (kty == "RSA") {
      key->alg = "RS256";
      pkey = RsaKey(jwk);
    } else {
      continue;  // oct, OKP, ...: not ours to use
    }
    if (!alg.empty() && alg != key->alg) continue;  // e.g. RS512: not supported, never used
    if (!pkey.ok()) return pkey.status();
    key->pkey = std::move(*pkey);
    out.keys_.push_back(std::move(key));
  }
  return out;
}

const Jwks::Key* Jwks::Find(std::string_view kid, std::string_view alg) const {
  for (const auto& k : keys_) {
    if (k->alg != alg) continue;
    if (!kid.empty() ? k->kid == kid : keys_.size() == 1) return k.get();
  }
  return nullptr;
}

bool Jwks::HasKeyFor(std::string_view kid, std::string_view alg) const {
  return Find(kid, alg) != nullptr;
}

Result<std::string> Jwks::Verify(std::string_view token, const VerifyOptions& options) const {
  auto jwt = DecodeJwt(token);
  if (!jwt.ok()) return jwt.status();
  if (jwt->alg != "ES256" && jwt->alg != "RS256")
    return Status::PermissionDenied("unsupported JWT algorithm \"" + jwt->alg + "\"");
  const Key* key = Find(jwt->kid, jwt->alg);
  if (key == nullptr) return Status::PermissionDenied("no JWKS key for this JWT's kid and alg");
  std::string sig = jwt->signature;
  if (jwt->alg == "ES256") {
    if (sig.size() != 64) return Status::PermissionDenied("invalid JWT signature");
    sig = EcdsaRawToDer(sig);
  }
  if (!VerifySha256(key->pkey.get(), jwt->signing_input, sig))
    return Status::PermissionDenied("invalid JWT signature");
  if (Status st = CheckClaims(jwt->payload, options); !st.ok()) return st;
  return std::move(jwt->payload);
}

Result<Jwks> LoadJwks(const std::string& url_or_path) {
  std::string text;
  if (url_or_path.rfind("http://", 0) == 0 || url_or_path.rfind("https://", 0) == 0) {
    http::ClientRequest req;
    req.url = url_or_path;
    req.timeout = std::chrono::seconds(10);
    req.headers.emplace_back("Accept", "application/json");
    auto res = http::Fetch(req);
    if (!res.ok())
      return Status::Unavailable("JWKS " + url_or_path + ": " + res.status().message());
    if (res->status != 200)
      return Status::Unavailable("JWKS " + url_or_path + " answered " +
                                 std::to_string(res->status));
    text = std::move(res->body);
  } else {
    std::ifstream in(url_or_path);
    if (!in) return Status::InvalidArgument("cannot read JWKS file " + url_or_path);
    std::stringstream ss;
    ss << in.rdbuf();
    text = ss.str();
  }
  return Jwks::Parse(text);
}

}  // namespace converza::auth
