// The subcommands of the `converza` binary. main.cc parses the command line (CLI11) and calls
// one of these; each returns the process exit code and prints errors itself.
#pragma once

#include <string>

#include "common/config.h"

namespace converza::cli {

int Serve(const Config& config);
int Migrate(const Config& config, const std::string& dir);
int DbStart(const Config& config);
int DbStop(const Config& config);
int DbStatus(const Config& config);
// Offline analysis (src/cli/analyze.cc): one insight JSON per input line; accuracy per field.
int Analyze(const Config& config, const std::string& path);
int Eval(const Config& config, const std::string& path);

// Where db/migrations lives: CONVERZA_MIGRATIONS_DIR, else next to the sources.
std::string DefaultMigrationsDir();

}  // namespace converza::cli
