#include "twilio/twiml.h"

#include <map>

namespace converza::twilio {
namespace {

constexpr std::string_view kDeclaration = R"(<?xml version="1.0" encoding="UTF-8"?>)";

// Attributes sorted by name (std::map), matching Twilio's libraries.
using Attributes = std::map<std::string, std::string>;

std::string Open(std::string_view name, const Attributes& attrs) {
  std::string out = "<";
  out += name;
  for (const auto& [k, v] : attrs) {
    out += ' ';
    out += k;
    out += "=\"";
    out += XmlEscape(v);
    out += '"';
  }
  out += '>';
  return out;
}

}  // namespace

std::string XmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\t':
        out += "&#9;";
        break;
      case '\n':
        out += "&#10;";
        break;
      case '\r':
        out += "&#13;";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += ' ';
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string DialAgents(const std::vector<std::string>& numbers,
                       std::string_view recording_status_callback,
                       std::string_view answered_callback, const DialOptions& options) {
  Attributes attrs = {{"record", "record-from-answer-dual"},
                      {"recordingStatusCallback", std::string(recording_status_callback)},
                      {"recordingStatusCallbackEvent", "completed"},
                      {"recordingStatusCallbackMethod", "POST"}};
  if (options.answer_on_bridge) attrs["answerOnBridge"] = "true";
  if (!options.caller_id.empty()) attrs["callerId"] = options.caller_id;
  if (!options.action.empty()) {
    attrs["action"] = options.action;
    attrs["method"] = "POST";
  }
  if (options.timeout_seconds > 0) attrs["timeout"] = std::to_string(options.timeout_seconds);
  if (options.time_limit_seconds > 0) {
    attrs["timeLimit"] = std::to_string(options.time_limit_seconds);
  }

  Attributes number_attrs;
  if (!answered_callback.empty()) {
    number_attrs = {{"statusCallback", std::string(answered_callback)},
                    {"statusCallbackEvent", "answered"},
                    {"statusCallbackMethod", "POST"}};
  }

  std::string out(kDeclaration);
  out += "<Response>";
  out += Open("Dial", attrs);
  for (const auto& n : numbers) {
    out += Open("Number", number_attrs);
    out += XmlEscape(n);
    out += "</Number>";
  }
  out += "</Dial></Response>";
  return out;
}

std::string SayAndHangup(std::string_view text, std::string_view voice) {
  Attributes attrs;
  if (!voice.empty()) attrs["voice"] = std::string(voice);
  std::string out(kDeclaration);
  out += "<Response>";
  out += Open("Say", attrs);
  out += XmlEscape(text);
  out += "</Say><Hangup/></Response>";
  return out;
}

std::string EmptyResponse() { return std::string(kDeclaration) + "<Response/>"; }

}  // namespace converza::twilio
