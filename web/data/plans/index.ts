// The price list (GET /api/v1/plans): public, so the landing page reads it before sign-in.
"use client";
import type { Ok } from "@/lib/api-types";
import { useApi } from "@/lib/use-api";

export const planKeys = { all: "/api/v1/plans" };

export const usePlans = () => useApi<Ok<"/api/v1/plans">>(planKeys.all);
