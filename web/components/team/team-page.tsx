// Team: who is in the organisation and who is invited. Managers invite (as manager or viewer)
// and revoke; viewers see the same lists without the controls (the API refuses them anyway).
"use client";
import { useState, type FormEvent } from "react";
import { useInvitations, useTeam, type InviteRole } from "@/data/team";
import { canEdit, useAuth } from "@/lib/auth";
import { formatDateTime } from "@/lib/format";
import { Badge, type Tone } from "../ui/badge";
import { Button } from "../ui/button";
import { Card, CardHeader, PageHeader } from "../ui/card";
import { Input, Select } from "../ui/field";
import { EmptyState, ErrorBox, Skeleton } from "../ui/states";

const roleTone: Record<string, Tone> = { owner: "violet", manager: "blue", viewer: "gray" };
const roleLabel: Record<string, string> = { owner: "Owner", manager: "Manager", viewer: "Viewer" };

function InviteForm() {
  const { invite, busy, error } = useInvitations();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<InviteRole>("manager");
  const [sent, setSent] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSent(null);
    setProblem(null);
    const address = email.trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) return setProblem("Enter the email address of the person to invite.");
    const done = await invite(address, role);
    if (done) {
      setSent(`Invitation sent to ${done.email}. The link works for 7 days.`);
      setEmail("");
    }
  }

  return (
    <form onSubmit={submit} noValidate className="grid gap-3 px-5 py-4 sm:grid-cols-[1fr_15rem_auto] sm:items-end">
      <Input label="Email" type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} error={problem} />
      <Select label="Role" value={role} onChange={(e) => setRole(e.target.value as InviteRole)}>
        <option value="manager">Manager — can change things</option>
        <option value="viewer">Viewer — can only look</option>
      </Select>
      <Button type="submit" disabled={busy || !email}>
        {busy ? "Sending…" : "Send invitation"}
      </Button>
      {sent && (
        <p role="status" className="text-sm text-emerald-700 sm:col-span-3">
          {sent}
        </p>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-700 sm:col-span-3">
          {error}
        </p>
      )}
    </form>
  );
}

export function TeamPage() {
  const { me } = useAuth();
  const team = useTeam();
  const rows = useInvitations();
  const editable = canEdit(me);

  return (
    <>
      <PageHeader
        title="Team"
        description="Everyone who can see your organisation's calls. Managers can change agents, the call script and the team; viewers can only look."
      />
      {editable ? (
        <Card className="mb-6">
          <CardHeader title="Invite someone" />
          <InviteForm />
        </Card>
      ) : (
        <p className="mb-6 rounded-lg bg-slate-100 px-4 py-3 text-sm text-slate-700" data-testid="view-only">
          You have view-only access. Ask a manager if you need to change something.
        </p>
      )}
      {team.error ? (
        <ErrorBox error={team.error} onRetry={team.reload} />
      ) : !team.data ? (
        <Skeleton className="h-40" />
      ) : (
        <div className="grid gap-6 lg:grid-cols-2">
          <Card>
            <CardHeader title="Members" description={`${team.data.members.length} ${team.data.members.length === 1 ? "person" : "people"}`} />
            <ul className="divide-y divide-slate-100" data-testid="members">
              {team.data.members.map((m) => (
                <li key={m.user_id} className="flex flex-wrap items-center justify-between gap-2 px-5 py-3">
                  <div className="min-w-0">
                    <p className="truncate font-medium text-slate-900">
                      {m.email}
                      {m.user_id === me?.user.id && <span className="font-normal text-slate-500"> (you)</span>}
                    </p>
                    <p className="text-xs text-slate-600">Joined {formatDateTime(m.joined_at)}</p>
                  </div>
                  <Badge tone={roleTone[m.role]}>{roleLabel[m.role]}</Badge>
                </li>
              ))}
            </ul>
          </Card>
          <Card>
            <CardHeader title="Pending invitations" />
            {rows.error && <p className="px-5 pt-3 text-sm text-red-700">{rows.error}</p>}
            {team.data.invitations.length === 0 ? (
              <EmptyState title="No pending invitations">{editable ? "Invite a colleague above." : "Nobody is waiting to join."}</EmptyState>
            ) : (
              <ul className="divide-y divide-slate-100" data-testid="invitations">
                {team.data.invitations.map((i) => (
                  <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 px-5 py-3">
                    <div className="min-w-0">
                      <p className="truncate font-medium text-slate-900">{i.email}</p>
                      <p className="text-xs text-slate-600">
                        Invited {formatDateTime(i.created_at)} · link valid until {formatDateTime(i.expires_at)}
                      </p>
                    </div>
                    <div className="flex items-center gap-2">
                      <Badge tone={roleTone[i.role]}>{roleLabel[i.role]}</Badge>
                      {editable && (
                        <Button
                          size="sm"
                          variant="ghost"
                          disabled={rows.busy}
                          onClick={() => rows.revoke(i.id)}
                          aria-label={`Revoke the invitation of ${i.email}`}
                        >
                          Revoke
                        </Button>
                      )}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      )}
    </>
  );
}
