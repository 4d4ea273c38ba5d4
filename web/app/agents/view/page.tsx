import { AppShell } from "@/components/app-shell";
import { AgentProfile } from "@/components/agents/agent-profile";

export const metadata = { title: "Agent" };

export default function AgentViewPage() {
  return (
    <AppShell>
      <AgentProfile />
    </AppShell>
  );
}
