#include "common/email.h"

namespace converza {

bool PlausibleEmail(std::string_view e) {
  if (e.empty() || e.size() > 255) return false;
  const auto at = e.find('@');
  if (at == 0 || at == std::string_view::npos || e.find('@', at + 1) != std::string_view::npos)
    return false;
  const auto domain = e.substr(at + 1);
  const auto dot = domain.find('.');
  if (dot == 0 || dot == std::string_view::npos || domain.back() == '.') return false;
  for (unsigned char c : e) {
    if (c <= ' ' || c == 0x7f || c == '<' || c == '>') return false;
  }
  return true;
}

}  // namespace converza
