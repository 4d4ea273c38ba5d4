// Whether Twilio sends a number's calls to this deployment: asked of Twilio each time the page
// opens, since a number's webhooks can be changed in Twilio's console behind our back.
"use client";
import { useNumberWebhooks } from "@/data/numbers";
import { Badge } from "../ui/badge";
import { Spinner } from "../ui/states";

export function WebhookStatus({ id }: { id: string }) {
  const hooks = useNumberWebhooks(id);
  if (hooks.error) return <Badge tone="amber">Could not ask Twilio</Badge>;
  if (!hooks.data) return <Spinner label="Checking webhooks" />;
  const h = hooks.data;
  if (h.released) return <Badge tone="gray">Released</Badge>;
  if (!h.found) return <Badge tone="red">Not found at Twilio</Badge>;
  const parts = [
    { label: "Voice", ok: h.voice },
    { label: "Call status", ok: h.status_callback },
    { label: "Recordings", ok: h.recording },
  ];
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Webhooks" data-testid="webhook-status">
      {parts.map((p) => (
        <li key={p.label}>
          <Badge tone={p.ok ? "green" : "red"}>
            {p.ok ? "✓" : "✗"} {p.label}
            <span className="sr-only">{p.ok ? " pointed at Converza" : " not pointed at Converza"}</span>
          </Badge>
        </li>
      ))}
    </ul>
  );
}
