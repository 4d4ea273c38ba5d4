// The subcommands of the `converza` binary. main.cc parses the command line (CLI11) and calls
// one of these; each returns the process exit code and prints errors itself.
#pragma once

#include <string>
#include <vector>

#include "common/config.h"

namespace converza::cli {

int Serve(const Config& config);
// Applies `dir` (db/migrations) and then `functions_dir` (db/functions); see db/migrator.h.
int Migrate(const Config& config, const std::string& dir, const std::string& functions_dir);
int DbStart(const Config& config);
int DbStop(const Config& config);
int DbStatus(const Config& config);
// The demo tenant (src/cli/seed.cc); idempotent.
int Seed(const Config& config);
// Prints SUPABASE_URL and the anon key (src/cli/keys.cc); the service_role key on request.
int Keys(const Config& config, bool service_role);
extern const char* const kDemoNumber;  // the main line: rings every agent
struct DirectLine {
  const char* number;
  const char* friendly_name;
  const char* agent_id;
};
extern const DirectLine kDemoDirectLines[3];  // one per demo agent
extern const char* const kDemoManagerEmail;
extern const char* const kDemoAdminEmail;
extern const char* const kDemoPassword;
// Points every active number's webhooks at PUBLIC_URL (src/cli/numbers.cc).
int NumbersSync(const Config& config, bool check_only);
// Pipeline workers (src/cli/work.cc).
struct WorkOptions {
  // Jobs in flight at once. A transcribe job holds its slot while Voice Intelligence works
  // (polling, up to 20 s a run), so the slots, not the CPU, capped a worker: 64 gave ~31 calls/s
  // end to end with the sandbox's 1 s transcripts (bench/pipeline/run, docs/benchmarks.md). A
  // slot is a coroutine; the database work stays on the small blocking pool.
  int concurrency = 512;
  long exit_when_idle_ms = 0;  // 0: run until signalled
  int lease_s = 300;           // how long a claimed job is ours before others may take it
};
int Work(const Config& config, const WorkOptions& options);
// Offline analysis (src/cli/analyze.cc): one insight JSON per input line; accuracy per field.
// `analyzer`: "rules", "openai" or "" (OpenAI when OPENAI_API_KEY is set).
int Analyze(const Config& config, const std::string& path, const std::string& analyzer);
int Eval(const Config& config, const std::vector<std::string>& paths, const std::string& analyzer);
// `eval --export-overrides` (src/cli/eval_export.cc): the calls of `tenant` (id or slug) that
// managers corrected, as labelled calls for `converza eval`, written to `path`.
int ExportOverrides(const Config& config, const std::string& tenant, const std::string& path);
// Fits a learned model's weights ("sentiment": analysis/sentiment_model.h, "converted":
// analysis/conversion_model.h, "script": analysis/script_model.h) to labelled calls and writes them
// to `out` (default src/analysis/models/<model>_weights.inc). `wrong_out`, when set, receives the
// ids of the calls the cross-validated models get wrong: the calls to read when tuning.
int Train(const std::string& model, const std::vector<std::string>& paths, std::string out,
          const std::string& wrong_out);
// The local Twilio sandbox (src/cli/sandbox.cc) and the call simulator (src/cli/simulate.cc).
int Sandbox(const Config& config);
struct SimulateFlags {
  int calls = 10;
  std::string tenant_number;     // required: the called number, E.164
  std::string server;            // default http://127.0.0.1:$PORT
  std::string public_url;        // default PUBLIC_URL
  std::string sandbox;           // default TWILIO_API_BASE, else http://127.0.0.1:$SANDBOX_PORT
  std::string seed;              // default: random, printed
  double rate = 0;               // calls/second, 0 = unpaced
  int days = 0;                  // spread start times over the last N days
  int concurrency = 1;           // calls simulated at once
  int retries = 0;               // extra tries of an unacked webhook (transport, 429, 5xx)
  std::string audio = "speech";  // none | tone | speech
  int speech_calls = 10;         // speech for the first N calls, tones after
  std::string out;               // JSONL of the calls with labels (analyze/eval format)
  std::string industry;          // only this industry's calls ("": the general mix)
  bool demo = false;             // the demo tenant's story (twilio/simulator/story.h)
};
int Simulate(const Config& config, const SimulateFlags& flags);

// Where db/migrations lives: CONVERZA_MIGRATIONS_DIR, else next to the sources.
std::string DefaultMigrationsDir();
// The `functions` directory beside a migrations directory (db/migrations -> db/functions).
std::string FunctionsDirBeside(const std::string& migrations_dir);

}  // namespace converza::cli
