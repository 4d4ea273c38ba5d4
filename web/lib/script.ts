import type { ScriptItem } from "./api-types";

/** "Verify identity!" -> "verify_identity" */
export function toKey(label: string): string {
  return label
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .replace(/^(\d)/, "_$1")
    .slice(0, 48);
}

/** Problems with a script draft (empty when it can be saved), one per item index. */
export function validateScript(items: ScriptItem[]): { index: number; message: string }[] {
  const out: { index: number; message: string }[] = [];
  const seen = new Set<string>();
  if (items.length === 0) out.push({ index: -1, message: "Add at least one item." });
  items.forEach((it, index) => {
    if (!it.label.trim()) out.push({ index, message: "Give this item a label." });
    else if (!/^[a-z][a-z0-9_]*$/.test(it.key)) out.push({ index, message: "Start the label with a letter (A–Z): the item's ID is made from it." });
    else if (seen.has(it.key)) out.push({ index, message: "Another item already has this label. Give each item its own." });
    seen.add(it.key);
  });
  return out;
}
