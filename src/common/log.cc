#include "common/log.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdio>

#include "common/strings.h"

namespace converza::log {
namespace {

spdlog::logger& Logger() {
  static std::shared_ptr<spdlog::logger> logger = [] {
    auto l = spdlog::stdout_logger_mt("converza");
    l->set_pattern(R"({"ts":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l",%v})",
                   spdlog::pattern_time_type::utc);
    l->flush_on(spdlog::level::warn);
    return l;
  }();
  return *logger;
}

spdlog::level::level_enum ToSpd(Level l) {
  switch (l) {
    case Level::kDebug:
      return spdlog::level::debug;
    case Level::kInfo:
      return spdlog::level::info;
    case Level::kWarn:
      return spdlog::level::warn;
    case Level::kError:
      return spdlog::level::err;
  }
  return spdlog::level::info;
}

}  // namespace

Field::Field(std::string_view k, double v) : key(k), quoted(false) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  value = buf;
}

void Init(const std::string& level) {
  Logger().set_level(spdlog::level::from_str(level));
  // Lines are flushed every second; a crash loses at most that much access log.
  spdlog::flush_every(std::chrono::seconds(1));
}

bool Enabled(Level level) { return Logger().should_log(ToSpd(level)); }

void Write(Level level, std::string_view msg, std::initializer_list<Field> fields) {
  if (!Enabled(level)) return;
  std::string line = "\"msg\":\"" + JsonEscape(msg) + "\"";
  for (const auto& f : fields) {
    line += ",\"";
    line += JsonEscape(f.key);
    line += "\":";
    if (f.quoted) {
      line += "\"" + JsonEscape(f.value) + "\"";
    } else {
      line += f.value;
    }
  }
  Logger().log(ToSpd(level), line);
}

}  // namespace converza::log
