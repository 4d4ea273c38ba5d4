// Where numbers ring: known answers for the cases that matter to toll fraud, and agreement with
// libphonenumber (Debian's python3-phonenumbers, an independent oracle) for every country code
// and every NANP area code.
#include "twilio/destinations.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>
#include <string>

#include "twilio/python_oracle_testutil.h"

namespace converza::twilio {
namespace {

TEST(Destinations, CountryByCountryCodeAndNanpAreaCode) {
  EXPECT_EQ(CountryOf("+14155550100"), "US");
  EXPECT_EQ(CountryOf("+15550000001"), "US");  // an area code nobody else has is the US
  EXPECT_EQ(CountryOf("+18005550100"), "US");  // NANP toll-free
  EXPECT_EQ(CountryOf("+14165550100"), "CA");  // Toronto
  EXPECT_EQ(CountryOf("+19425550100"), "CA");  // Toronto's 2025 overlay, newer than the oracle
  EXPECT_EQ(CountryOf("+18765550100"), "JM");  // Jamaica: +1, but not the US
  EXPECT_EQ(CountryOf("+18095550100"), "DO");
  EXPECT_EQ(CountryOf("+12845550100"), "VG");
  EXPECT_EQ(CountryOf("+17875550100"), "PR");
  EXPECT_EQ(CountryOf("+442079460000"), "GB");
  EXPECT_EQ(CountryOf("+441534123456"), "GB");  // Jersey shares +44: counted as GB
  EXPECT_EQ(CountryOf("+79123456789"), "RU");
  EXPECT_EQ(CountryOf("+77012345678"), "KZ");
  EXPECT_EQ(CountryOf("+35312345678"), "IE");
  EXPECT_EQ(CountryOf("+2112345678"), "SS");
}

TEST(Destinations, NumbersOfNoCountry) {
  EXPECT_EQ(CountryOf("+88213123456"), "");  // international networks
  EXPECT_EQ(CountryOf("+88351000000"), "");
  EXPECT_EQ(CountryOf("+881612345678"), "");  // satellite
  EXPECT_EQ(CountryOf("+80012345678"), "");   // international freephone
  EXPECT_EQ(CountryOf("+97912345678"), "");   // international premium rate
  EXPECT_EQ(CountryOf("+2101234567"), "");    // unassigned
  EXPECT_EQ(CountryOf("+1415555010"), "");    // NANP, 9 digits
  EXPECT_EQ(CountryOf("+141555501000"), "");  // NANP, 11 digits
  EXPECT_EQ(CountryOf("+10155550100"), "");   // no area code starts with 0 or 1
  EXPECT_EQ(CountryOf("+1415555010x"), "");
  EXPECT_EQ(CountryOf("14155550100"), "");
  EXPECT_EQ(CountryOf(""), "");
}

TEST(Destinations, PremiumAndNetworkRanges) {
  for (const char* n :
       {"+88213123456", "+88351000000", "+881612345678", "+97912345678", "+80012345678",
        "+870772123456", "+19005550100", "+14159761234", "+449012345678", "+447012345678",
        "+448712345678", "+499001234567", "+33891234567", "+39899123456", "+34803123456",
        "+34905123456", "+611900123456"}) {
    EXPECT_TRUE(IsPremiumRange(n)) << n;
  }
  for (const char* n : {"+14155550100", "+18005550100", "+14165550100", "+442079460000",
                        "+4930123456", "+33123456789", "+19765550100", "+12125559760"}) {
    EXPECT_FALSE(IsPremiumRange(n)) << n;
  }
}

TEST(Destinations, KnownCountries) {
  for (const char* c : {"US", "CA", "JM", "PR", "GB", "KZ", "RU", "DE"}) {
    EXPECT_TRUE(IsKnownCountry(c)) << c;
  }
  for (const char* c : {"", "us", "USA", "XX", "UK", "EU"}) EXPECT_FALSE(IsKnownCountry(c)) << c;
}

// libphonenumber's region for every country code and every NANP area code; ours must agree.
constexpr const char* kOracleScript = R"PY(
import json, sys
import phonenumbers as pn
out = {"codes": {}, "nanp": {}}
for code, regions in pn.COUNTRY_CODE_TO_REGION_CODE.items():
    if code != 1:
        out["codes"][str(code)] = "" if regions[0] == "001" else regions[0]
for npa in range(200, 1000):
    region = pn.region_code_for_number(pn.parse("+1%d2345678" % npa))
    out["nanp"][str(npa)] = region or ""
print(json.dumps(out))
)PY";

TEST(DestinationsOracle, AgreesWithLibphonenumber) {
  auto module = RunProcess({testing::kSystemPython, "-c", "import phonenumbers"});
  ASSERT_EQ(module.exit_code, 0)
      << "python3-phonenumbers (libphonenumber, the test oracle) is not importable by "
      << testing::kSystemPython << ". Install it: apt-get install python3-phonenumbers";
  auto r = testing::RunPython(kOracleScript, "");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto oracle = boost::json::parse(r.output).as_object();

  const auto& codes = oracle.at("codes").as_object();
  ASSERT_GT(codes.size(), 200u);
  for (const auto& [code, region] : codes) {
    // A number under the code; +7 7xx is Kazakhstan, so probe Russia with 9xx.
    std::string number = "+" + std::string(code) + (code == "7" ? "9123456789" : "123456789");
    EXPECT_EQ(CountryOf(number), std::string(region.as_string())) << number;
  }
  // Unassigned codes belong to no country.
  for (int code : {210, 259, 292, 384, 425, 671, 801, 969, 990, 997, 999}) {
    if (codes.contains(std::to_string(code))) continue;
    EXPECT_EQ(CountryOf("+" + std::to_string(code) + "123456789"), "") << code;
  }

  // Canadian area codes opened since the oracle's metadata (8.12, 2022).
  const std::set<int> newer = {257, 354, 382, 428, 683, 879, 942};
  for (const auto& [npa, region] : oracle.at("nanp").as_object()) {
    const std::string number = "+1" + std::string(npa) + "2345678";
    const std::string theirs(region.as_string());
    if (newer.contains(std::stoi(std::string(npa)))) {
      EXPECT_EQ(theirs, "") << npa << ": the oracle now knows it; drop it from `newer`";
      EXPECT_EQ(CountryOf(number), "CA") << number;
    } else {
      // What the oracle does not place (unassigned, non-geographic) counts as the US.
      EXPECT_EQ(CountryOf(number), theirs.empty() ? "US" : theirs) << number;
    }
  }
}

}  // namespace
}  // namespace converza::twilio
