// Test helper: runs a Python snippet under Debian's /usr/bin/python3, which has python3-twilio
// (Twilio's official helper library), our independent oracle for signatures and TwiML. The
// `python3` on PATH may be a pyenv without the package, hence the absolute path. Tests fail (not
// skip) when the module is missing: bootstrap is expected to install python3-twilio.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "common/subprocess.h"

namespace converza::testing {

inline constexpr const char* kSystemPython = "/usr/bin/python3";

// Runs `script` with `input` available as the text of the file named by sys.argv[1]. Returns the
// process result (stdout and stderr interleaved).
inline ProcessResult RunPython(const std::string& script, const std::string& input) {
  auto dir = std::filesystem::temp_directory_path();
  static int counter = 0;
  auto path = dir / ("converza_oracle_" + std::to_string(getpid()) + "_" +
                     std::to_string(++counter) + ".json");
  { std::ofstream(path, std::ios::binary) << input; }
  auto r = RunProcess({kSystemPython, "-c", script, path.string()});
  std::filesystem::remove(path);
  return r;
}

// Adds a fatal failure with instructions when python3-twilio is not importable.
inline void RequireTwilioModule() {
  auto r = RunProcess({kSystemPython, "-c", "import twilio.request_validator, twilio.twiml"});
  ASSERT_EQ(r.exit_code, 0)
      << "python3-twilio (Twilio's helper library, the test oracle) is not importable by "
      << kSystemPython << ". Install it: apt-get install python3-twilio. Output: " << r.output;
}

}  // namespace converza::testing
