#include "twilio/sandbox/twiml.h"

#include <gtest/gtest.h>

#include "twilio/twiml.h"

namespace converza::twilio::sandbox {
namespace {

TEST(SandboxTwimlTest, ReadsTheNumbersOurTwimlDials) {
  const std::string cb = "https://x.example/a?t=1&u=\"2\"\tZo\u00eb <'>";
  auto numbers = DialedNumbers(DialAgents({"+14155550101", "sip:a&b@x"}, "https://x/r", cb));
  ASSERT_EQ(numbers.size(), 2u);
  EXPECT_EQ(numbers[0].number, "+14155550101");
  EXPECT_EQ(numbers[1].number, "sip:a&b@x");
  for (const auto& n : numbers) {
    EXPECT_EQ(n.status_callback, cb);
    EXPECT_EQ(n.status_callback_event, "answered");
    EXPECT_EQ(n.status_callback_method, "POST");
  }
  auto plain = DialedNumbers(DialAgents({"+14155550101"}, "https://x/r", ""));
  ASSERT_EQ(plain.size(), 1u);
  EXPECT_EQ(plain[0].number, "+14155550101");
  EXPECT_EQ(plain[0].status_callback, "");
  EXPECT_TRUE(DialedNumbers(EmptyResponse()).empty());
  EXPECT_TRUE(DialedNumbers(SayAndHangup("Number <Number> & goodbye")).empty());
  EXPECT_TRUE(DialedNumbers("<Response><Dial><Number a=\"unterminated").empty());
}

TEST(SandboxTwimlTest, UnescapesEntitiesAndCharacterReferences) {
  auto n = DialedNumbers(
      "<Dial><Number statusCallback='a&amp;b&#x263A;&#233;&bogus;'>"
      "&lt;1&gt;</Number></Dial>");
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0].number, "<1>");
  EXPECT_EQ(n[0].status_callback, "a&b\u263A\u00e9&bogus;");
}

}  // namespace
}  // namespace converza::twilio::sandbox
