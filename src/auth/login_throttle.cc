#include "auth/login_throttle.h"

#include <algorithm>
#include <cctype>

namespace converza::auth {
namespace {

std::string Fold(std::string_view email) {
  std::string out(email);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

LoginThrottle::LoginThrottle(int failures_per_email_per_min, int failures_per_ip_per_min)
    : per_email_(failures_per_email_per_min, failures_per_email_per_min),
      per_ip_(failures_per_ip_per_min, failures_per_ip_per_min) {}

int LoginThrottle::RetryAfter(std::string_view email, std::string_view ip) {
  auto by_email = per_email_.Peek(Fold(email));
  auto by_ip = per_ip_.Peek(ip);
  int wait = 0;
  if (!by_email.allowed) wait = by_email.retry_after_s;
  if (!by_ip.allowed) wait = std::max(wait, by_ip.retry_after_s);
  return wait;
}

void LoginThrottle::RecordFailure(std::string_view email, std::string_view ip) {
  per_email_.Take(Fold(email));
  per_ip_.Take(ip);
}

}  // namespace converza::auth
