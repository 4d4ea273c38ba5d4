// The demo's month as the generated calls tell it: Luis better in the last ten days than in the
// first ten, Priya worse, Maya the same, FlowRight Plumbing named far more in the last week.
#include "twilio/simulator/story.h"

#include <gtest/gtest.h>

namespace converza::twilio::simulator {
namespace {

struct Stretch {
  int calls = 0, items = 0, done = 0, sales = 0, unhappy = 0, rival = 0;
  [[nodiscard]] double Adherence() const { return 1.0 * done / items; }
  [[nodiscard]] double Conversion() const { return 1.0 * sales / calls; }
  [[nodiscard]] double Negative() const { return 1.0 * unhappy / calls; }
  [[nodiscard]] double Rival() const { return 1.0 * rival / calls; }
  void Add(const Scenario& s, const std::string& rival_name) {
    ++calls;
    for (const auto& [k, v] : s.labels.script) items += 1, done += v;
    sales += s.labels.converted;
    unhappy += s.labels.sentiment == "negative";
    for (const auto& t : s.turns) {
      if (t.text.find(rival_name) != std::string::npos) {
        ++rival;
        break;
      }
    }
  }
};

// About a month of one agent's calls (the demo gives each ~100): the first and last ten days.
void Month(const Story& story, const StoryAgent& agent, Stretch* first, Stretch* last) {
  const int days = 30, calls = 300;
  for (int i = 0; i < calls; ++i) {
    const double age = days * (i + 0.5) / calls;
    Scenario s = GenerateScenario(20261205, i, StoryScenario(story, agent.phone, age, days));
    ASSERT_EQ(s.agent_name, agent.name.substr(0, agent.name.find(' ')));
    ASSERT_EQ(s.industry, "home_services");
    if (age >= 20) first->Add(s, story.competitor);
    if (age < 10) last->Add(s, story.competitor);
  }
}

const StoryAgent& Agent(const std::string& first_name) {
  for (const auto& a : DemoStory().agents) {
    if (a.name.rfind(first_name + " ", 0) == 0) return a;
  }
  throw std::runtime_error("no demo agent " + first_name);
}

TEST(SimulatorStory, LuisImprovesOverTheMonth) {
  Stretch first, last;
  Month(DemoStory(), Agent("Luis"), &first, &last);
  EXPECT_GT(last.Adherence() - first.Adherence(), 0.15)
      << first.Adherence() << " -> " << last.Adherence();
  EXPECT_GT(last.Conversion() - first.Conversion(), 0.1)
      << first.Conversion() << " -> " << last.Conversion();
}

TEST(SimulatorStory, PriyaSlipsOverTheMonth) {
  Stretch first, last;
  Month(DemoStory(), Agent("Priya"), &first, &last);
  EXPECT_LT(last.Adherence() - first.Adherence(), -0.15)
      << first.Adherence() << " -> " << last.Adherence();
  EXPECT_LT(last.Conversion() - first.Conversion(), -0.1)
      << first.Conversion() << " -> " << last.Conversion();
  EXPECT_GT(last.Negative() - first.Negative(), 0.1)
      << first.Negative() << " -> " << last.Negative();
}

TEST(SimulatorStory, MayaHoldsSteady) {
  Stretch first, last;
  Month(DemoStory(), Agent("Maya"), &first, &last);
  EXPECT_NEAR(last.Adherence(), first.Adherence(), 0.06);
  EXPECT_NEAR(last.Conversion(), first.Conversion(), 0.12);
}

TEST(SimulatorStory, TheCompetitorSpikesInTheLastWeek) {
  const Story& story = DemoStory();
  Stretch before, week;
  for (const auto& agent : story.agents) {
    for (int i = 0; i < 300; ++i) {
      const double age = 30.0 * (i + 0.5) / 300;
      Scenario s = GenerateScenario(9, i, StoryScenario(story, agent.phone, age, 30));
      (age < story.spike_days ? week : before).Add(s, story.competitor);
    }
  }
  EXPECT_LT(before.Rival(), 0.06);
  EXPECT_GT(week.Rival(), 0.3);
}

TEST(SimulatorStory, AnUnknownPhoneOrAnEmptyStoryChangesNothing) {
  ScenarioOptions unknown = StoryScenario(DemoStory(), "+19995550000", 3, 30);
  EXPECT_EQ(unknown.agent_name, "");
  EXPECT_EQ(unknown.skill, 0);
  EXPECT_EQ(unknown.industry, "home_services");
  ScenarioOptions none = StoryScenario(Story{}, "+14155550101", 3, 30);
  EXPECT_EQ(none.industry, "");
  EXPECT_EQ(none.agent_name, "");
  EXPECT_EQ(none.competitor_chance, 0);
  // Without a history every call is today's: the agents' form as it is now.
  EXPECT_DOUBLE_EQ(StoryScenario(DemoStory(), Agent("Luis").phone, 0, 0).skill,
                   Agent("Luis").skill_last);
}

}  // namespace
}  // namespace converza::twilio::simulator
