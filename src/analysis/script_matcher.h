// Script adherence for the rules analyzer: each checklist item is matched against the agent's
// turns by meaning-bearing phrases (docs/architecture.md#what-the-insights-mean): greeting
// names the company, identity
// is asked or confirmed, a needs question is asked, an offer carries a price, a recap states the
// agreement or next steps, the agent thanks or says goodbye. Items a tenant added (unknown keys)
// are matched by the content words of their label and description. Pure; thread-safe.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "analysis/insight.h"
#include "analysis/script.h"
#include "analysis/tokens.h"

namespace converza::analysis {

struct ScriptMatch {
  std::map<std::string, ScriptResult> results;  // one per item
  std::map<std::string, int> at_ms;             // start of the evidence turn, met items only
  int offer_without_price_ms = -1;              // an offer-like turn with no price, for coaching
};

ScriptMatch MatchScript(const std::vector<TokenizedTurn>& turns,
                        const std::vector<ScriptItem>& script);

}  // namespace converza::analysis
