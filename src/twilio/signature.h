// Twilio request signatures (X-Twilio-Signature): how we prove a webhook really came from
// Twilio before it may trigger the (expensive) pipeline, and how the call simulator signs the
// webhooks it sends. Algorithm and quirks follow Twilio's helper libraries
// (twilio-python request_validator.py, twilio-node webhooks.ts;
// https://www.twilio.com/docs/usage/webhooks/webhooks-security):
//
//   signature = base64(HMAC-SHA1(auth_token, url + concat(sorted name+value pairs)))
//
// Form parameters are the *decoded* values. Pairs are sorted by name, then by value (byte-wise,
// which equals code-point order for UTF-8), and identical name=value pairs count once (Twilio's
// newer libraries do `sorted(set(values))`; Debian's python3-twilio 7.7 takes a dict, so it never
// sees duplicates). JSON bodies are signed over the URL alone, which carries
// `bodySHA256=<hex sha256(body)>` in its query string.
//
// Validation accepts the URL with and without its port (adding :443/:80 when absent), because
// Twilio's back end is inconsistent about it. All comparisons are constant time. Pure functions;
// thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace converza::twilio {

using FormParams = std::vector<std::pair<std::string, std::string>>;

// The signature Twilio would send for a request to `url` with form parameters `params`.
std::string ComputeSignature(std::string_view auth_token, std::string_view url,
                             const FormParams& params);

// True when `signature` matches `url` (as Twilio requested it: the public URL with the exact
// query string) and the decoded form parameters, with or without the explicit port.
bool ValidateSignature(std::string_view auth_token, std::string_view url,
                       std::string_view signature, const FormParams& form_params);

// For application/json webhooks: `url` must carry `bodySHA256` equal to the hex SHA-256 of
// `body`, and `signature` must match the URL (no parameters), with or without the port.
bool ValidateJsonSignature(std::string_view auth_token, std::string_view url,
                           std::string_view signature, std::string_view body);

// Lower-case hex SHA-256 (the `bodySHA256` value Twilio appends for JSON bodies).
std::string Sha256Hex(std::string_view data);

// The two URL variants Twilio signatures are checked against: {without port, with port}. A URL
// without a port gets :443 (https) or :80 (http); userinfo ("user:pass@") is kept.
std::pair<std::string, std::string> UrlPortVariants(std::string_view url);

}  // namespace converza::twilio
