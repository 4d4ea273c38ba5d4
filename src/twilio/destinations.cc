#include "twilio/destinations.h"

#include <algorithm>
#include <array>
#include <utility>

namespace converza::twilio {
namespace {

using Entry = std::pair<int, std::string_view>;

// E.164 country codes other than +1, each with its (main) country; libphonenumber 8.12's
// geographic codes. Sorted by code.
constexpr auto kCountryCodes = std::to_array<Entry>({
    {7, "RU"},   {20, "EG"},  {27, "ZA"},  {30, "GR"},  {31, "NL"},  {32, "BE"},  {33, "FR"},
    {34, "ES"},  {36, "HU"},  {39, "IT"},  {40, "RO"},  {41, "CH"},  {43, "AT"},  {44, "GB"},
    {45, "DK"},  {46, "SE"},  {47, "NO"},  {48, "PL"},  {49, "DE"},  {51, "PE"},  {52, "MX"},
    {53, "CU"},  {54, "AR"},  {55, "BR"},  {56, "CL"},  {57, "CO"},  {58, "VE"},  {60, "MY"},
    {61, "AU"},  {62, "ID"},  {63, "PH"},  {64, "NZ"},  {65, "SG"},  {66, "TH"},  {81, "JP"},
    {82, "KR"},  {84, "VN"},  {86, "CN"},  {90, "TR"},  {91, "IN"},  {92, "PK"},  {93, "AF"},
    {94, "LK"},  {95, "MM"},  {98, "IR"},  {211, "SS"}, {212, "MA"}, {213, "DZ"}, {216, "TN"},
    {218, "LY"}, {220, "GM"}, {221, "SN"}, {222, "MR"}, {223, "ML"}, {224, "GN"}, {225, "CI"},
    {226, "BF"}, {227, "NE"}, {228, "TG"}, {229, "BJ"}, {230, "MU"}, {231, "LR"}, {232, "SL"},
    {233, "GH"}, {234, "NG"}, {235, "TD"}, {236, "CF"}, {237, "CM"}, {238, "CV"}, {239, "ST"},
    {240, "GQ"}, {241, "GA"}, {242, "CG"}, {243, "CD"}, {244, "AO"}, {245, "GW"}, {246, "IO"},
    {247, "AC"}, {248, "SC"}, {249, "SD"}, {250, "RW"}, {251, "ET"}, {252, "SO"}, {253, "DJ"},
    {254, "KE"}, {255, "TZ"}, {256, "UG"}, {257, "BI"}, {258, "MZ"}, {260, "ZM"}, {261, "MG"},
    {262, "RE"}, {263, "ZW"}, {264, "NA"}, {265, "MW"}, {266, "LS"}, {267, "BW"}, {268, "SZ"},
    {269, "KM"}, {290, "SH"}, {291, "ER"}, {297, "AW"}, {298, "FO"}, {299, "GL"}, {350, "GI"},
    {351, "PT"}, {352, "LU"}, {353, "IE"}, {354, "IS"}, {355, "AL"}, {356, "MT"}, {357, "CY"},
    {358, "FI"}, {359, "BG"}, {370, "LT"}, {371, "LV"}, {372, "EE"}, {373, "MD"}, {374, "AM"},
    {375, "BY"}, {376, "AD"}, {377, "MC"}, {378, "SM"}, {380, "UA"}, {381, "RS"}, {382, "ME"},
    {383, "XK"}, {385, "HR"}, {386, "SI"}, {387, "BA"}, {389, "MK"}, {420, "CZ"}, {421, "SK"},
    {423, "LI"}, {500, "FK"}, {501, "BZ"}, {502, "GT"}, {503, "SV"}, {504, "HN"}, {505, "NI"},
    {506, "CR"}, {507, "PA"}, {508, "PM"}, {509, "HT"}, {590, "GP"}, {591, "BO"}, {592, "GY"},
    {593, "EC"}, {594, "GF"}, {595, "PY"}, {596, "MQ"}, {597, "SR"}, {598, "UY"}, {599, "CW"},
    {670, "TL"}, {672, "NF"}, {673, "BN"}, {674, "NR"}, {675, "PG"}, {676, "TO"}, {677, "SB"},
    {678, "VU"}, {679, "FJ"}, {680, "PW"}, {681, "WF"}, {682, "CK"}, {683, "NU"}, {685, "WS"},
    {686, "KI"}, {687, "NC"}, {688, "TV"}, {689, "PF"}, {690, "TK"}, {691, "FM"}, {692, "MH"},
    {850, "KP"}, {852, "HK"}, {853, "MO"}, {855, "KH"}, {856, "LA"}, {880, "BD"}, {886, "TW"},
    {960, "MV"}, {961, "LB"}, {962, "JO"}, {963, "SY"}, {964, "IQ"}, {965, "KW"}, {966, "SA"},
    {967, "YE"}, {968, "OM"}, {970, "PS"}, {971, "AE"}, {972, "IL"}, {973, "BH"}, {974, "QA"},
    {975, "BT"}, {976, "MN"}, {977, "NP"}, {992, "TJ"}, {993, "TM"}, {994, "AZ"}, {995, "GE"},
    {996, "KG"}, {998, "UZ"},
});

// NANP area codes that are not the US: Canada's (libphonenumber 8.12's, plus 257, 354, 382, 428,
// 683, 879 and 942, opened since) and the Caribbean and Pacific territories'. Sorted by code.
constexpr auto kNanpAreaCodes = std::to_array<Entry>({
    {204, "CA"}, {226, "CA"}, {236, "CA"}, {242, "BS"}, {246, "BB"}, {249, "CA"}, {250, "CA"},
    {257, "CA"}, {263, "CA"}, {264, "AI"}, {268, "AG"}, {284, "VG"}, {289, "CA"}, {306, "CA"},
    {340, "VI"}, {343, "CA"}, {345, "KY"}, {354, "CA"}, {365, "CA"}, {367, "CA"}, {368, "CA"},
    {382, "CA"}, {403, "CA"}, {416, "CA"}, {418, "CA"}, {428, "CA"}, {431, "CA"}, {437, "CA"},
    {438, "CA"}, {441, "BM"}, {450, "CA"}, {468, "CA"}, {473, "GD"}, {474, "CA"}, {506, "CA"},
    {514, "CA"}, {519, "CA"}, {548, "CA"}, {579, "CA"}, {581, "CA"}, {584, "CA"}, {587, "CA"},
    {600, "CA"}, {604, "CA"}, {613, "CA"}, {622, "CA"}, {639, "CA"}, {647, "CA"}, {649, "TC"},
    {658, "JM"}, {664, "MS"}, {670, "MP"}, {671, "GU"}, {672, "CA"}, {683, "CA"}, {684, "AS"},
    {705, "CA"}, {709, "CA"}, {721, "SX"}, {742, "CA"}, {753, "CA"}, {758, "LC"}, {767, "DM"},
    {778, "CA"}, {780, "CA"}, {782, "CA"}, {784, "VC"}, {787, "PR"}, {807, "CA"}, {809, "DO"},
    {819, "CA"}, {825, "CA"}, {829, "DO"}, {849, "DO"}, {867, "CA"}, {868, "TT"}, {869, "KN"},
    {873, "CA"}, {876, "JM"}, {879, "CA"}, {902, "CA"}, {905, "CA"}, {939, "PR"}, {942, "CA"},
});

// Digits after '+' that start a range we never dial (see the header).
constexpr std::string_view kPremiumPrefixes[] = {
    // ITU international networks and services: freephone, shared cost, Inmarsat, UPT,
    // satellite (GMSS), international networks, OCHA, international premium rate, trials.
    "800", "808", "870", "878", "881", "882", "883", "888", "979", "991",
    "1900",                                    // NANP premium rate
    "449", "4470", "44871", "44872", "44873",  // GB: 09 premium, 070 personal, 087x revenue
                                               // share
    "49900", "49137",                          // DE: 0900 premium, 0137 mass calling
    "3389",                                    // FR: 089 premium
    "39899",                                   // IT: 899 premium
    "34803", "34806", "34807", "34905",        // ES: 80x premium, 905 mass calling
    "611900",                                  // AU: 1900 premium
};

std::string_view Find(const auto& table, int code) {
  auto it = std::lower_bound(table.begin(), table.end(), code,
                             [](const Entry& e, int c) { return e.first < c; });
  return it != table.end() && it->first == code ? it->second : std::string_view();
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int Number(std::string_view digits) {
  int n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  return n;
}

}  // namespace

std::string_view CountryOf(std::string_view e164) {
  if (e164.size() < 2 || e164[0] != '+' || !AllDigits(e164.substr(1))) return {};
  const std::string_view d = e164.substr(1);
  if (d[0] == '1') {
    // NANP: 1 + area code (first digit 2-9) + 7 digits.
    if (d.size() != 11 || d[1] < '2') return {};
    std::string_view other = Find(kNanpAreaCodes, Number(d.substr(1, 3)));
    return other.empty() ? "US" : other;
  }
  if (d[0] == '7' && d.size() > 1 && (d[1] == '6' || d[1] == '7')) return "KZ";
  for (std::size_t len = 1; len <= 3 && len <= d.size(); ++len) {
    if (auto country = Find(kCountryCodes, Number(d.substr(0, len))); !country.empty()) {
      return country;
    }
  }
  return {};
}

bool IsPremiumRange(std::string_view e164) {
  if (e164.empty() || e164[0] != '+') return false;
  const std::string_view d = e164.substr(1);
  for (auto prefix : kPremiumPrefixes) {
    if (d.starts_with(prefix)) return true;
  }
  // NANP 976 exchange (NPA-976-XXXX): pay-per-call before 900 numbers existed.
  return d.size() == 11 && d[0] == '1' && d.substr(4, 3) == "976";
}

bool IsKnownCountry(std::string_view iso) {
  if (iso == "US" || iso == "KZ") return true;
  auto has = [iso](const auto& table) {
    return std::any_of(table.begin(), table.end(),
                       [iso](const Entry& e) { return e.second == iso; });
  };
  return has(kCountryCodes) || has(kNanpAreaCodes);
}

}  // namespace converza::twilio
