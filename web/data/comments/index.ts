"use client";
import { request } from "@/lib/api";
import type { Body, Ok } from "@/lib/api-types";
import { prefetch, useApi } from "@/lib/use-api";
import { useMutation } from "../mutation";

export type CallComment = Ok<"/api/v1/calls/{id}/comments">["comments"][number];

const list = (callId: string) => `/api/v1/calls/${encodeURIComponent(callId)}/comments`;

export const commentKeys = { list };

/** A call's comments, in recording order. */
export function useComments(callId: string | null) {
  return useApi<Ok<"/api/v1/calls/{id}/comments">>(callId ? list(callId) : null);
}

/** Start loading a call's comments before the view asks (see prefetch). */
export function prefetchComments(callId: string): void {
  prefetch(list(callId));
}

/** Adds and deletes the caller's comments on one call; each success refreshes its list. */
export function useCommentMutation(callId: string) {
  const { run, ...state } = useMutation([list(callId)]);
  return {
    ...state,
    add: (c: Body<"/api/v1/calls/{id}/comments", "post">) => run(() => request<CallComment>("POST", list(callId), c)),
    remove: (id: string) => run(() => request<void>("DELETE", `${list(callId)}/${encodeURIComponent(id)}`)),
  };
}
