// Calls that should not be scored: voicemail, very short and silent recordings (no-answer calls
// have no recording and are marked by the status webhook). They are recognised from the
// transcript before any paid analysis, so they never get an invented summary or scores, and
// without an insight they stay out of the conversion and sentiment KPIs. Pure; thread-safe.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "analysis/transcript.h"

namespace converza::analysis {

// A call shorter than this is not scored: too little happens for a verdict to mean anything.
inline constexpr int kMinScoredSeconds = 15;

// Why the call should not be scored, as calls.not_analysed_reason stores it, or nullopt:
//  "silent"     fewer than 3 words were said in the whole call;
//  "too_short"  under kMinScoredSeconds of recording (`recording_s`; <= 0 when unknown, then the
//               span of the speech is used);
//  "voicemail"  one side is only a voicemail greeting ("please leave a message after the
//               tone") — at most two turns, none after the other side's last — whether the other
//               side then leaves a message or says nothing.
std::optional<std::string_view> UnscorableReason(const std::vector<Turn>& turns, int recording_s);

}  // namespace converza::analysis
