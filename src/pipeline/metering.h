// Metering that is not tied to one call. Twilio bills every provisioned number once a month;
// MeterNumberMonths() writes one `number_months` usage event per active number per UTC month,
// exactly once however many workers call it (an advisory lock serialises them and the month's
// event is looked up first). Workers call it every minute.
#pragma once

#include "db/pool.h"

namespace converza::pipeline {

// Returns how many numbers were metered now (0 when this month is already recorded).
int MeterNumberMonths(db::Pool& pool, long long micros_per_month);

}  // namespace converza::pipeline
