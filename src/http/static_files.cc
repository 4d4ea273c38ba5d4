#include "http/static_files.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/strings.h"

namespace fs = std::filesystem;

namespace converza::http {

std::string MimeType(const std::string& path) {
  static const std::pair<const char*, const char*> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".txt", "text/plain; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".wav", "audio/wav"},
      {".mp3", "audio/mpeg"},
      {".webmanifest", "application/manifest+json"},
  };
  const auto ext = AsciiLower(fs::path(path).extension().string());
  for (const auto& [e, type] : kTypes) {
    if (ext == e) return type;
  }
  return "application/octet-stream";
}

StaticFiles::StaticFiles(std::string root) {
  std::error_code ec;
  auto canonical = fs::weakly_canonical(root, ec);
  root_ = ec ? root : canonical.string();
  while (root_.size() > 1 && root_.back() == '/') root_.pop_back();
}

Response StaticFiles::Serve(const Request& req) const {
  // Reject traversal before touching the file system.
  std::string rel;
  std::size_t i = 0;
  const std::string& p = req.path;
  while (i < p.size()) {
    auto j = p.find('/', i);
    if (j == std::string::npos) j = p.size();
    std::string seg = p.substr(i, j - i);
    i = j + 1;
    if (seg.empty()) continue;
    if (seg == "." || seg == ".." || seg.find('\0') != std::string::npos ||
        seg.find('\\') != std::string::npos) {
      return Response::Error(400, "bad_path", "path segments '.' and '..' are not allowed");
    }
    rel += "/" + seg;
  }

  // Next.js export layout: "/" -> index.html, "/calls" -> calls.html or calls/index.html.
  std::vector<std::string> candidates;
  if (rel.empty()) {
    candidates = {root_ + "/index.html"};
  } else {
    candidates = {root_ + rel, root_ + rel + ".html", root_ + rel + "/index.html"};
  }
  for (const auto& file : candidates) {
    struct stat st {};
    if (stat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    std::error_code ec;
    auto real = fs::canonical(file, ec).string();
    if (ec || real.compare(0, root_.size() + 1, root_ + "/") != 0) {
      return Response::Error(404, "not_found", "no such file");
    }
    std::string etag = "\"" + std::to_string(st.st_size) + "-" + std::to_string(st.st_mtime) + "\"";
    Response r;
    r.headers.emplace_back("Content-Type", MimeType(real));
    r.headers.emplace_back("ETag", etag);
    r.headers.emplace_back("Cache-Control", rel.rfind("/_next/static/", 0) == 0
                                                ? "public, max-age=31536000, immutable"
                                                : "no-cache");
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    if (req.header("if-none-match") == etag) {
      r.status = 304;
      return r;
    }
    std::ifstream in(real, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    r.body = ss.str();
    return r;
  }
  // Unknown paths fall back to the export's 404 page when it has one.
  Response r = Response::Error(404, "not_found", "no route or file for " + req.path);
  std::ifstream page(root_ + "/404.html", std::ios::binary);
  if (page && req.header("accept").find("text/html") != std::string_view::npos) {
    std::ostringstream ss;
    ss << page.rdbuf();
    r = Response::Text(404, ss.str(), "text/html; charset=utf-8");
  }
  return r;
}

}  // namespace converza::http
