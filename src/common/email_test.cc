#include "common/email.h"

#include <gtest/gtest.h>

#include <string>

namespace converza {
namespace {

TEST(PlausibleEmail, AcceptsOrdinaryAddressesAndRefusesTheRest) {
  EXPECT_TRUE(PlausibleEmail("dana@acme.test"));
  EXPECT_TRUE(PlausibleEmail("d.o'neil+calls@sub.acme.co.uk"));
  for (const char* bad :
       {"", "dana", "@acme.test", "dana@", "dana@acme", "dana@.test", "dana@acme.", "a@b@c.test",
        "dana @acme.test", "dana@acme.test\r\nBcc:", "<dana@acme.test>"}) {
    EXPECT_FALSE(PlausibleEmail(bad)) << bad;
  }
  EXPECT_FALSE(PlausibleEmail(std::string(250, 'a') + "@b.test"));
}

}  // namespace
}  // namespace converza
