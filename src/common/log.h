// Structured logging: one JSON object per line on stdout, e.g.
//   {"ts":"2026-11-25T22:00:00.123Z","level":"info","msg":"request","status":200}
// The spdlog machinery stays in log.cc so callers do not compile it. Never pass secrets (auth
// tokens, passwords, API keys, signatures) as fields.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace converza::log {

struct Field {
  Field(std::string_view k, std::string_view v) : key(k), value(v), quoted(true) {}
  Field(std::string_view k, const char* v) : key(k), value(v), quoted(true) {}
  Field(std::string_view k, const std::string& v) : key(k), value(v), quoted(true) {}
  Field(std::string_view k, long long v) : key(k), value(std::to_string(v)), quoted(false) {}
  Field(std::string_view k, int v) : key(k), value(std::to_string(v)), quoted(false) {}
  Field(std::string_view k, double v);
  std::string_view key;
  std::string value;
  bool quoted;
};

enum class Level { kDebug, kInfo, kWarn, kError };

// Sets the level ("trace", "debug", "info", "warn", "error", "off"). Safe to call again.
void Init(const std::string& level);
bool Enabled(Level level);
void Write(Level level, std::string_view msg, std::initializer_list<Field> fields = {});

inline void Debug(std::string_view m, std::initializer_list<Field> f = {}) {
  Write(Level::kDebug, m, f);
}
inline void Info(std::string_view m, std::initializer_list<Field> f = {}) {
  Write(Level::kInfo, m, f);
}
inline void Warn(std::string_view m, std::initializer_list<Field> f = {}) {
  Write(Level::kWarn, m, f);
}
inline void Error(std::string_view m, std::initializer_list<Field> f = {}) {
  Write(Level::kError, m, f);
}

}  // namespace converza::log
