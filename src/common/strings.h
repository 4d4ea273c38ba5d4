// Small string helpers shared by several modules.
#pragma once

#include <string>
#include <string_view>

namespace converza {

// Escapes a string for inclusion inside a JSON string literal (quotes not added).
std::string JsonEscape(std::string_view s);

// Compares secrets (signatures, tokens, passwords) in time that does not depend on where they
// differ. Lengths are not secret here: every caller compares values of a public length.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// The text without leading and trailing ASCII whitespace (space, tab, CR, LF, FF, VT).
std::string_view Trim(std::string_view s);

// ASCII letters lower-cased; other bytes (UTF-8 included) unchanged. For case-insensitive
// protocol tokens and e-mail addresses, never for display text.
std::string AsciiLower(std::string_view s);

// YYYY-MM-DD naming a real calendar date between 1970 and 9999.
bool IsDate(std::string_view s);

// 8-4-4-4-12 hex digits, as PostgreSQL prints a uuid (either case).
bool IsUuid(std::string_view s);

// A Twilio SID of the given kind: the two-letter prefix ("AC", "SK", "PN", …) and 32 hex digits.
bool IsTwilioSid(std::string_view s, std::string_view prefix);

// True when JSON text holds a string with a NUL character (the escape \u0000): PostgreSQL's
// text and jsonb cannot store one, and libpq would silently cut the string there. A lexical scan
// (escaped backslashes are skipped), so callers can refuse such bodies before parsing them.
bool JsonHasNulEscape(std::string_view json);

}  // namespace converza
