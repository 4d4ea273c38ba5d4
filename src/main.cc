// converza: one binary, many subcommands (docs/architecture.md#processes).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "cli/commands.h"
#include "common/log.h"

// Subcommands report their expected failures themselves; anything else that escapes them ends
// the process here with its message, not with std::terminate.
int main(int argc, char** argv) try {
  using converza::Config;
  CLI::App app{"Converza: call performance intelligence"};
  app.require_subcommand(1);

  auto* serve = app.add_subcommand("serve", "HTTP API, webhooks, auth and the dashboard");
  std::string migrations_dir = converza::cli::DefaultMigrationsDir();
  std::string functions_dir;
  auto* migrate = app.add_subcommand(
      "migrate", "apply db/migrations in order, then changed db/functions (idempotent)");
  migrate->add_option("--dir", migrations_dir, "directory of *.sql migrations");
  migrate->add_option(
      "--functions-dir", functions_dir,
      "directory of *.sql function definitions (default: `functions` beside --dir)");
  auto* db = app.add_subcommand("db", "the embedded local PostgreSQL cluster");
  db->require_subcommand(1);
  auto* db_start = db->add_subcommand("start", "initialise (first time) and start the cluster");
  auto* db_stop = db->add_subcommand("stop", "stop the cluster");
  auto* db_status = db->add_subcommand("status", "exit 0 when running, 3 when not");
  std::string analyze_path;
  std::vector<std::string> eval_paths;
  auto* analyze = app.add_subcommand("analyze", "analyze transcripts (JSONL, - for stdin)");
  analyze->add_option("file", analyze_path, "calls, one JSON per line")->required();
  std::string analyzer_choice;
  analyze
      ->add_option("--analyzer", analyzer_choice,
                   "rules | openai (default: openai when OPENAI_API_KEY is set, else rules)")
      ->check(CLI::IsMember({"rules", "openai"}));
  auto* eval = app.add_subcommand(
      "eval", "accuracy of the analyzer on labelled calls (JSONL), one column per file");
  eval->add_option("files", eval_paths, "labelled calls, one JSON per line (e.g. tuning, held-out)")
      ->required();
  eval->add_option("--analyzer", analyzer_choice,
                   "rules | openai (default: openai when OPENAI_API_KEY is set, else rules)")
      ->check(CLI::IsMember({"rules", "openai"}));
  std::string export_overrides_tenant;
  eval->add_option("--export-overrides", export_overrides_tenant,
                   "instead of evaluating: write the calls of this tenant (id or slug) that "
                   "managers corrected to the one file given, as labelled calls");
  std::vector<std::string> train_paths;
  std::string train_out, train_wrong, train_model = "sentiment";
  auto* train = app.add_subcommand(
      "train", "fit a learned model to labelled calls (the tuning set, never held-out)");
  train->add_option("files", train_paths, "labelled calls, one JSON per line")->required();
  train
      ->add_option("--model", train_model,
                   "sentiment | converted | script | upsell (default: sentiment)")
      ->check(CLI::IsMember({"sentiment", "converted", "script", "upsell"}));
  train->add_option("-o,--out", train_out,
                    "weights file to write (default: src/analysis/models/<model>_weights.inc)");
  train->add_option("--wrong", train_wrong,
                    "write the ids of the calls the cross-validated models get wrong (at the "
                    "chosen L2) to this file, one per line: what to read when tuning");
  auto* sandbox =
      app.add_subcommand("sandbox", "the local Twilio sandbox API (SANDBOX_PORT, 8081)");
  converza::cli::SimulateFlags sim;
  auto* simulate =
      app.add_subcommand("simulate", "simulated calls through the sandbox and the real webhooks");
  simulate->add_option("--calls", sim.calls, "number of calls")->check(CLI::Range(1, 1000000));
  simulate->add_option("--tenant-number", sim.tenant_number, "called number (E.164)")->required();
  simulate->add_option("--server", sim.server,
                       "where webhooks go, comma-separated to spread calls over servers "
                       "(default http://127.0.0.1:PORT)");
  simulate->add_option("--public-url", sim.public_url, "URL signatures cover (default PUBLIC_URL)");
  simulate->add_option("--sandbox", sim.sandbox, "Twilio sandbox URL");
  simulate->add_option("--seed", sim.seed, "scenario seed (default random)");
  simulate->add_option("--rate", sim.rate, "calls per second (0: unpaced)");
  simulate->add_option("--days", sim.days, "spread call start times over the last N days")
      ->check(CLI::Range(0, 3650));
  simulate->add_option("--concurrency", sim.concurrency, "calls simulated at once")
      ->check(CLI::Range(1, 256));
  simulate
      ->add_option("--retries", sim.retries,
                   "resend an unacked webhook (transport error, 429, 5xx) up to N times")
      ->check(CLI::Range(0, 20));
  simulate->add_option("--audio", sim.audio, "none|tone|speech")
      ->check(CLI::IsMember({"none", "tone", "speech"}));
  simulate->add_option("--speech-calls", sim.speech_calls, "calls synthesized with espeak-ng");
  simulate->add_option("--out", sim.out, "write the calls with labels as JSONL");
  simulate->add_option("--industry", sim.industry, "only this industry's calls (default: a mix)");
  simulate->add_flag("--demo", sim.demo,
                     "the demo tenant's month: Acme Home Services' calls, each spoken by the agent "
                     "who answers, one agent improving, one slipping, a competitor in the last "
                     "week");
  converza::cli::WorkOptions work_options;
  double exit_when_idle_s = 0;
  auto* work = app.add_subcommand("work", "pipeline workers: transcribe and analyze queued calls");
  work->add_option("--concurrency", work_options.concurrency, "jobs in flight at once")
      ->check(CLI::Range(1, 10000));
  work->add_option("--lease", work_options.lease_s, "seconds a claimed job stays ours")
      ->check(CLI::Range(1, 86400));
  work->add_option("--exit-when-idle", exit_when_idle_s,
                   "exit after the queue has been empty this many seconds (0: never)")
      ->check(CLI::Range(0.0, 86400.0));
  auto* numbers = app.add_subcommand("numbers", "the tenants' Twilio numbers");
  numbers->require_subcommand(1);
  auto* numbers_sync = numbers->add_subcommand(
      "sync", "point every active number's webhooks at PUBLIC_URL (after it changes)");
  bool numbers_check = false;
  numbers_sync->add_flag("--check", numbers_check, "only report what would change");
  auto* seed = app.add_subcommand("seed", "create the demo tenant, users, agents and number");
  bool service_role_key = false;
  auto* keys = app.add_subcommand("keys", "print SUPABASE_URL and the anon key for clients");
  keys->add_flag("--service-role", service_role_key, "also print the service_role key");
  auto* version = app.add_subcommand("version", "print the version");

  CLI11_PARSE(app, argc, argv);

  if (version->parsed()) {
    std::printf("converza %s\n", CONVERZA_VERSION);
    return 0;
  }
  auto config = Config::FromEnvironment();
  if (!config.ok()) {
    std::fprintf(stderr, "converza: configuration error: %s\n", config.status().message().c_str());
    return 2;
  }
  converza::log::Init(config->log_level);

  if (serve->parsed()) return converza::cli::Serve(*config);
  if (work->parsed()) {
    work_options.exit_when_idle_ms = static_cast<long>(exit_when_idle_s * 1000);
    return converza::cli::Work(*config, work_options);
  }
  if (seed->parsed()) return converza::cli::Seed(*config);
  if (numbers_sync->parsed()) return converza::cli::NumbersSync(*config, numbers_check);
  if (keys->parsed()) return converza::cli::Keys(*config, service_role_key);
  if (migrate->parsed()) {
    if (functions_dir.empty()) functions_dir = converza::cli::FunctionsDirBeside(migrations_dir);
    return converza::cli::Migrate(*config, migrations_dir, functions_dir);
  }
  if (db_start->parsed()) return converza::cli::DbStart(*config);
  if (db_stop->parsed()) return converza::cli::DbStop(*config);
  if (db_status->parsed()) return converza::cli::DbStatus(*config);
  if (analyze->parsed()) return converza::cli::Analyze(*config, analyze_path, analyzer_choice);
  if (eval->parsed() && !export_overrides_tenant.empty()) {
    if (eval_paths.size() != 1) {
      std::fprintf(stderr, "converza eval: --export-overrides writes exactly one file\n");
      return 2;
    }
    return converza::cli::ExportOverrides(*config, export_overrides_tenant, eval_paths[0]);
  }
  if (eval->parsed()) return converza::cli::Eval(*config, eval_paths, analyzer_choice);
  if (train->parsed())
    return converza::cli::Train(train_model, train_paths, train_out, train_wrong);
  if (sandbox->parsed()) return converza::cli::Sandbox(*config);
  if (simulate->parsed()) return converza::cli::Simulate(*config, sim);
  return 1;
} catch (const std::exception& e) {
  std::fprintf(stderr, "converza: %s\n", e.what());
  return 1;
}
