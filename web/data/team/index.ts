"use client";
import { request } from "@/lib/api";
import type { Ok } from "@/lib/api-types";
import { useApi } from "@/lib/use-api";
import { useMutation } from "../mutation";

export type Team = Ok<"/api/v1/team">;
export type Invitation = Team["invitations"][number];
export type InviteRole = Invitation["role"];

export const teamKeys = { team: "/api/v1/team", invitations: "/api/v1/invitations" };

export function useTeam() {
  return useApi<Team>(teamKeys.team);
}

/** Invite and revoke; a success refreshes the team list. */
export function useInvitations() {
  const { run, ...state } = useMutation([teamKeys.team]);
  return {
    ...state,
    invite: (email: string, role: InviteRole) => run(() => request<Invitation>("POST", teamKeys.invitations, { email, role })),
    revoke: (id: string) => run(() => request<void>("DELETE", `${teamKeys.invitations}/${encodeURIComponent(id)}`)),
  };
}

/** Accepts the invitation whose link carried `token`; resolves to the organisation's id. */
export function acceptInvitation(token: string) {
  return request<{ tenant_id: string }>("POST", `${teamKeys.invitations}/accept`, { token });
}
