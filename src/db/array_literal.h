// ArrayLiteral: PostgreSQL's array input text ({"a","b"}) for sending a batch as one parameter
// ($1::text[], $1::uuid[], $1::bigint[]), so a batch costs one statement and one round trip.
// Every element is double-quoted with `"` and `\` escaped: array input accepts quoted elements
// for every element type, so any text is safe inside, whatever it holds.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace converza::db {

class ArrayLiteral {
 public:
  void Add(std::string_view element);
  void Add(std::int64_t element);

  [[nodiscard]] bool empty() const { return count_ == 0; }
  [[nodiscard]] std::size_t size() const { return count_; }
  // The literal, e.g. {"a","b\"c"}; {} when nothing was added.
  [[nodiscard]] std::string str() const { return text_ + "}"; }

 private:
  std::string text_ = "{";
  std::size_t count_ = 0;
};

}  // namespace converza::db
