#include "common/csv.h"

#include <cctype>

namespace converza {
namespace {

// -?digits(.digits)?: what a spreadsheet reads as a number, not a formula.
bool IsPlainNumber(std::string_view s) {
  if (!s.empty() && s.front() == '-') s.remove_prefix(1);
  if (s.empty() || s.front() == '.' || s.back() == '.') return false;
  bool dot = false;
  for (char ch : s) {
    if (ch == '.' && !dot) {
      dot = true;
    } else if (std::isdigit(static_cast<unsigned char>(ch)) == 0) {
      return false;
    }
  }
  return true;
}

bool StartsFormula(std::string_view s) {
  if (s.empty()) return false;
  switch (s.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
      return !IsPlainNumber(s);
    default:
      return false;
  }
}

}  // namespace

void AppendCsvField(std::string& out, std::optional<std::string_view> value) {
  if (!value) return;
  const bool formula = StartsFormula(*value);
  const bool quote = formula || value->find_first_of(",\"\r\n") != std::string_view::npos;
  if (quote) out += '"';
  if (formula) out += '\'';
  for (char ch : *value) {
    if (ch == '"') out += '"';
    out += ch;
  }
  if (quote) out += '"';
}

void AppendCsvRow(std::string& out, const std::vector<std::optional<std::string>>& fields) {
  bool first = true;
  for (const auto& f : fields) {
    if (!first) out += ',';
    first = false;
    AppendCsvField(out, f ? std::optional<std::string_view>(*f) : std::nullopt);
  }
  out += "\r\n";
}

}  // namespace converza
