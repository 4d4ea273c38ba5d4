// Scenario generator for the call simulator: turns (seed, index) into a realistic two-party
// sales/support call — who says what, in order, with pauses — plus the ground-truth labels the
// product's definitions (docs/architecture.md#what-the-insights-mean) assign to it. Industries:
// telecom, SaaS, hotel, auto service, insurance, solar, dental, retail (the general mix) and,
// on request, home services (the demo tenant's business); outcomes converted or not (incl.
// "I'll think about it", "send me a proposal", "ask my boss", cancellations saved or not);
// upsells accepted/declined, priced one-time, recurring or per unit; sentiment arcs; disfluencies
// ("um", "uh", restarts); and some spoken PII (card numbers, dates of birth, emails) for the
// redaction stage.
//
// Pure and deterministic: the same (seed, index) always gives the same scenario, on any
// platform (own PRNG, no std::distributions). Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace converza::twilio::simulator {

enum class Speaker { kAgent, kCustomer };

struct Turn {
  Speaker speaker = Speaker::kAgent;
  std::string text;
  // Silence before this turn starts, after the previous turn ended, in seconds. Negative: the
  // speaker cuts in before the other finished (an interruption).
  double gap_before = 0.5;
};

// What an ideal analyzer should conclude (docs/architecture.md#what-the-insights-mean).
struct Labels {
  bool converted = false;
  std::int64_t upsell_cents = 0;  // accepted add-ons only; recurring counted once; per unit × units
  std::string sentiment;          // customer's, weighted to the end: positive|neutral|negative
  std::map<std::string, bool> script;  // greeting, verify_identity, needs_discovery, offer, recap,
                                       // closing
  bool has_pii = false;                // a card number, date of birth, email or SSN was spoken
};

struct Scenario {
  std::string industry;
  std::string company;
  std::string agent_name;
  std::string customer_name;
  std::string outcome;  // e.g. "converted", "think_about_it", "declined", "retained"
  std::vector<Turn> turns;
  Labels labels;
};

// How to draw a call beyond (seed, index). The defaults draw the general mix, exactly as
// before these options existed (the evaluation sets are generated that way).
struct ScenarioOptions {
  std::string industry;    // only this industry's calls (one of AllIndustries()); "": the mix
  std::string company;     // the business named in the greeting and closing; "": drawn
  std::string agent_name;  // who answers, as they introduce themselves ("Luis"); "": drawn
  // The agent's form: added to the chance of each script item and of a sale; below 0 it is
  // also the chance a customer ends a step unhappier. 0 typical, 0.1 strong, -0.3 struggling.
  double skill = 0;
  std::string competitor;        // a rival a customer may name when offered a price
  double competitor_chance = 0;  // chance they do, in a call that gets an offer
};

// The industries of the general mix (what GenerateScenario draws without an industry).
const std::vector<std::string>& Industries();
// Every industry a ScenarioOptions::industry may name: the mix plus "home_services" (plumbing,
// water heaters, heating and cooling, drains, maintenance plans), which is only drawn on request.
const std::vector<std::string>& AllIndustries();

// The index-th call of a run seeded with `seed`.
Scenario GenerateScenario(std::uint64_t seed, int index, const ScenarioOptions& options = {});

// A 64-bit value mixed from the inputs (splitmix64): stable SIDs and per-call seeds.
std::uint64_t Mix(std::uint64_t a, std::uint64_t b);

}  // namespace converza::twilio::simulator
