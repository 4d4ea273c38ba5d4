#include "http/metrics.h"

#include <unistd.h>

#include <fstream>
#include <sstream>

#include "http/message.h"

namespace converza::http {

Metrics::Metrics() : start_(std::chrono::steady_clock::now()) {}

void Metrics::Observe(const std::string& route, const std::string& method, int status,
                      std::chrono::nanoseconds elapsed) {
  double seconds = std::chrono::duration<double>(elapsed).count();
  std::lock_guard lock(mu_);
  ++requests_[{route, method, status}];
  auto& h = latency_[{route, method}];
  ++h.count;
  h.sum += seconds;
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      ++h.counts[i];
      break;
    }
  }
}

void Metrics::SetGauge(const std::string& name, double value) {
  std::lock_guard lock(mu_);
  gauges_[name] = value;
}

std::string Metrics::Render() const {
  std::ostringstream out;
  auto label = [](const std::string& v) { return "\"" + JsonEscape(v) + "\""; };
  std::lock_guard lock(mu_);
  out << "# HELP converza_http_requests_total HTTP requests by route, method and status.\n"
      << "# TYPE converza_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [route, method, status] = key;
    out << "converza_http_requests_total{route=" << label(route) << ",method=" << label(method)
        << ",status=\"" << status << "\"} " << n << "\n";
  }
  out << "# HELP converza_http_request_duration_seconds Time from request read to response "
         "ready.\n"
      << "# TYPE converza_http_request_duration_seconds histogram\n";
  for (const auto& [key, h] : latency_) {
    std::string labels = "route=" + label(key.first) + ",method=" + label(key.second);
    long long cumulative = 0;
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += h.counts[i];
      out << "converza_http_request_duration_seconds_bucket{" << labels << ",le=\"" << kBuckets[i]
          << "\"} " << cumulative << "\n";
    }
    out << "converza_http_request_duration_seconds_bucket{" << labels << ",le=\"+Inf\"} " << h.count
        << "\n"
        << "converza_http_request_duration_seconds_sum{" << labels << "} " << h.sum << "\n"
        << "converza_http_request_duration_seconds_count{" << labels << "} " << h.count << "\n";
  }
  for (const auto& [name, v] : gauges_) {
    out << "# TYPE " << name << " gauge\n" << name << " " << v << "\n";
  }
  out << "# TYPE process_resident_memory_bytes gauge\nprocess_resident_memory_bytes "
      << ResidentBytes() << "\n"
      << "# TYPE process_uptime_seconds gauge\nprocess_uptime_seconds "
      << std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count() << "\n";
  return out.str();
}

long long ResidentBytes() {
  std::ifstream f("/proc/self/statm");
  long long size = 0, resident = 0;
  if (!(f >> size >> resident)) return 0;
  return resident * sysconf(_SC_PAGESIZE);
}

}  // namespace converza::http
