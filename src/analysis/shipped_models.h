// The learned models compiled into the binary: models/<name>_weights.inc, written by
// `converza train --model <name>` from the tuning calls. One place knows the files and their
// classes; each model is parsed once, on first use, and shared (immutable, thread-safe).
#pragma once

#include "analysis/linear_model.h"

namespace converza::analysis {

enum class ShippedModel { kSentiment, kConverted, kScript, kUpsell };

const LinearModel& Shipped(ShippedModel which);

}  // namespace converza::analysis
