// Metrics: request counts and latency histograms by route, method and status, rendered in the
// Prometheus text format for /metrics. Thread-safe; one short critical section per request.
#pragma once

#include <array>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace converza::http {

class Metrics {
 public:
  Metrics();
  void Observe(const std::string& route, const std::string& method, int status,
               std::chrono::nanoseconds elapsed);
  // Gauges set by the process (queue depth, pool usage) rendered with the counters.
  void SetGauge(const std::string& name, double value);
  std::string Render() const;

 private:
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1,    5};
  struct Histogram {
    std::array<long long, kBuckets.size()> counts{};  // non-cumulative
    long long count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, long long> requests_;
  std::map<std::pair<std::string, std::string>, Histogram> latency_;
  std::map<std::string, double> gauges_;
  std::chrono::steady_clock::time_point start_;
};

// Resident set size of this process in bytes (from /proc/self/statm), 0 if unknown.
long long ResidentBytes();

}  // namespace converza::http
