// TwiML builders: the XML documents our voice webhook answers Twilio with. Only the handful of
// shapes Converza needs, built as strings with every value escaped (& < > " ' and control
// characters), so a tenant-controlled value (a greeting, a URL with '&') can never break or inject
// markup. Attributes are emitted sorted by name, as Twilio's helper libraries do, which makes the
// output byte-comparable with python3-twilio's VoiceResponse after XML canonicalisation.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace converza::twilio {

struct DialOptions {
  std::string caller_id;         // callerId; empty: Twilio uses the caller's number
  std::string action;            // action URL called when the <Dial> ends; empty: none
  int timeout_seconds = 0;       // ring timeout; 0: Twilio's default (30 s)
  int time_limit_seconds = 0;    // timeLimit: longest bridged call; 0: Twilio's default (4 h)
  bool answer_on_bridge = true;  // caller hears ringing until an agent answers
};

// <Response><Dial record="record-from-answer-dual" recordingStatusCallback=URL
// recordingStatusCallbackEvent="completed" recordingStatusCallbackMethod="POST" ...>
// <Number statusCallback=ANSWERED statusCallbackEvent="answered" statusCallbackMethod="POST">
// n</Number>...</Dial></Response>. Dual-channel: channel 1 is the caller (parent leg),
// channel 2 the agent (child leg) (https://www.twilio.com/docs/voice/twiml/dial). Every
// <Number> rings at once and the first to pick up wins; Twilio then posts that child leg (its
// own CallSid, ParentCallSid, To =
// the agent's number) to `answered_callback` (TwiML <Number> docs: statusCallbackEvent
// "answered"), which is how a ring-all call learns its agent. Empty: no <Number> attributes.
std::string DialAgents(const std::vector<std::string>& numbers,
                       std::string_view recording_status_callback,
                       std::string_view answered_callback, const DialOptions& options = {});

// <Response><Say [voice=...]>text</Say><Hangup/></Response>: e.g. the polite answer for a number
// we do not know.
std::string SayAndHangup(std::string_view text, std::string_view voice = "");

// <?xml version="1.0" encoding="UTF-8"?><Response/>: the acknowledgement for callbacks.
std::string EmptyResponse();

// Escapes text for XML content and attribute values. Characters XML 1.0 cannot carry (C0
// controls other than tab/newline/CR) become spaces; tab/newline/CR become character references
// so attribute values survive attribute-value normalisation.
std::string XmlEscape(std::string_view s);

}  // namespace converza::twilio
