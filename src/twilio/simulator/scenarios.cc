#include "twilio/simulator/scenarios.h"

#include <algorithm>
#include <array>

#include "common/strings.h"

namespace converza::twilio::simulator {

std::uint64_t Mix(std::uint64_t a, std::uint64_t b) {
  std::uint64_t z = a + 0x9e3779b97f4a7c15ULL * (b + 1);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

namespace {

// splitmix64 stream: tiny, fast and identical everywhere.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next() { return state_ = Mix(state_, 0x5eed); }
  int Int(int n) { return static_cast<int>(Next() % static_cast<std::uint64_t>(n)); }
  bool Chance(double p) { return (Next() >> 11) * (1.0 / 9007199254740992.0) < p; }
  double Uniform(double lo, double hi) {
    return lo + (hi - lo) * ((Next() >> 11) * (1.0 / 9007199254740992.0));
  }
  template <typename C>
  const auto& Pick(const C& c) {
    return c[static_cast<std::size_t>(Int(static_cast<int>(std::size(c))))];
  }

 private:
  std::uint64_t state_;
};

enum class PriceKind { kOneTime, kRecurring, kPerUnit };

struct Upsell {
  const char* pitch;   // agent's offer, "{price}" is replaced
  const char* accept;  // what the customer says to accept
  std::int64_t cents;  // price of one unit / one month / once
  PriceKind kind;
};

struct Industry {
  const char* name;
  std::vector<const char*> companies;
  std::vector<const char*> reasons;    // customer's opening
  const char* verify;                  // agent's identity question
  std::vector<const char*> discovery;  // agent's needs question
  std::vector<const char*> discovery_answers;
  const char* offer;   // base offer with its price
  const char* accept;  // customer commits to the base offer
  int units = 1;       // units a per-unit upsell is multiplied by
  std::vector<Upsell> upsells;
  bool retention = false;  // some calls are cancellations to save
  const char* cancel_reason = "";
  const char* save_offer = "";
  bool general = true;  // in the default mix (GenerateScenario without an industry)
};

const std::vector<Industry>& Catalog() {
  static const std::vector<Industry> kCatalog = {
      {"telecom",
       {"Horizon Wireless", "BrightLine Mobile"},
       {"Hi, I'm calling because my bill went up again this month and I want to understand why.",
        "Hey, I'm thinking about switching my plan, I feel like I'm paying too much for data."},
       "Can I get the name on the account and the last four of the account PIN?",
       {"How many lines are on the account, and how much data do you usually use?",
        "Do you mostly use your phone for streaming or just calls and texts?"},
       {"Three lines, and we go over our data almost every month.",
        "Mostly streaming, my kids watch a lot of videos."},
       "I can move you to our Unlimited Plus plan for $65 a month per line, and that includes "
       "the streaming perks.",
       "Okay, yeah, let's switch to the Unlimited Plus plan.",
       3,
       {{"I can also add international calling for just $10 more a month.",
         "Sure, add the international calling.", 1000, PriceKind::kRecurring},
        {"Would you like device protection? It's $15 a month per phone.",
         "Yes, put the protection on all three phones.", 1500, PriceKind::kPerUnit}},
       true,
       "Honestly I want to cancel, the other carrier is offering me a better deal.",
       "Before you go, I can give you a loyalty credit of $20 a month for twelve months if you "
       "stay."},
      {"saas",
       {"Cloudnest", "Pipewise CRM"},
       {"Hi, we're evaluating CRM tools for our sales team and I had some questions about "
        "pricing.",
        "Hello, I'm calling about upgrading our workspace, we're running out of seats."},
       "Can you confirm the email on the account and your company name?",
       {"How big is your team, and what are you using today to track deals?",
        "What's the main problem you're trying to solve with the tool?"},
       {"We have about twelve reps and right now it's all spreadsheets.",
        "Our managers can't see the pipeline, everything is in people's heads."},
       "The Team plan is $49 per user per month, billed annually, and it includes pipeline "
       "reports.",
       "That works, let's go ahead with the Team plan.",
       5,
       {{"We also offer premium support with a dedicated manager for $200 a month.",
         "Yes, the premium support makes sense for us.", 20000, PriceKind::kRecurring},
        {"If you add five more seats now, each extra seat is $49 a month.",
         "Okay, add the five extra seats.", 4900, PriceKind::kPerUnit}},
       true,
       "I'm calling to cancel our subscription, the team just isn't using it.",
       "What if I set up a free onboarding session and drop you to the Starter plan at $29 per "
       "user?"},
      {"hotel",
       {"Harborview Hotel", "The Alder Inn"},
       {"Hi, I'd like to book a room for next weekend, Friday and Saturday night.",
        "Hello, I'm looking for a room for two nights for our anniversary."},
       "Can I get your full name and a phone number for the reservation?",
       {"How many guests will be staying, and do you have a bed preference?",
        "Is this trip for business or for pleasure?"},
       {"Just the two of us, and a king bed would be great.",
        "It's our anniversary, so something special would be nice."},
       "I have a king room available at $189 per night for the two nights.",
       "Perfect, please book the king room.",
       2,
       {{"For $50 more per night I can upgrade you to an ocean view room.",
         "Oh, yes, let's do the ocean view.", 5000, PriceKind::kPerUnit},
        {"We also have a breakfast package for two at $25 per night.", "Sure, add breakfast.", 2500,
         PriceKind::kPerUnit}}},
      {"auto_service",
       {"Precision Auto Care", "Main Street Garage"},
       {"Hi, my check engine light came on this morning and the car is making a weird noise.",
        "Hey, I need to bring my car in, the brakes are squeaking pretty badly."},
       "Can I get your name and the year, make and model of the vehicle?",
       {"When did you first notice the problem, and is the car still drivable?",
        "How many miles are on the car and when was the last service?"},
       {"It started yesterday, it drives but it shakes a little at highway speed.",
        "About sixty thousand miles, and I think the last oil change was a year ago."},
       "We can do a full diagnostic for $89, and we can get you in tomorrow at nine.",
       "Okay, book me for tomorrow at nine.",
       4,
       {{"Since it's been a while, I'd recommend a synthetic oil change while it's here, that's "
         "$79.",
         "Sure, do the oil change too.", 7900, PriceKind::kOneTime},
        {"We can also rotate and balance the tires for $30 per tire.",
         "Yeah, go ahead and do all four tires.", 3000, PriceKind::kPerUnit}}},
      {"insurance",
       {"Summit Mutual", "Keystone Insurance"},
       {"Hi, I'm shopping around for car insurance, my renewal came in really high.",
        "Hello, I just bought a new car and I need to get it insured."},
       "Can I get your full name and date of birth to pull up a quote?",
       {"How many drivers are in the household, and any accidents in the last five years?",
        "What coverage do you have today, just liability or full coverage?"},
       {"Just me and my wife, and no accidents.",
        "Full coverage right now, with a $500 deductible."},
       "I can offer you full coverage with a $500 deductible for $142 a month.",
       "That's better than what I have, let's start the policy.",
       1,
       {{"I'd also recommend roadside assistance, it's only $8 more a month.",
         "Yes, add roadside assistance.", 800, PriceKind::kRecurring},
        {"Rental reimbursement is $6 a month if you want a car while yours is in the shop.",
         "Sure, add the rental coverage.", 600, PriceKind::kRecurring}},
       true,
       "I want to cancel my policy, I found something cheaper.",
       "I can apply a safe driver discount and bring your premium down by $18 a month."},
      {"solar",
       {"SunPeak Solar", "Bright Roof Energy"},
       {"Hi, I saw your ad about solar panels and wanted to learn more.",
        "Hello, my electric bill is over three hundred dollars and I'm wondering if solar would "
        "help."},
       "Can I get your name and the address of the home?",
       {"Do you own the home, and what's your average monthly electric bill?",
        "Which direction does your roof face, and is it shaded at all?"},
       {"We own it, and the bill is around two hundred and eighty a month.",
        "Mostly south facing, no trees on that side."},
       "Based on that, a six kilowatt system would run about $14,500 after the federal tax "
       "credit.",
       "Okay, let's move forward and schedule the installation.",
       1,
       {{"Most customers add a battery backup, that's $9,000 installed.",
         "Yes, include the battery.", 900000, PriceKind::kOneTime}}},
      {"dental",
       {"Bright Smile Dental", "Maple Family Dentistry"},
       {"Hi, I need to schedule a cleaning, and one of my back teeth has been hurting.",
        "Hello, I'm a new patient and I'd like to book an appointment."},
       "Can I get your full name and date of birth?",
       {"Do you have dental insurance, and how long has the tooth been bothering you?",
        "When was your last cleaning?"},
       {"No insurance right now, and it's been about a week.", "Honestly, probably two years ago."},
       "We have a new patient special, exam, x-rays and cleaning for $129.",
       "Great, I'll take the new patient appointment.",
       1,
       {{"While you're here we can do a whitening treatment for $199.",
         "Sure, let's do the whitening.", 19900, PriceKind::kOneTime},
        {"We also recommend a fluoride treatment for $35.", "Okay, add the fluoride.", 3500,
         PriceKind::kOneTime}}},
      {"retail",
       {"Oak & Ember Furniture", "Peak Outfitters"},
       {"Hi, I'm calling about the sectional sofa I saw on your website.",
        "Hello, I'm calling about the gray sectional, is it still in stock?"},
       "Can I get your name and the email for the order?",
       {"What size is the room, and what color are you thinking?",
        "Is this for everyday use or more for when guests come over?"},
       {"It's a big living room, and we'd like the gray one.",
        "Everyday use, we have two kids and a dog."},
       "The sectional in gray is $1,299, and it's in stock.",
       "Alright, I'll take the gray sectional.",
       1,
       {{"I'd recommend our five year protection plan for $149, it covers stains and pets.",
         "Yes, add the protection plan.", 14900, PriceKind::kOneTime},
        {"White glove delivery with setup is $99.", "Sure, do the white glove delivery.", 9900,
         PriceKind::kOneTime}}},
      // Home services: only on request (ScenarioOptions::industry), never in the general mix,
      // so the default run (and the evaluation sets built from it) stays what it was.
      {"home_services",
       {"Acme Home Services", "Reliable Rooter & Air"},
       {"Hi, I've got water leaking under my kitchen sink and it's getting all over the floor.",
        "Hello, the pipe under my bathroom sink is dripping and I can't get it to stop."},
       "Can I get your name and a good phone number for the technician?",
       {"How long has it been leaking, and have you turned off the water under the sink?",
        "Is it the pipe itself or the faucet, and how old is the plumbing in the house?"},
       {"Since last night, and yes, I shut the valve off.",
        "I think it's the pipe, the house is about thirty years old."},
       "We can send a plumber out this afternoon, the service call is $89 and the repair itself "
       "is $245.",
       "Okay, please send someone out this afternoon.",
       2,
       {{"I can also add new shut-off valves while the plumber is there, $65 more per valve.",
         "Sure, add both valves.", 6500, PriceKind::kPerUnit},
        {"I can also add a whole-home plumbing inspection for just $99 more.",
         "Yes, add the inspection.", 9900, PriceKind::kOneTime}},
       false,
       "",
       "",
       false},
      {"home_services",
       {"Acme Home Services", "Reliable Rooter & Air"},
       {"Hi, my water heater stopped working, we've had no hot water since yesterday.",
        "Hello, there's water pooling around the bottom of my water heater."},
       "Can I get your name and a good phone number for the technician?",
       {"How old is the water heater, and is it gas or electric?",
        "How many people are in the house, and do you run out of hot water often?"},
       {"It's gas, and I think it's about twelve years old.",
        "Four of us, and we run out every morning."},
       "At that age I'd recommend a replacement, a new fifty gallon gas water heater installed is "
       "$1,650.",
       "Alright, let's go ahead with the new water heater.",
       1,
       {{"I can also add an expansion tank for just $180 more.", "Yes, add the expansion tank.",
         18000, PriceKind::kOneTime},
        {"I can also add a ten year warranty on the heater for just $149 more.",
         "Sure, add the warranty.", 14900, PriceKind::kOneTime}},
       false,
       "",
       "",
       false},
      {"home_services",
       {"Acme Home Services", "Reliable Rooter & Air"},
       {"Hi, my air conditioner is running but it's blowing warm air.",
        "Hello, our furnace keeps turning on and off and the house won't warm up."},
       "Can I get your name and a good phone number for the technician?",
       {"How old is the system, and when was it last serviced?",
        "Is it the whole house or just some rooms, and is the thermostat working?"},
       {"It's about ten years old and I don't think it's ever been serviced.",
        "The whole house, and the thermostat seems fine."},
       "We can have an HVAC technician there tomorrow morning, the diagnostic visit is $129 and "
       "it's credited toward the repair.",
       "Okay, book the technician for tomorrow morning.",
       2,
       {{"While they're there, I can also add new air filters for $25 more per filter.",
         "Sure, add both filters.", 2500, PriceKind::kPerUnit},
        {"I can also add a coil cleaning for just $149 more.", "Yes, add the coil cleaning too.",
         14900, PriceKind::kOneTime}},
       false,
       "",
       "",
       false},
      {"home_services",
       {"Acme Home Services", "Reliable Rooter & Air"},
       {"Hi, my kitchen drain is completely clogged and the sink won't empty.",
        "Hello, the shower drain backs up every time we use it."},
       "Can I get your name and a good phone number for the technician?",
       {"Is it just one drain or several, and have you tried a plunger?",
        "Has this happened before, and do you have any trees near the sewer line?"},
       {"Just the kitchen, and the plunger didn't do anything.",
        "It's happened twice this year, and there's a big oak out front."},
       "We can clear the drain with a professional snake for $179, and we have a technician "
       "free this afternoon.",
       "Okay, let's book the drain cleaning for this afternoon.",
       1,
       {{"Since it keeps coming back, I'd also recommend a camera inspection for $199 more.",
         "Yes, add the camera inspection.", 19900, PriceKind::kOneTime},
        {"I can also add a monthly enzyme treatment for just $15 more a month.",
         "Sure, add the treatment.", 1500, PriceKind::kRecurring}},
       false,
       "",
       "",
       false},
      {"home_services",
       {"Acme Home Services", "Reliable Rooter & Air"},
       {"Hi, I got a postcard about your maintenance plan and wanted to know what it covers.",
        "Hello, I'd like to schedule a tune-up for my heating before winter."},
       "Can I get your name and a good phone number for the technician?",
       {"What systems do you have in the home, furnace, air conditioning, water heater?",
        "When was the last time anyone looked at your heating and cooling?"},
       {"A gas furnace, central air and a water heater.",
        "Honestly, not since we moved in three years ago."},
       "Our Comfort Club plan covers two tune-ups a year, priority scheduling and fifteen percent "
       "off "
       "repairs, all for $19 a month.",
       "That sounds good, sign me up for the Comfort Club.",
       1,
       {{"You can add the water heater flush to the plan for $5 more a month.",
         "Yes, add the water heater flush.", 500, PriceKind::kRecurring},
        {"I can also add a whole-home surge protector for $249 more, installed.",
         "Sure, add the surge protector.", 24900, PriceKind::kOneTime}},
       true,
       "I want to cancel my maintenance plan, I'm not sure I'm getting anything out of it.",
       "Before you cancel, I can give you the next three months free and book your fall tune-up "
       "this week.",
       false},
  };
  return kCatalog;
}

constexpr std::array kAgents = {"Maria", "James", "Priya",  "Daniel", "Aisha",
                                "Kevin", "Sofia", "Marcus", "Emily",  "Luis"};
constexpr std::array kCustomers = {
    "John Miller",    "Sarah Chen",   "Robert Johnson", "Linda Garcia", "Michael Brown",
    "Jennifer Davis", "David Wilson", "Karen Martinez", "Thomas Lee",   "Patricia Moore"};

// Card numbers that pass the Luhn check (Visa/Mastercard/Amex/Discover test numbers), read out
// the way people do.
constexpr std::array kCards = {"4111 1111 1111 1111", "5555 5555 5555 4444", "4012 8888 8888 1881",
                               "3782 822463 10005", "6011 1111 1111 1117"};

constexpr std::array kFrustrated = {
    "Honestly this is really frustrating, I've been on hold for twenty minutes.",
    "I'm pretty annoyed, nobody has been able to help me so far.",
    "This is the third time I'm calling about this, it's ridiculous."};
constexpr std::array kHappyEnd = {"That's great, thank you so much for your help!",
                                  "Perfect, I really appreciate it, you've been wonderful.",
                                  "Awesome, that was easier than I expected, thanks!"};
constexpr std::array kUnhappyEnd = {"Well, that's disappointing. I guess I'll look elsewhere.",
                                    "This was a waste of my time, honestly.",
                                    "I'm not happy about this at all, I'll probably cancel."};
constexpr std::array kNeutralEnd = {"Okay, thanks.", "Alright, I'll think it over.",
                                    "Okay, sounds good."};

// Adds a filler or a restart, the way people actually talk.
std::string Disfluent(Rng& rng, std::string text) {
  static constexpr std::array kFillers = {"um, ", "uh, ", "so, um, ", "like, ", "you know, "};
  auto space = text.find(' ');
  switch (rng.Int(3)) {
    case 0: {  // filler up front: "Um, I was ..."
      std::string f = rng.Pick(kFillers);
      if (!text.empty())
        text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
      f[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(f[0])));
      return f + text;
    }
    case 1: {  // restart: "I- I was ...", "Sure- sure, it's ..."
      if (space == std::string::npos || space >= 12) return "Uh, " + text;
      std::string word = text.substr(0, space);
      while (!word.empty() && (word.back() == ',' || word.back() == '.')) word.pop_back();
      std::string rest = text;
      if (word != "I")
        rest[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(rest[0])));
      return word + "- " + rest;
    }
    default:  // filler after the first word
      if (space != std::string::npos) {
        return text.substr(0, space) + ", uh," + text.substr(space);
      }
      return text;
  }
}

}  // namespace

const std::vector<std::string>& Industries() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> n;
    for (const auto& i : Catalog()) {
      if (i.general) n.emplace_back(i.name);
    }
    return n;
  }();
  return kNames;
}

const std::vector<std::string>& AllIndustries() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> n;
    for (const auto& i : Catalog()) {
      if (std::find(n.begin(), n.end(), i.name) == n.end()) n.emplace_back(i.name);
    }
    return n;
  }();
  return kNames;
}

Scenario GenerateScenario(std::uint64_t seed, int index, const ScenarioOptions& o) {
  Rng rng(Mix(seed, static_cast<std::uint64_t>(index)));
  std::vector<const Industry*> pool;
  for (const auto& i : Catalog()) {
    if (o.industry.empty() ? i.general : o.industry == i.name) pool.push_back(&i);
  }
  if (pool.empty()) pool.push_back(&Catalog().front());  // callers check with AllIndustries()
  const Industry& ind = *pool[static_cast<std::size_t>(rng.Int(static_cast<int>(pool.size())))];
  Scenario s;
  s.industry = ind.name;
  s.company = rng.Pick(ind.companies);
  s.agent_name = rng.Pick(kAgents);
  s.customer_name = rng.Pick(kCustomers);
  // The same draws happen either way, so the defaults give exactly the scenarios they always did.
  if (!o.company.empty()) s.company = o.company;
  if (!o.agent_name.empty()) s.agent_name = o.agent_name;
  const std::string first_name = s.customer_name.substr(0, s.customer_name.find(' '));
  // The agent's form moves the chance of each script item (and, below, of a sale and of how the
  // customer ends up feeling); a chance of p becomes p + skill, kept within [0.05, 0.98].
  auto does = [&](double p) {
    return rng.Chance(o.skill == 0 ? p : std::clamp(p + o.skill, 0.05, 0.98));
  };
  auto& labels = s.labels;
  for (const char* item :
       {"greeting", "verify_identity", "needs_discovery", "offer", "recap", "closing"}) {
    labels.script[item] = false;
  }

  // Customer mood: starts frustrated, neutral or upbeat; the outcome decides where it ends.
  const int start_mood = rng.Chance(0.3) ? -1 : (rng.Chance(0.5) ? 0 : 1);
  const bool retention = ind.retention && rng.Chance(0.3);
  const double disfluency = rng.Uniform(0.1, 0.45);
  auto agent = [&](std::string text, double gap = -1) {
    if (gap < 0) gap = rng.Uniform(0.3, 1.0);
    if (rng.Chance(disfluency / 4)) text = Disfluent(rng, std::move(text));
    s.turns.push_back({Speaker::kAgent, std::move(text), gap});
  };
  auto customer = [&](std::string text, double gap = -1) {
    if (gap < 0) gap = rng.Chance(0.06) ? -0.5 : rng.Uniform(0.2, 1.2);  // sometimes cuts in
    if (rng.Chance(disfluency)) text = Disfluent(rng, std::move(text));
    s.turns.push_back({Speaker::kCustomer, std::move(text), gap});
  };

  // Greeting.
  if (does(0.88)) {
    agent("Thank you for calling " + s.company + ", this is " + s.agent_name +
              ". How can I help you today?",
          0);
    labels.script["greeting"] = true;
  } else {
    agent("Hello, how can I help?", 0);
  }
  customer(retention ? ind.cancel_reason : rng.Pick(ind.reasons));
  if (start_mood < 0) customer(rng.Pick(kFrustrated), 0.3);
  if (start_mood < 0 && does(0.7)) {
    agent("I'm really sorry about that, I understand how frustrating that is. Let me help.");
  }

  // Identity.
  if (does(0.72)) {
    agent(ind.verify);
    labels.script["verify_identity"] = true;
    std::string answer = "Sure, it's " + s.customer_name;
    if (std::string_view(ind.verify).find("date of birth") != std::string_view::npos) {
      static constexpr std::array kDob = {"March fourth, nineteen eighty two", "07/19/1975",
                                          "December 2nd, 1990"};
      answer += ", date of birth " + std::string(rng.Pick(kDob));
      labels.has_pii = true;
    } else if (std::string_view(ind.verify).find("email") != std::string_view::npos) {
      answer += ", and the email is " + AsciiLower(first_name) + ".k@example.com";
      labels.has_pii = true;
    } else if (std::string_view(ind.verify).find("PIN") != std::string_view::npos) {
      answer += ", and the PIN is " + std::to_string(1000 + rng.Int(9000));
    } else {
      answer += ", and my number is 415 555 0" + std::to_string(100 + rng.Int(900));
      labels.has_pii = true;
    }
    customer(answer + ".");
    agent("Thank you, " + first_name + ".");
  }

  // Needs discovery.
  if (does(0.8)) {
    int q = rng.Int(static_cast<int>(ind.discovery.size()));
    agent(ind.discovery[static_cast<std::size_t>(q)]);
    customer(ind.discovery_answers[static_cast<std::size_t>(q)]);
    labels.script["needs_discovery"] = true;
  }

  // Offer and outcome.
  int end_mood = start_mood;
  std::vector<std::string> agreed;
  const bool offer = does(0.9);
  if (offer && retention) {
    agent(ind.save_offer);
    labels.script["offer"] = true;
    if (does(0.55)) {
      s.outcome = "retained";
      customer("Okay, if you can do that, I'll stay.");
      labels.converted = true;  // kept a paid plan they meant to cancel
      agreed.push_back("the discount on your current plan");
      end_mood = 1;
    } else {
      s.outcome = "cancelled";
      customer("No, I've made up my mind, please just cancel it.");
      agent("Understood, I've submitted the cancellation.");
      end_mood = start_mood < 0 ? -1 : 0;
    }
  } else if (offer) {
    agent(ind.offer);
    labels.script["offer"] = true;
    if (!o.competitor.empty() && rng.Chance(o.competitor_chance)) {
      static constexpr std::array kQuoted = {
          "Honestly, {} quoted me less for the same job.",
          "I already got a quote from {}, and it was cheaper than that.",
          "They told me {} would do it for about fifty dollars less, can you match that?"};
      std::string line = rng.Pick(kQuoted);
      line.replace(line.find("{}"), 2, o.competitor);
      customer(line, 0.4);
      agent(
          "I understand. Our technicians are licensed and every job is guaranteed for a year, "
          "so you won't pay twice.");
    }
    // A stronger agent closes more often (a draw below the threshold is a sale).
    const double r = rng.Uniform(0, 1) - o.skill;
    if (r < 0.5) {
      s.outcome = "converted";
      if (rng.Chance(0.3)) customer("Hmm, that's a bit more than I wanted to spend.", 0.6);
      if (rng.Chance(0.3)) agent("It's our most popular option, and you can change it any time.");
      customer(ind.accept);
      labels.converted = true;
      agreed.push_back("what we discussed");
      end_mood = std::min(1, end_mood + 2);
      // Upsell, accepted or declined.
      if (rng.Chance(0.6)) {
        const Upsell& u = rng.Pick(ind.upsells);
        agent(u.pitch);
        if (rng.Chance(0.5)) {
          customer(u.accept);
          labels.upsell_cents += u.kind == PriceKind::kPerUnit ? u.cents * ind.units : u.cents;
          agreed.push_back("the add-on");
        } else {
          static constexpr std::array kNo = {"No thanks, just the base option for now.",
                                             "I'll pass on that, thanks.",
                                             "Maybe later, not today."};
          customer(rng.Pick(kNo));
        }
      }
      // Payment with a spoken card number.
      if (rng.Chance(0.35)) {
        agent("I can take a card to secure that now. What's the card number?");
        customer("It's " + std::string(rng.Pick(kCards)) + ", expiration oh nine twenty seven.");
        agent("And the three digit security code on the back?");
        customer("It's " + std::to_string(100 + rng.Int(900)) + ".");
        labels.has_pii = true;
      }
    } else if (r < 0.65) {
      s.outcome = "think_about_it";
      customer("Let me think about it and I'll call you back.");
      end_mood = std::min(end_mood, 0);
    } else if (r < 0.75) {
      s.outcome = "send_proposal";
      customer("Can you send me a proposal by email? I want to look at it in writing.");
      end_mood = 0;
    } else if (r < 0.82) {
      s.outcome = "ask_boss";
      customer("I need to check with my boss before I commit to anything.");
      end_mood = 0;
    } else {
      s.outcome = "declined";
      customer("No, that's too expensive for me. I'm not interested.");
      end_mood = start_mood < 0 ? -1 : std::min(end_mood, 0);
    }
  } else {
    s.outcome = "information_only";
    agent("I can have a specialist call you back with details tomorrow.");
    customer("Okay, that's fine.");
    end_mood = std::min(end_mood, 0);
  }

  // Recap of what was agreed.
  if (!agreed.empty() && does(0.65)) {
    std::string recap = "So to recap, you're all set with " + agreed.front();
    if (agreed.size() > 1) recap += " plus " + agreed.back();
    agent(recap + ", and you'll get a confirmation by email shortly.");
    labels.script["recap"] = true;
  } else if (s.outcome == "send_proposal" && does(0.6)) {
    agent("Next steps, I'll email you the proposal today and follow up on Thursday.");
    labels.script["recap"] = true;
  }

  // A struggling agent leaves more customers unhappy than the call alone would.
  if (o.skill < 0 && !labels.converted && rng.Chance(-o.skill))
    end_mood = std::max(-1, end_mood - 1);

  // How the customer sounds at the end.
  if (end_mood > 0) {
    customer(rng.Pick(kHappyEnd));
  } else if (end_mood < 0) {
    customer(rng.Pick(kUnhappyEnd));
  } else {
    customer(rng.Pick(kNeutralEnd));
  }
  labels.sentiment = end_mood > 0 ? "positive" : (end_mood < 0 ? "negative" : "neutral");

  // Closing.
  if (does(0.85)) {
    agent("Thank you for calling " + s.company + ", " + first_name + ". Have a great day!");
    customer("Bye.");
    labels.script["closing"] = true;
  }
  return s;
}

}  // namespace converza::twilio::simulator
