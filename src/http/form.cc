#include "http/form.h"

#include <cctype>

namespace converza::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void PercentEncode(std::string_view in, std::string* out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : in) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out->push_back(static_cast<char>(c));
    } else if (c == ' ') {
      out->push_back('+');
    } else {
      out->push_back('%');
      out->push_back(kHex[c >> 4]);
      out->push_back(kHex[c & 15]);
    }
  }
}

}  // namespace

bool PercentDecode(std::string_view in, std::string* out, bool form) {
  out->clear();
  out->reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      int hi = HexValue(in[i + 1]), lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out->push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && form) {
      out->push_back(' ');
    } else {
      out->push_back(c);
    }
  }
  return true;
}

bool ParseForm(std::string_view text, Form* out) {
  out->clear();
  while (!text.empty()) {
    auto amp = text.find('&');
    std::string_view part = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
    if (part.empty()) continue;
    auto eq = part.find('=');
    std::string k, v;
    if (!PercentDecode(part.substr(0, eq), &k, true)) return false;
    if (eq != std::string_view::npos && !PercentDecode(part.substr(eq + 1), &v, true)) {
      return false;
    }
    out->emplace_back(std::move(k), std::move(v));
  }
  return true;
}

std::string FormEncode(const Form& form) {
  std::string out;
  for (const auto& [k, v] : form) {
    if (!out.empty()) out.push_back('&');
    PercentEncode(k, &out);
    out.push_back('=');
    PercentEncode(v, &out);
  }
  return out;
}

const std::string* FindFormField(const Form& form, std::string_view name) {
  for (const auto& [k, v] : form) {
    if (k == name) return &v;
  }
  return nullptr;
}

std::string FormValue(const Form& form, std::string_view name) {
  const std::string* v = FindFormField(form, name);
  return v ? *v : std::string();
}

}  // namespace converza::http
