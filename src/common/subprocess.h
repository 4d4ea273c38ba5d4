// Running helper programs (initdb, pg_ctl, espeak-ng) without a shell: arguments are passed
// as a vector, so no value is ever interpreted by /bin/sh.
#pragma once

#include <string>
#include <vector>

namespace converza {

struct ProcessResult {
  int exit_code = -1;  // -1 when the program could not be started or was killed
  std::string output;  // stdout and stderr, interleaved
};

ProcessResult RunProcess(const std::vector<std::string>& argv);

}  // namespace converza
