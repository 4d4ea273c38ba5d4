#include "analysis/script.h"

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

}  // namespace converza::analysis
