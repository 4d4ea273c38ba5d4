// Where an E.164 number rings: its country, and the ranges Converza never dials. The voice
// webhook forwards callers to agents' phones on the platform's Twilio account, so a phone number
// a tenant typed in decides what we pay per minute; toll fraud (international premium-rate and
// network ranges such as +882) is priced per minute at many times a US call.
//
// Countries are ISO 3166-1 alpha-2 codes, found by the E.164 country code. North America shares
// +1 (NANP) between the US, Canada and 23 Caribbean and Pacific territories with their own rates
// (Jamaica +1 876, the Dominican Republic +1 809 …, often abused for one-ring scams), so +1
// numbers are told apart by area code: Canada's and the territories' codes are listed, every
// other area code is the US. Country codes that several countries share (+7, +44, +39, +47, +61,
// +212, +262, +290, +358, +590, +599) count as their main country, except Kazakhstan's +76/+77;
// Jersey (+44 1534) is GB here. The table agrees with libphonenumber (tested), plus Canadian area
// codes opened since.
//
// Pure functions over static tables; thread-safe.
#pragma once

#include <string_view>

namespace converza::twilio {

// The country `e164` rings in ("US", "CA", "JM", "GB", …), or "" for a number that belongs to no
// country (international networks, satellite and freephone codes), an unassigned country code or
// a +1 number that is not 10 digits with a valid area code. `e164` must be "+" and digits.
std::string_view CountryOf(std::string_view e164);

// True for ranges never dialled whatever a country allow-list says: the international network,
// satellite and premium codes (+800, +808, +870, +878, +881, +882, +883, +888, +979, +991), NANP
// premium-rate (+1 900, and the 976 exchange), and well-known premium-rate ranges of common
// countries (GB 09/070/087x, DE 0900/0137, FR 089, IT 899, ES 803/806/807/905, AU 1900). Not
// complete: Twilio's geo permissions (docs/deploy.md) are the backstop.
bool IsPremiumRange(std::string_view e164);

// True when `iso` is a country of the table above (validates configuration).
bool IsKnownCountry(std::string_view iso);

}  // namespace converza::twilio
