#include "twilio/simulator/story.h"

#include <algorithm>

namespace converza::twilio::simulator {

const Story& DemoStory() {
  static const Story kStory = {
      .industry = "home_services",
      .company = "Acme Home Services",
      .agents = {{"+14155550101", "Maya Chen", 0.06, 0.06},
                 {"+14155550102", "Luis Ortega", -0.32, 0.12},
                 {"+14155550103", "Priya Nair", 0.04, -0.38}},
      .competitor = "FlowRight Plumbing",
      .competitor_chance = 0.03,
      .spike_days = 7,
      .spike_chance = 0.5,
  };
  return kStory;
}

ScenarioOptions StoryScenario(const Story& story, std::string_view phone, double age_days,
                              int days) {
  ScenarioOptions o;
  o.industry = story.industry;
  o.company = story.company;
  o.competitor = story.competitor;
  o.competitor_chance = age_days < story.spike_days ? story.spike_chance : story.competitor_chance;
  // 0 at the start of the history, 1 today.
  const double t = days > 0 ? std::clamp(1 - age_days / days, 0.0, 1.0) : 1.0;
  for (const auto& a : story.agents) {
    if (a.phone != phone) continue;
    o.agent_name = a.name.substr(0, a.name.find(' '));
    o.skill = a.skill_first + (a.skill_last - a.skill_first) * t;
  }
  return o;
}

}  // namespace converza::twilio::simulator
