#include "common/base64.h"

#include <openssl/evp.h>

namespace converza {

std::string Base64Encode(std::string_view data) {
  std::string out(4 * ((data.size() + 2) / 3), '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(data.data()),
                          static_cast<int>(data.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

Result<std::string> Base64Decode(std::string_view text) {
  std::string clean;
  clean.reserve(text.size());
  for (char c : text) {
    if (c != '\n' && c != '\r' && c != ' ') clean += c;
  }
  if (clean.size() % 4 != 0) return Status::InvalidArgument("not base64");
  std::string out(clean.size() / 4 * 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(clean.data()),
                          static_cast<int>(clean.size()));
  if (n < 0) return Status::InvalidArgument("not base64");
  // EVP_DecodeBlock counts the padding as decoded zero bytes.
  std::size_t len = static_cast<std::size_t>(n);
  if (!clean.empty() && clean.back() == '=') --len;
  if (clean.size() >= 2 && clean[clean.size() - 2] == '=') --len;
  out.resize(len);
  return out;
}

std::string Base64UrlEncode(std::string_view data) {
  std::string s = Base64Encode(data);
  while (!s.empty() && s.back() == '=') s.pop_back();
  for (auto& c : s) c = c == '+' ? '-' : c == '/' ? '_' : c;
  return s;
}

Result<std::string> Base64UrlDecode(std::string_view text) {
  std::string s;
  s.reserve(text.size() + 3);
  for (char c : text) {
    if (c == '+' || c == '/' || c == '=' || c == '\n' || c == '\r' || c == ' ') {
      return Status::InvalidArgument("not base64url");
    }
    s += c == '-' ? '+' : c == '_' ? '/' : c;
  }
  if (s.size() % 4 == 1) return Status::InvalidArgument("not base64url");
  while (s.size() % 4 != 0) s += '=';
  return Base64Decode(s);
}

}  // namespace converza
