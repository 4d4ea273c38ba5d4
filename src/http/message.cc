#include "http/message.h"

#include "http/form.h"

namespace converza::http {

std::string_view Request::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k == name) return v;
  }
  return {};
}

std::string Request::query_param(std::string_view name) const {
  Form form;
  if (!ParseForm(query, &form)) return {};
  return FormValue(form, name);
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

}  // namespace converza::http
