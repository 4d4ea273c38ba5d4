"use client";
import { useEffect, useState, type FormEvent } from "react";
import { useNumberSearch } from "@/data/onboarding";
import type { AvailableNumber } from "@/lib/api-types";
import { formatCents, formatPhone } from "@/lib/format";
import { Button } from "../ui/button";
import { cx } from "../ui/cx";
import { Input } from "../ui/field";
import { ErrorBox, Spinner } from "../ui/states";

/** `initialArea`: search it at once (back from a number that was taken, with `notice` saying so). */
export function NumberStep({ onPick, initialArea = "", notice }: { onPick: (n: AvailableNumber) => void; initialArea?: string; notice?: string | null }) {
  const [area, setArea] = useState(initialArea);
  const [results, setResults] = useState<AvailableNumber[] | null>(null);
  const [invalid, setInvalid] = useState<string | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const numbers = useNumberSearch();
  const error = invalid ?? numbers.error;
  async function searchArea(code: string) {
    setInvalid(null);
    setResults(null);
    setPicked(null);
    const found = await numbers.search(code);
    if (found) setResults(found.numbers);
  }
  async function search(e: FormEvent) {
    e.preventDefault();
    if (!/^\d{3}$/.test(area)) return setInvalid("Enter a 3-digit US area code, e.g. 415.");
    await searchArea(area);
  }
  useEffect(() => {
    if (!/^\d{3}$/.test(initialArea)) return;
    void numbers.search(initialArea).then((found) => found && setResults(found.numbers));
    // Once, for the area code the step opened with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold text-slate-900">Choose a phone number</h1>
      <p className="text-sm text-slate-600">Customers call this number; calls are recorded and routed to your agents.</p>
      <form onSubmit={search} className="flex items-end gap-3" noValidate>
        <Input
          label="Area code"
          inputMode="numeric"
          maxLength={3}
          value={area}
          onChange={(e) => setArea(e.target.value.replace(/\D/g, ""))}
          placeholder="415"
          className="w-32"
        />
        <Button type="submit" variant="secondary" disabled={numbers.busy}>
          {numbers.busy ? "Searching…" : "Search numbers"}
        </Button>
      </form>
      {notice && (
        <p role="alert" className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200" data-testid="number-notice">
          {notice}
        </p>
      )}
      {error && <ErrorBox title="Search failed" error={error} />}
      {numbers.busy && <Spinner label="Looking for available numbers" />}
      {results && results.length === 0 && <p className="text-sm text-slate-700">No numbers available in {area}. Try a nearby area code.</p>}
      {results && results.length > 0 && (
        <fieldset>
          <legend className="mb-2 text-sm font-medium text-slate-800">Available numbers</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {results.map((n) => (
              <label
                key={n.phone_number}
                className={cx(
                  "flex cursor-pointer items-center gap-3 rounded-lg p-3 ring-1",
                  picked === n.phone_number ? "bg-brand-50 ring-2 ring-brand-600" : "ring-slate-300 hover:bg-slate-50",
                )}
                data-testid="available-number"
              >
                <input
                  type="radio"
                  name="number"
                  value={n.phone_number}
                  checked={picked === n.phone_number}
                  onChange={() => setPicked(n.phone_number)}
                  className="h-4 w-4 text-brand-600"
                />
                <span className="flex-1">
                  <span className="tabular block font-medium text-slate-900">{n.friendly_name || formatPhone(n.phone_number)}</span>
                  <span className="block text-xs text-slate-600">{[n.locality, n.region].filter(Boolean).join(", ") || "United States"}</span>
                </span>
                <span className="tabular text-sm text-slate-700" data-testid="number-price">
                  {formatCents(n.monthly_price_cents)}/mo
                </span>
              </label>
            ))}
          </div>
          <Button className="mt-4" disabled={!picked} onClick={() => onPick(results.find((r) => r.phone_number === picked)!)}>
            Provision this number
          </Button>
        </fieldset>
      )}
    </div>
  );
}
