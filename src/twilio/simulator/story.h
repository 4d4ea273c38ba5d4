// A simulated business's month, for demos: the industry its calls come from, the name it answers
// with, its agents (by the phone its <Dial> rings, so the agent who answers a call is the one who
// speaks in it) and how each agent's form moves over the history, and a rival customers start
// naming in the last days. The simulator turns (story, who answered, how long ago) into the
// ScenarioOptions of that call.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "twilio/simulator/scenarios.h"

namespace converza::twilio::simulator {

struct StoryAgent {
  std::string phone;       // E.164: the <Number> the voice webhook dials for this agent
  std::string name;        // full name, as the agents table has it; the greeting uses the first
  double skill_first = 0;  // ScenarioOptions::skill at the start of the history...
  double skill_last = 0;   // ...and at its end (today), linear in between
};

struct Story {
  std::string industry;  // ScenarioOptions::industry; "": the general mix
  std::string company;   // "": drawn per call
  std::vector<StoryAgent> agents;
  std::string competitor;
  double competitor_chance = 0;  // per offer, before the last `spike_days` days...
  int spike_days = 0;
  double spike_chance = 0;  // ...and within them
};

// The demo tenant "Acme Home Services" that `converza seed` creates and `make demo` fills: home
// services calls; Maya steady and strong, Luis improving over the month, Priya slipping; and in
// the last week customers start saying FlowRight Plumbing quoted them less.
const Story& DemoStory();

// The options of a call answered by `phone` (may be unknown or empty: the name is then drawn)
// that started `age_days` ago, in a history of `days` days (0: every call is from today).
ScenarioOptions StoryScenario(const Story& story, std::string_view phone, double age_days,
                              int days);

}  // namespace converza::twilio::simulator
