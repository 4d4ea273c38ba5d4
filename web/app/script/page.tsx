import { AppShell } from "@/components/app-shell";
import { ScriptEditor } from "@/components/script/script-editor";

export const metadata = { title: "Call script" };

export default function Page() {
  return (
    <AppShell>
      <ScriptEditor />
    </AppShell>
  );
}
