#include "db/array_literal.h"

namespace converza::db {

void ArrayLiteral::Add(std::string_view element) {
  text_ += count_++ == 0 ? "\"" : ",\"";
  for (char c : element) {
    if (c == '"' || c == '\\') text_ += '\\';
    text_ += c;
  }
  text_ += '"';
}

void ArrayLiteral::Add(std::int64_t element) { Add(std::to_string(element)); }

}  // namespace converza::db
