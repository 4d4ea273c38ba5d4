// TranscribeStage (`transcribe` jobs): gets the recording's transcript from Twilio Voice
// Intelligence (or the sandbox, which speaks the same API), maps dual-channel sentences to
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

class TranscribeStage : public Stage {
 public:
  TranscribeStage(StageContext ctx, twilio::Accounts& accounts, twilio::Platform platform,
                  const Prices& prices,
                  std::chrono::milliseconds poll_interval = std::chrono::milliseconds(500));
  boost::asio::awaitable<Outcome> Run(const Job& job) override;

 private:
  StageContext ctx_;
  twilio::Accounts& accounts_;
  const twilio::Platform platform_;
  const Prices& prices_;
  const std::chrono::milliseconds poll_;
};

}  // namespace converza::pipeline
