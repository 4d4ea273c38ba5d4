#include "twilio/sandbox/twiml.h"

#include <cstdint>
#include <cstdlib>
#include <map>

namespace converza::twilio::sandbox {
namespace {

void AppendUtf8(std::uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    *out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out += static_cast<char>(0xc0 | (cp >> 6));
    *out += static_cast<char>(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    *out += static_cast<char>(0xe0 | (cp >> 12));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    *out += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    *out += static_cast<char>(0xf0 | (cp >> 18));
    *out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    *out += static_cast<char>(0x80 | (cp & 0x3f));
  }
}

// The predefined entities and character references back to text; anything else stays as is.
std::string XmlUnescape(std::string_view s) {
  static const std::map<std::string_view, char> kNamed = {
      {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}};
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t semi = s[i] == '&' ? s.find(';', i) : std::string_view::npos;
    if (semi == std::string_view::npos) {
      out += s[i++];
      continue;
    }
    std::string_view ent = s.substr(i + 1, semi - i - 1);
    if (auto it = kNamed.find(ent); it != kNamed.end()) {
      out += it->second;
    } else if (ent.size() > 1 && ent[0] == '#') {
      const bool hex = ent[1] == 'x';
      AppendUtf8(static_cast<std::uint32_t>(std::strtoul(
                     std::string(ent.substr(hex ? 2 : 1)).c_str(), nullptr, hex ? 16 : 10)),
                 &out);
    } else {
      out += s.substr(i, semi - i + 1);
    }
    i = semi + 1;
  }
  return out;
}

}  // namespace

std::vector<DialedNumber> DialedNumbers(std::string_view x) {
  std::vector<DialedNumber> out;
  constexpr std::string_view kOpen = "<Number", kClose = "</Number>";
  for (std::size_t at = x.find(kOpen); at != std::string_view::npos; at = x.find(kOpen, at)) {
    std::size_t p = at + kOpen.size();
    at = p;
    if (p >= x.size() || (x[p] != ' ' && x[p] != '>')) continue;  // e.g. <NumberFoo>
    std::map<std::string, std::string> attrs;
    while (p < x.size() && x[p] != '>') {  // name="value" pairs
      if (x[p] == ' ') {
        ++p;
        continue;
      }
      const std::size_t eq = x.find('=', p);
      if (eq == std::string_view::npos || eq + 1 >= x.size()) return out;
      const char quote = x[eq + 1];
      const std::size_t end = x.find(quote, eq + 2);
      if ((quote != '"' && quote != '\'') || end == std::string_view::npos) return out;
      attrs[std::string(x.substr(p, eq - p))] = XmlUnescape(x.substr(eq + 2, end - eq - 2));
      p = end + 1;
    }
    const std::size_t close = x.find(kClose, p);
    if (close == std::string_view::npos) return out;
    out.push_back({XmlUnescape(x.substr(p + 1, close - p - 1)), attrs["statusCallback"],
                   attrs["statusCallbackEvent"], attrs["statusCallbackMethod"]});
    at = close + kClose.size();
  }
  return out;
}

}  // namespace converza::twilio::sandbox
