#include "analysis/script.h"

#include <boost/json.hpp>

namespace converza::analysis {

std::vector<ScriptItem> DefaultScript() {
  return {
      {"greeting", "Greeting", "The agent greets the customer and names the company."},
      {"verify_identity", "Verify identity",
       "The agent asks for or confirms the customer's name, account, PIN, date of birth or "
       "similar."},
      {"needs_discovery", "Needs discovery",
       "The agent asks at least one question about the customer's needs or situation."},
      {"offer", "Offer", "The agent presents a product, plan or upgrade together with its price."},
      {"recap", "Recap", "The agent states what was agreed or what the next steps are."},
      {"closing", "Closing", "The agent thanks the customer or says goodbye."},
  };
}

std::vector<ScriptItem> ScriptFromJson(std::string_view json) {
  boost::system::error_code ec;
  auto v = boost::json::parse(json, ec);
  std::vector<ScriptItem> out;
  if (ec || !v.is_array()) return out;
  for (const auto& item : v.as_array()) {
    if (!item.is_object()) continue;
    const auto& o = item.as_object();
    auto str = [&](const char* k) {
      auto it = o.find(k);
      return (it != o.end() && it->value().is_string()) ? std::string(it->value().as_string()) : "";
    };
    if (!str("key").empty()) out.push_back({str("key"), str("label"), str("description")});
  }
  return out;
}

}  // namespace converza::analysis
