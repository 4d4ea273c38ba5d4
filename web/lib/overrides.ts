// Words for managers' overrides of insight fields (the API's `field` and JSON `value`, see
// POST /api/v1/calls/{id}/overrides): what a field is called and how a value reads.
import { formatCents } from "./format";

/** "converted" -> "Converted", "script.recap" -> the script item's label. */
export function overrideFieldLabel(field: string, labels: Record<string, string> = {}): string {
  if (field === "converted") return "Converted";
  if (field === "upsell_cents") return "Upsell";
  if (field === "sentiment") return "Customer sentiment";
  if (field.startsWith("script.")) {
    const key = field.slice("script.".length);
    return `Script: ${labels[key] ?? key.replace(/_/g, " ")}`;
  }
  return field;
}

/** A field's value as the manager reads it ("Not converted", "$25.00", "Negative", "Met"). */
export function overrideValueText(field: string, value: unknown): string {
  if (value === null || value === undefined) return "none";
  if (field === "converted") return value ? "Converted" : "Not converted";
  if (field === "upsell_cents") return typeof value === "number" ? formatCents(value) : String(value);
  if (field === "sentiment") {
    const s = String(value);
    return s.charAt(0).toUpperCase() + s.slice(1);
  }
  if (field.startsWith("script.")) return value ? "Met" : "Missed";
  return String(value);
}

/** Dollars typed by a manager ("25", "25.5", "$1,200.00") as whole cents; null when not an amount. */
export function parseDollars(text: string): number | null {
  const t = text.replace(/[$,\s]/g, "");
  if (!/^\d+(\.\d{0,2})?$/.test(t)) return null;
  return Math.round(Number(t) * 100);
}
