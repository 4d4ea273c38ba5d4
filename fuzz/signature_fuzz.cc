// Twilio signature validation on hostile input: the first line is the URL, the rest a form body.
// Properties: no crash on any URL; a signature we compute for the parameters always validates;
// a flipped character never does.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "http/form.h"
#include "twilio/signature.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto nl = in.find('\n');
  std::string_view url = in.substr(0, nl);
  std::string_view body = nl == std::string_view::npos ? std::string_view() : in.substr(nl + 1);
  converza::twilio::FormParams params;
  if (!converza::http::ParseForm(body, &params)) return 0;
  constexpr std::string_view kToken = "12345";
  converza::twilio::ValidateSignature(kToken, url, body, params);
  converza::twilio::ValidateJsonSignature(kToken, url, body, body);
  converza::twilio::UrlPortVariants(url);
  std::string good = converza::twilio::ComputeSignature(kToken, url, params);
  if (!converza::twilio::ValidateSignature(kToken, url, good, params)) std::abort();
  std::string bad = good;
  bad[0] = bad[0] == 'A' ? 'B' : 'A';
  if (converza::twilio::ValidateSignature(kToken, url, bad, params)) std::abort();
  return 0;
}
