// The call script: the checklist a tenant expects agents to follow. The default items and their
// meaning are the product's definitions (docs/architecture.md#what-the-insights-mean); tenants
// may add their own items, which the rules analyzer matches by the words of their label and
// description.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace converza::analysis {

struct ScriptItem {
  std::string key;          // stable identifier, [a-z0-9_]; a JSON property name in insights
  std::string label;        // shown in the dashboard
  std::string description;  // what "met" means; sent to the LLM verbatim
};

// greeting, verify_identity, needs_discovery, offer, recap, closing.
std::vector<ScriptItem> DefaultScript();

// The items of a stored script (scripts.items, a JSON array of {key, label, description}); items
// without a key are skipped, and anything but an array is no items.
std::vector<ScriptItem> ScriptFromJson(std::string_view json);

}  // namespace converza::analysis
