"use client";
import { qs, request } from "@/lib/api";
import type { Agent, Body, Ok } from "@/lib/api-types";
import { useApi } from "@/lib/use-api";
import { useMutation } from "../mutation";

export const agentKeys = {
  /** Prefix of every agents query. */
  all: "/api/v1/agents",
  /** The agents with their KPIs over a range (the leaderboard). */
  list: (range: { from?: string; to?: string } = {}) => `/api/v1/agents${qs(range)}`,
  /** The leaderboard as CSV. */
  export: (range: { from?: string; to?: string } = {}) => `/api/v1/agents/export.csv${qs(range)}`,
};

export function useAgents(range: { from?: string; to?: string }) {
  return useApi<Ok<"/api/v1/agents">>(agentKeys.list(range));
}

export type AgentProfile = Ok<"/api/v1/agents/{id}/profile">;

/** One agent's script items against the team's over a range, and the comments on their calls. */
export function useAgentProfile(id: string | null, range: { from: string; to: string }) {
  return useApi<AgentProfile>(id ? `/api/v1/agents/${encodeURIComponent(id)}/profile${qs(range)}` : null);
}

const one = (id: string) => `/api/v1/agents/${encodeURIComponent(id)}`;

/** Adds, edits and removes agents; each success refreshes every agents list. */
export function useAgentMutation() {
  const { run, ...state } = useMutation([agentKeys.all]);
  return {
    ...state,
    create: (a: Body<"/api/v1/agents", "post">) => run(() => request<Agent>("POST", agentKeys.all, a)),
    update: (id: string, a: Body<"/api/v1/agents/{id}", "patch">) => run(() => request<Agent>("PATCH", one(id), a)),
    /** Resolves to undefined whether or not it worked: see `error`. */
    remove: (id: string) => run(() => request<void>("DELETE", one(id))),
  };
}
