// StaticFiles: serves the dashboard's static export (Next.js `out/`) from one directory.
//
// Safety: the decoded path is split into segments and any "..", ".", empty-after-decoding or
// NUL-containing segment is refused, then the resolved file must still lie under the root
// (symlinks included), so no request can read outside it. Caching: content-hashed assets under
// /_next/static/ are immutable for a year; everything else revalidates with an ETag.
#pragma once

#include <string>

#include "http/message.h"

namespace converza::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::string root);
  [[nodiscard]] Response Serve(const Request& req) const;

 private:
  std::string root_;  // canonical, without trailing slash
};

// Content-Type for a file name, by extension.
std::string MimeType(const std::string& path);

}  // namespace converza::http
