#include "twilio/signature.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <algorithm>

#include "common/base64.h"
#include "common/strings.h"
#include "http/form.h"

namespace converza::twilio {
namespace {

struct Authority {
  std::size_t host_begin = 0;  // after "user:pass@"
  std::size_t end = 0;         // end of the authority (start of path/query/fragment)
  std::size_t port_colon = std::string_view::npos;
};

// Locates the authority of an absolute URL ("scheme://authority/..."). Returns false when the
// URL has no "://".
bool FindAuthority(std::string_view url, Authority* a) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return false;
  std::size_t begin = scheme_end + 3;
  std::size_t end = url.find_first_of("/?#", begin);
  if (end == std::string_view::npos) end = url.size();
  std::string_view authority = url.substr(begin, end - begin);
  auto at = authority.rfind('@');
  a->host_begin = at == std::string_view::npos ? begin : begin + at + 1;
  a->end = end;
  std::string_view host = url.substr(a->host_begin, end - a->host_begin);
  std::size_t search_from = 0;
  if (!host.empty() && host.front() == '[') {  // IPv6 literal: the port follows the ']'
    search_from = host.find(']');
    if (search_from == std::string_view::npos) search_from = host.size();
  }
  auto colon = host.find(':', search_from);
  if (colon != std::string_view::npos) a->port_colon = a->host_begin + colon;
  return true;
}

}  // namespace

std::string ComputeSignature(std::string_view auth_token, std::string_view url,
                             const FormParams& params) {
  std::vector<const std::pair<std::string, std::string>*> sorted;
  sorted.reserve(params.size());
  for (const auto& p : params) sorted.push_back(&p);
  std::sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) { return *a < *b; });
  sorted.erase(std::unique(sorted.begin(), sorted.end(),
                           [](const auto* a, const auto* b) { return *a == *b; }),
               sorted.end());

  std::string data(url);
  for (const auto* p : sorted) {
    data += p->first;
    data += p->second;
  }
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  HMAC(EVP_sha1(), auth_token.data(), static_cast<int>(auth_token.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &mac_len);
  return Base64Encode(std::string_view(reinterpret_cast<const char*>(mac), mac_len));
}

std::pair<std::string, std::string> UrlPortVariants(std::string_view url) {
  Authority a;
  if (!FindAuthority(url, &a)) return {std::string(url), std::string(url)};
  if (a.port_colon != std::string_view::npos) {
    std::string without(url.substr(0, a.port_colon));
    without += url.substr(a.end);
    return {without, std::string(url)};
  }
  const bool https =
      url.size() >= 6 && std::equal(url.begin(), url.begin() + 6, "https:", [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) == y;
      });
  std::string with(url.substr(0, a.end));
  with += https ? ":443" : ":80";
  with += url.substr(a.end);
  return {std::string(url), with};
}

bool ValidateSignature(std::string_view auth_token, std::string_view url,
                       std::string_view signature, const FormParams& form_params) {
  auto [without_port, with_port] = UrlPortVariants(url);
  // Both are computed, whatever the first says, so timing does not reveal which one matched.
  bool a = ConstantTimeEquals(ComputeSignature(auth_token, without_port, form_params), signature);
  bool b = ConstantTimeEquals(ComputeSignature(auth_token, with_port, form_params), signature);
  return a || b;
}

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * SHA256_DIGEST_LENGTH);
  for (unsigned char c : digest) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

bool ValidateJsonSignature(std::string_view auth_token, std::string_view url,
                           std::string_view signature, std::string_view body) {
  auto q = url.find('?');
  if (q == std::string_view::npos) return false;
  auto hash_end = url.find('#', q);
  std::string_view query = url.substr(
      q + 1, hash_end == std::string_view::npos ? std::string_view::npos : hash_end - q - 1);
  http::Form params;
  if (!http::ParseForm(query, &params)) return false;
  const std::string* claimed = http::FindFormField(params, "bodySHA256");
  if (claimed == nullptr) return false;
  bool body_ok = ConstantTimeEquals(Sha256Hex(body), *claimed);
  bool sig_ok = ValidateSignature(auth_token, url, signature, {});
  return body_ok && sig_ok;
}

}  // namespace converza::twilio
