// TranscribeStage (`transcribe` jobs): gets the recording's transcript from one of two
// providers — Twilio Voice Intelligence (or the sandbox, which speaks the same API), or an
// OpenAI-compatible /v1/audio/transcriptions endpoint (the recording downloaded in Range
// requests to a temporary file, each channel sent as mono WAV pieces of at most 20 minutes cut at
// quiet moments — OpenAI takes 25 MB per upload — verbose_json segments) — maps channels to
// agent/customer, cleans the transcript into turns, REDACTS PII before anything is stored, and
// then, in the job's own transaction: replaces the call's transcript rows, moves the call to
// `analyzing`, enqueues `analyze`, and meters Twilio usage (voice legs, recording,
// transcription minutes). Idempotent: a re-run replaces the same rows.
#pragma once

#include "pipeline/prices.h"
#include "pipeline/stage.h"
#include "twilio/accounts.h"
#include "twilio/platform.h"

namespace converza::pipeline {

struct TranscriptionOptions {
  std::string provider = "twilio";  // "twilio" (Voice Intelligence) | "openai"
  std::string api_key, base_url = "https://api.openai.com/v1", model = "whisper-1";
  std::chrono::milliseconds timeout{120000};
  // Twilio may answer 404 for a recording's media for a while after the recording webhook: a
  // 404 within this long after the job was queued means "not yet" (the job waits), later "gone".
  std::chrono::seconds media_grace{600};
};

class TranscribeStage : public Stage {
 public:
  TranscribeStage(StageContext ctx, twilio::Accounts& accounts, twilio::Platform platform,
                  const Prices& prices, TranscriptionOptions transcription = {},
                  std::chrono::milliseconds poll_interval = std::chrono::milliseconds(500));
  boost::asio::awaitable<Outcome> Run(const Job& job) override;

 private:
  StageContext ctx_;
  twilio::Accounts& accounts_;
  const twilio::Platform platform_;
  const Prices& prices_;
  const TranscriptionOptions transcription_;
  const std::chrono::milliseconds poll_;
};

}  // namespace converza::pipeline
