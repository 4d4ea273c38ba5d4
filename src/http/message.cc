#include "http/message.h"

#include <cctype>

namespace converza::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string_view Request::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k == name) return v;
  }
  return {};
}

std::string Request::query_param(std::string_view name) const {
  std::vector<std::pair<std::string, std::string>> pairs;
  if (!ParseForm(query, &pairs)) return {};
  for (auto& [k, v] : pairs) {
    if (k == name) return std::move(v);
  }
  return {};
}

void Response::set_header(std::string name, std::string value) {
  for (auto& [k, v] : headers) {
    if (k == name) {
      v = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

Response Response::Json(int status, std::string body) {
  return Text(status, std::move(body), "application/json");
}

Response Response::Text(int status, std::string body, std::string content_type) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.headers.emplace_back("Content-Type", std::move(content_type));
  return r;
}

Response Response::Error(int status, std::string_view code, std::string_view message) {
  return Json(status, "{\"error\":{\"code\":\"" + JsonEscape(code) + "\",\"message\":\"" +
                          JsonEscape(message) + "\"}}");
}

std::string CanonicalPath(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (char c : path) {
    if (c == '/' && !out.empty() && out.back() == '/') continue;
    out += c;
  }
  return out;
}

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

bool ParseForm(std::string_view text, std::vector<std::pair<std::string, std::string>>* out) {
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

std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& pairs) {
  static const char* hex = "0123456789ABCDEF";
  auto encode = [](std::string_view in, std::string* out) {
    for (unsigned char c : in) {
      if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
        out->push_back(static_cast<char>(c));
      } else if (c == ' ') {
        out->push_back('+');
      } else {
        out->push_back('%');
        out->push_back(hex[c >> 4]);
        out->push_back(hex[c & 15]);
      }
    }
  };
  std::string out;
  for (const auto& [k, v] : pairs) {
    if (!out.empty()) out.push_back('&');
    encode(k, &out);
    out.push_back('=');
    encode(v, &out);
  }
  return out;
}

}  // namespace converza::http
