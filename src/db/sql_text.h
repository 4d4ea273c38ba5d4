// Compile-time joining of SQL text, for a fragment that several statements share (the JSON shape
// of a resource that a select, an insert and an update all return). The joined statement is a
// constexpr std::string_view with static storage, like a literal: statements stay named
// constants, checked once at compile time, and nothing is concatenated at run time.
//
//   constexpr db::SqlText kAgentJson = "json_build_object('id', id, ...)::text";
//   constexpr std::string_view kInsert = db::kSql<"insert into ... returning ", kAgentJson>;
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <string_view>

namespace converza::db {

// A string literal usable as a template argument.
template <std::size_t N>
struct SqlText {
  constexpr SqlText(const char (&s)[N]) { std::copy_n(s, N, chars); }  // NOLINT: from literals
  [[nodiscard]] constexpr std::size_t size() const { return N - 1; }
  char chars[N]{};
};

template <SqlText... Parts>
inline constexpr auto kSqlChars = [] {
  std::array<char, (Parts.size() + ... + 1)> out{};
  auto it = out.begin();
  ((it = std::copy_n(Parts.chars, Parts.size(), it)), ...);
  return out;
}();

// The parts, joined.
template <SqlText... Parts>
inline constexpr std::string_view kSql{kSqlChars<Parts...>.data(), kSqlChars<Parts...>.size() - 1};

}  // namespace converza::db
