// Which agent phones a tenant's calls may be forwarded to: the platform-wide list when set, else
// the tenant's own country (its numbers', the US without any), never a premium range.
#include "twilio/dial_policy.h"

#include <gtest/gtest.h>

namespace converza::twilio {
namespace {

using Numbers = std::vector<std::string>;

TEST(DialPolicy, ByDefaultATenantDialsItsOwnCountry) {
  DialPolicy own;
  EXPECT_EQ(own.CountriesFor({}), Numbers({"US"}));  // no number yet: the home country
  EXPECT_EQ(own.CountriesFor({"+14155550100", "+12125550100"}), Numbers({"US"}));
  EXPECT_EQ(own.CountriesFor({"+14165550100", "+14155550100"}), Numbers({"CA", "US"}));
  EXPECT_EQ(own.CountriesFor({"+88213123456"}), Numbers({"US"}));  // no country: ignored

  EXPECT_TRUE(own.Check("+14155550123", {"+14155550100"}).ok());
  EXPECT_TRUE(own.Check("+15550000001", {}).ok());
  Status gb = own.Check("+442079460000", {"+14155550100"});
  EXPECT_EQ(gb.code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(gb.message(), "+442079460000 rings in GB; calls are forwarded only to numbers in US");
  Status jm = own.Check("+18765550100", {"+14155550100"});  // +1, but Jamaica
  EXPECT_EQ(jm.message(), "+18765550100 rings in JM; calls are forwarded only to numbers in US");
  // A Canadian tenant dials Canada, not the US.
  EXPECT_TRUE(own.Check("+16135550100", {"+14165550100"}).ok());
  EXPECT_FALSE(own.Check("+14155550123", {"+14165550100"}).ok());
}

TEST(DialPolicy, TheConfiguredListIsTheSameForEveryTenant) {
  DialPolicy list({"US", "GB", "US"});
  EXPECT_EQ(list.CountriesFor({"+14165550100"}), Numbers({"GB", "US"}));
  EXPECT_TRUE(list.Check("+442079460000", {}).ok());
  EXPECT_TRUE(list.Check("+14155550123", {"+14165550100"}).ok());
  Status ca = list.Check("+16135550100", {"+14165550100"});  // its own country is not listed
  EXPECT_EQ(ca.message(),
            "+16135550100 rings in CA; calls are forwarded only to numbers in GB, US");
}

TEST(DialPolicy, PremiumAndNetworkRangesAreNeverDialled) {
  DialPolicy list({"US", "GB", "DE"});
  for (const char* n : {"+88213123456", "+19005550100", "+449012345678", "+499001234567"}) {
    Status st = list.Check(n, {});
    EXPECT_EQ(st.code(), Status::Code::kInvalidArgument) << n;
    EXPECT_NE(st.message().find("premium-rate or international-network"), std::string::npos)
        << st.message();
  }
  Status nowhere = list.Check("+2101234567", {});
  EXPECT_EQ(nowhere.message(),
            "+2101234567 is not a number of any country; calls are forwarded only to numbers in "
            "DE, GB, US");
}

}  // namespace
}  // namespace converza::twilio
