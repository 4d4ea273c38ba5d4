"use client";
import type { Ok } from "@/lib/api-types";
import { useApi } from "@/lib/use-api";

export const numberKeys = { list: "/api/v1/numbers" };

/** The organisation's phone numbers; nothing is fetched while `enabled` is false. */
export function useNumbers(enabled = true) {
  return useApi<Ok<"/api/v1/numbers">>(enabled ? numberKeys.list : null);
}
