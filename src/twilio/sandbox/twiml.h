// Reading TwiML as Twilio's call engine does, for the local stand-ins that play Twilio (the call
// simulator asks which numbers our voice webhook's <Dial> rings, and whom to tell when one
// answers). Writing TwiML is twilio/twiml.h's job; this reads only the shapes our server writes,
// not any XML. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace converza::twilio::sandbox {

// A <Number> of a <Dial>, as Twilio reads it.
struct DialedNumber {
  std::string number;
  std::string status_callback, status_callback_event, status_callback_method;
};

// Every <Number> in `twiml`, attribute values and text unescaped; empty for TwiML that dials
// none.
std::vector<DialedNumber> DialedNumbers(std::string_view twiml);

}  // namespace converza::twilio::sandbox
