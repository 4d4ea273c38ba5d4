// TwiML builders: exact shapes, escaping, and agreement with python3-twilio's VoiceResponse
// (compared after XML canonicalisation, C14N 2.0, so escaping style does not matter but every
// element, attribute and character does).
#include "twilio/twiml.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "twilio/python_oracle_testutil.h"

namespace converza::twilio {
namespace {

DialOptions WithCallerId(std::string caller_id) {
  DialOptions o;
  o.caller_id = std::move(caller_id);
  return o;
}

DialOptions Everything() {
  DialOptions o;
  o.caller_id = "+1 (415) <x>";
  o.action = "https://x.example/a?b=1&c=2";
  o.timeout_seconds = 20;
  o.time_limit_seconds = 540;
  o.answer_on_bridge = false;
  return o;
}

TEST(TwilioTwiml, EmptyResponse) {
  EXPECT_EQ(EmptyResponse(), R"(<?xml version="1.0" encoding="UTF-8"?><Response/>)");
}

TEST(TwilioTwiml, DialAgentsShape) {
  EXPECT_EQ(DialAgents({"+14155550100", "+14155550101"},
                       "https://x.example/webhooks/twilio/recording?t=1&u=2", "",
                       WithCallerId("+14155550199")),
            R"(<?xml version="1.0" encoding="UTF-8"?><Response><Dial answerOnBridge="true" )"
            R"(callerId="+14155550199" record="record-from-answer-dual" )"
            R"(recordingStatusCallback="https://x.example/webhooks/twilio/recording?t=1&amp;u=2" )"
            R"(recordingStatusCallbackEvent="completed" recordingStatusCallbackMethod="POST">)"
            R"(<Number>+14155550100</Number><Number>+14155550101</Number></Dial></Response>)");
}

TEST(TwilioTwiml, EveryNumberReportsWhoAnswered) {
  EXPECT_EQ(DialAgents({"+14155550100", "+14155550101"}, "https://x.example/r",
                       "https://x.example/webhooks/twilio/agent-answered?t=1&u=\"2\""),
            R"(<?xml version="1.0" encoding="UTF-8"?><Response><Dial answerOnBridge="true" )"
            R"(record="record-from-answer-dual" recordingStatusCallback="https://x.example/r" )"
            R"(recordingStatusCallbackEvent="completed" recordingStatusCallbackMethod="POST">)"
            R"(<Number statusCallback="https://x.example/webhooks/twilio/agent-answered?t=1&amp;)"
            R"(u=&quot;2&quot;" statusCallbackEvent="answered" statusCallbackMethod="POST">)"
            R"(+14155550100</Number>)"
            R"(<Number statusCallback="https://x.example/webhooks/twilio/agent-answered?t=1&amp;)"
            R"(u=&quot;2&quot;" statusCallbackEvent="answered" statusCallbackMethod="POST">)"
            R"(+14155550101</Number></Dial></Response>)");
}

// The daily dialling budget bounds each call: Twilio hangs the bridged call up after timeLimit.
TEST(TwilioTwiml, TimeLimitBoundsTheDial) {
  DialOptions o;
  o.time_limit_seconds = 540;
  EXPECT_EQ(DialAgents({"+14155550100"}, "https://x.example/r", "", o),
            R"(<?xml version="1.0" encoding="UTF-8"?><Response><Dial answerOnBridge="true" )"
            R"(record="record-from-answer-dual" recordingStatusCallback="https://x.example/r" )"
            R"(recordingStatusCallbackEvent="completed" recordingStatusCallbackMethod="POST" )"
            R"(timeLimit="540"><Number>+14155550100</Number></Dial></Response>)");
}

TEST(TwilioTwiml, SayAndHangupEscapesEverything) {
  EXPECT_EQ(SayAndHangup("Tom & Jerry's <\"shop\">\x01", "Polly.Joanna"),
            R"(<?xml version="1.0" encoding="UTF-8"?><Response><Say voice="Polly.Joanna">)"
            R"(Tom &amp; Jerry&apos;s &lt;&quot;shop&quot;&gt; </Say><Hangup/></Response>)");
}

// Python builds the same documents with VoiceResponse, checks ours parse with xml.etree, and
// prints whether the canonical forms are equal.
constexpr const char* kOracleScript = R"PY(
import json, sys
import xml.etree.ElementTree as ET
from twilio.twiml.voice_response import VoiceResponse
c = json.load(open(sys.argv[1], encoding="utf-8"))
out = []
for case in c:
    r = VoiceResponse()
    if case["kind"] == "dial":
        o = case["options"]
        kw = dict(record="record-from-answer-dual",
                  recording_status_callback=case["callback"],
                  recording_status_callback_event="completed",
                  recording_status_callback_method="POST")
        if o["answer_on_bridge"]: kw["answer_on_bridge"] = True
        if o["caller_id"]: kw["caller_id"] = o["caller_id"]
        if o["action"]: kw["action"] = o["action"]; kw["method"] = "POST"
        if o["timeout"]: kw["timeout"] = o["timeout"]
        if o["time_limit"]: kw["time_limit"] = o["time_limit"]
        d = r.dial(**kw)
        nkw = {}
        if case["answered"]:
            nkw = dict(status_callback=case["answered"], status_callback_event="answered",
                       status_callback_method="POST")
        for n in case["numbers"]: d.number(n, **nkw)
    elif case["kind"] == "say":
        kw = {"voice": case["voice"]} if case["voice"] else {}
        r.say(case["text"], **kw)
        r.hangup()
    ours = case["ours"]
    ET.fromstring(ours.encode("utf-8"))  # raises if not well-formed
    strip = lambda s: s.split("?>", 1)[1]
    a = ET.canonicalize(strip(ours))
    b = ET.canonicalize(strip(r.to_xml()))
    out.append({"equal": a == b, "ours": a, "python": b})
print(json.dumps(out))
)PY";

TEST(TwilioTwimlOracle, MatchesPythonTwilioVoiceResponse) {
  ASSERT_NO_FATAL_FAILURE(testing::RequireTwilioModule());
  boost::json::array cases;
  auto add_dial = [&](std::vector<std::string> numbers, std::string cb, DialOptions o,
                      std::string answered = "") {
    boost::json::array jn;
    for (auto& n : numbers) jn.push_back(boost::json::string(n));
    cases.push_back(boost::json::object{
        {"kind", "dial"},
        {"numbers", jn},
        {"callback", cb},
        {"answered", answered},
        {"options", boost::json::object{{"caller_id", o.caller_id},
                                        {"action", o.action},
                                        {"timeout", o.timeout_seconds},
                                        {"time_limit", o.time_limit_seconds},
                                        {"answer_on_bridge", o.answer_on_bridge}}},
        {"ours", DialAgents(numbers, cb, answered, o)}});
  };
  add_dial({"+14155550100"}, "https://x.example/webhooks/twilio/recording", {});
  add_dial({"+14155550100", "+14155550101", "sip:a&b@x"},
           "https://x.example/r?tenant=\"t1\"&k='v'<>", Everything());
  add_dial({"+14155550100", "+14155550101"}, "https://x.example/webhooks/twilio/recording?t=1", {},
           "https://x.example/webhooks/twilio/agent-answered?t=1");
  add_dial({"+14155550100", "sip:a&b@x"}, "https://x.example/r", Everything(),
           "https://x.example/a?tenant=\"t1\"&k='v'<>\tZoë");
  add_dial({}, "https://x.example/r?name=Zoë\tand\nmore", WithCallerId("+14155550199"));
  auto add_say = [&](std::string text, std::string voice) {
    cases.push_back(boost::json::object{
        {"kind", "say"}, {"text", text}, {"voice", voice}, {"ours", SayAndHangup(text, voice)}});
  };
  add_say("Sorry, this number is not in service. Goodbye.", "");
  add_say("Ünïcödé & <b>bold</b> \"quotes\" 'single' — 日本語 🙂", "Polly.Joanna");

  auto r = testing::RunPython(kOracleScript, boost::json::serialize(cases));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto out = boost::json::parse(r.output).as_array();
  ASSERT_EQ(out.size(), cases.size());
  for (const auto& o : out) {
    EXPECT_TRUE(o.at("equal").as_bool()) << "ours:   " << o.at("ours").as_string().c_str()
                                         << "\npython: " << o.at("python").as_string().c_str();
  }
}

TEST(TwilioTwimlOracle, EmptyResponseIsWellFormed) {
  ASSERT_NO_FATAL_FAILURE(testing::RequireTwilioModule());
  auto r = testing::RunPython(
      "import sys, xml.etree.ElementTree as ET\n"
      "e = ET.fromstring(open(sys.argv[1], 'rb').read())\n"
      "print(e.tag, len(e))\n",
      EmptyResponse());
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output, "Response 0\n");
}

}  // namespace
}  // namespace converza::twilio
