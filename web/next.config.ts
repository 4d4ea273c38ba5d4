import type { NextConfig } from "next";

// Static export served by `converza serve` (STATIC_DIR, default web/out). During `next dev`
// the API and auth live on a running `converza serve`; CONVERZA_API points at it.
const api = process.env.CONVERZA_API ?? "http://127.0.0.1:8080";
const dev = process.env.NODE_ENV === "development";

const config: NextConfig = {
  output: "export",
  images: { unoptimized: true },
  reactStrictMode: true,
  poweredByHeader: false,
  // Types are checked by the build; ESLint runs as `npm run lint` (eslint.config.mjs).
  eslint: { ignoreDuringBuilds: true },
  ...(dev
    ? {
        async rewrites() {
          return [
            { source: "/api/:path*", destination: `${api}/api/:path*` },
            { source: "/auth/:path*", destination: `${api}/auth/:path*` },
          ];
        },
      }
    : {}),
};

export default config;
