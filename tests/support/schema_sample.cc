#include "schema_sample.h"

#include <boost/json.hpp>
#include <stdexcept>
#include <string>

namespace converza::testing {
namespace json = boost::json;
namespace {

// Keywords that only describe (no constraint on the value).
bool Descriptive(std::string_view k) { return k == "description" || k == "title"; }

long long Pick(std::mt19937_64& rng, long long lo, long long hi) {
  return std::uniform_int_distribution<long long>(lo, hi)(rng);
}

std::string SampleString(std::mt19937_64& rng) {
  switch (Pick(rng, 0, 6)) {
    case 0:
      return "";
    case 1:
      return "Thanks for calling.";
    case 2:
      // Past the validator's caps (1,000 and 2,000 bytes) now and then.
      return std::string(static_cast<std::size_t>(Pick(rng, 900, 2100)), 'x') + " end";
    case 3:
      return "Caf\xC3\xA9 \xE2\x80\x94 \xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E \xF0\x9F\x91\x8D";
    case 4:
      return std::string("nul\0byte and \x01 control", 22);
    case 5:
      return "quote \" backslash \\ newline\n tab\t";
    default: {
      std::string s;
      // Long non-ASCII text: a cut must land on a character boundary.
      for (int i = 0; i < 220; ++i) s += "\xC3\xA9\xE2\x82\xAC";  // 1,100 bytes
      return s;
    }
  }
}

json::value Sample(const json::value& schema, std::mt19937_64& rng, int depth) {
  if (depth > 10) throw std::invalid_argument("schema nests too deep");
  const json::object& s = schema.as_object();
  for (const auto& kv : s) {
    static constexpr std::string_view kKnown[] = {
        "type",   "enum",     "properties", "required", "additionalProperties",
        "items",  "minItems", "maxItems",   "minimum",  "maximum",
        "pattern"};
    bool known = Descriptive(kv.key());
    for (auto k : kKnown) known |= kv.key() == k;
    if (!known) throw std::invalid_argument("unsupported schema keyword " + std::string(kv.key()));
  }
  if (auto* e = s.if_contains("enum")) {
    const auto& values = e->as_array();
    return values[static_cast<std::size_t>(
        Pick(rng, 0, static_cast<long long>(values.size()) - 1))];
  }
  std::vector<std::string> types;
  const json::value& t = s.at("type");
  if (t.is_string()) {
    types.emplace_back(t.as_string());
  } else {
    for (const auto& x : t.as_array()) types.emplace_back(x.as_string());
  }
  std::string type =
      types[static_cast<std::size_t>(Pick(rng, 0, static_cast<long long>(types.size()) - 1))];
  if (type == "null") return nullptr;
  if (type == "boolean") return Pick(rng, 0, 1) == 1;
  if (type == "integer" || type == "number") {
    const double lo = s.contains("minimum") ? s.at("minimum").to_number<double>() : -1e6;
    const double hi = s.contains("maximum") ? s.at("maximum").to_number<double>() : 1e6;
    if (type == "integer") {
      const auto ilo = static_cast<long long>(lo), ihi = static_cast<long long>(hi);
      switch (Pick(rng, 0, 4)) {
        case 0:
          return ilo;
        case 1:
          return ihi;
        case 2:
          return std::max(ilo, std::min(ihi, 0LL));
        default:
          return Pick(rng, ilo, std::min(ihi, ilo + 200000));
      }
    }
    switch (Pick(rng, 0, 5)) {
      case 0:
        return lo;
      case 1:
        return hi;
      case 2:
        return std::max(lo, std::min(hi, 0.0));
      case 3:
        return std::max(lo, std::min(hi, 0.2));
      case 4:
        return std::max(lo, std::min(hi, -0.2));
      default:
        return std::uniform_real_distribution<double>(lo, hi)(rng);
    }
  }
  if (type == "string") {
    if (auto* p = s.if_contains("pattern")) {
      if (p->as_string() != "^[A-Z]{3}$") {
        throw std::invalid_argument("unsupported pattern " + std::string(p->as_string()));
      }
      std::string code;
      for (int i = 0; i < 3; ++i) code += static_cast<char>('A' + Pick(rng, 0, 25));
      return json::string(code);
    }
    return json::string(SampleString(rng));
  }
  if (type == "array") {
    const long long lo = s.contains("minItems") ? s.at("minItems").to_number<long long>() : 0;
    const long long hi = s.contains("maxItems") ? s.at("maxItems").to_number<long long>() : lo + 5;
    const long long n = Pick(rng, 0, 2) == 0 ? lo : Pick(rng, 0, 1) == 0 ? hi : Pick(rng, lo, hi);
    json::array a;
    for (long long i = 0; i < n; ++i) a.push_back(Sample(s.at("items"), rng, depth + 1));
    return a;
  }
  if (type == "object") {
    json::object o;
    for (const auto& kv : s.at("properties").as_object()) {
      o[kv.key()] = Sample(kv.value(), rng, depth + 1);
    }
    return o;
  }
  throw std::invalid_argument("unsupported type " + type);
}

}  // namespace

json::value SampleFromSchema(const json::value& schema, std::mt19937_64& rng) {
  return Sample(schema, rng, 0);
}

}  // namespace converza::testing
