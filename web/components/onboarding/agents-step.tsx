"use client";
import { useState } from "react";
import { formatPhone } from "@/lib/format";
import { AgentForm } from "../agents/agent-form";
import { Button } from "../ui/button";

export function AgentsStep({ onDone }: { onDone: () => void }) {
  const [added, setAdded] = useState<{ name: string; phone: string }[]>([]);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold text-slate-900">Add your agents</h1>
      <p className="text-sm text-slate-600">Calls to your number ring these people. You can change them any time.</p>
      <AgentForm submitLabel="Add agent" onSaved={(d) => setAdded((a) => [...a, { name: d.name, phone: d.phone }])} />
      {added.length > 0 && (
        <ul className="divide-y divide-slate-100 rounded-lg ring-1 ring-slate-200" aria-label="Agents added">
          {added.map((a, i) => (
            <li key={i} className="flex justify-between px-4 py-2 text-sm">
              <span className="font-medium text-slate-900">{a.name}</span>
              <span className="tabular text-slate-600">{formatPhone(a.phone)}</span>
            </li>
          ))}
        </ul>
      )}
      <div className="flex gap-2">
        <Button onClick={onDone} disabled={added.length === 0}>
          Continue
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Skip for now
        </Button>
      </div>
    </div>
  );
}
