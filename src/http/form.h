// Percent-encoding and application/x-www-form-urlencoded bodies and query strings: the one
// encoder and decoder for Twilio's webhooks and REST calls, the sandbox and our query strings.
// Forms keep their fields in order, repeated names included, because Twilio's signatures are
// computed over the fields as sent. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace converza::http {

// Decoded fields, in the order they were sent.
using Form = std::vector<std::pair<std::string, std::string>>;

// Decodes %XX escapes (and '+' as space when `form` is true). Returns false on a malformed
// escape.
bool PercentDecode(std::string_view in, std::string* out, bool form = false);

// Splits a form body or query string into decoded fields. Returns false on malformed escapes.
bool ParseForm(std::string_view text, Form* out);

// Encodes `form` in the given order (' ' becomes '+'; only A-Z a-z 0-9 - _ . ~ stay as they are).
std::string FormEncode(const Form& form);

// The value of the first field called `name`, or nullptr when there is none (a field sent
// empty is "").
const std::string* FindFormField(const Form& form, std::string_view name);

// The same value, or "" when absent: for fields where absent and empty mean the same.
std::string FormValue(const Form& form, std::string_view name);

}  // namespace converza::http
