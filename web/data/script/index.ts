"use client";
import { getJson, request } from "@/lib/api";
import type { Ok, Script, ScriptItem } from "@/lib/api-types";
import { prefetch, useApi } from "@/lib/use-api";
import { useMutation } from "../mutation";

export const scriptKeys = {
  /** The current script; also the prefix of every script query. */
  current: "/api/v1/scripts",
  versions: "/api/v1/scripts/versions",
};

export function useScript() {
  return useApi<Script>(scriptKeys.current);
}

const orEmpty = (k: string) => getJson<Script>(k).catch((): Script => ({ version: 0, items: [], created_at: "" }));

/** The current script, or an empty one when there is none (or it cannot be loaded). */
export function useScriptOrEmpty() {
  return useApi<Script>(scriptKeys.current, orEmpty);
}

/** Start loading what useScriptOrEmpty shows before a page asks (see prefetch). */
export function prefetchScriptOrEmpty(): void {
  prefetch(scriptKeys.current, orEmpty);
}

export function useScriptVersions() {
  return useApi<Ok<"/api/v1/scripts/versions">>(scriptKeys.versions);
}

/** Saves the items as a new version; a success refreshes the script and its history. */
export function useSaveScript() {
  const { run, ...state } = useMutation([scriptKeys.current]);
  return { ...state, save: (items: ScriptItem[]) => run(() => request<Script>("PUT", scriptKeys.current, { items })) };
}
