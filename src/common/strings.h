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

}  // namespace converza
