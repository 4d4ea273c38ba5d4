// Small string helpers shared by several modules.
#pragma once

#include <string>
#include <string_view>

namespace converza {

// Escapes a string for inclusion inside a JSON string literal (quotes not added).
std::string JsonEscape(std::string_view s);

}  // namespace converza
