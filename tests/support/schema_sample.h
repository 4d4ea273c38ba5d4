// SampleFromSchema: a random JSON value that satisfies a JSON schema of the subset OpenAI's
// strict structured outputs accept (type, possibly with "null"; enum; object properties; array
// items with minItems/maxItems; integer and number minimum/maximum; the string pattern
// ^[A-Z]{3}$). Values lean on the edges a real model can produce: empty and maximal arrays,
// nulls, zeros and bounds, empty, long, non-ASCII and control-character strings. A keyword it
// cannot honour throws std::invalid_argument, so a schema that outgrows it fails loudly.
// For property tests of whatever consumes model answers.
#pragma once

#include <boost/json/value.hpp>
#include <random>

namespace converza::testing {

boost::json::value SampleFromSchema(const boost::json::value& schema, std::mt19937_64& rng);

}  // namespace converza::testing
