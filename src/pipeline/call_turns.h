// LoadTurns: a call's stored transcript (public.transcripts) as the analyzers read it, one Turn
// per line in order, with its redactions. The analyze stage and the trackers stage both read a
// call this way.
#pragma once

#include <string>
#include <vector>

#include "analysis/transcript.h"
#include "db/connection.h"

namespace converza::pipeline {

std::vector<analysis::Turn> LoadTurns(db::Connection& c, const std::string& tenant_id,
                                      const std::string& call_id);

}  // namespace converza::pipeline
