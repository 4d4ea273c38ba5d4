"use client";
import Link from "next/link";
import { useNumbers } from "@/data/numbers";
import type { PhoneNumber } from "@/lib/api-types";
import { formatPhone } from "@/lib/format";
import { Spinner } from "../ui/states";

export function ReadyStep({ number }: { number: PhoneNumber | null }) {
  const numbers = useNumbers(!number);
  const shown = number ?? numbers.data?.numbers.find((n) => n.status === "active") ?? null;
  return (
    <div className="space-y-5 text-center">
      <div className="mx-auto flex h-14 w-14 items-center justify-center rounded-full bg-emerald-100 text-2xl text-emerald-700" aria-hidden="true">
        ✓
      </div>
      <h1 className="text-2xl font-semibold text-slate-900">You&apos;re ready for calls</h1>
      <p className="text-sm text-slate-600">Share this number with your customers. Every call is recorded, transcribed and analysed.</p>
      <p className="tabular text-4xl font-semibold tracking-tight text-brand-700" data-testid="ready-number">
        {shown ? formatPhone(shown.phone_number) : <Spinner />}
      </p>
      <Link href="/dashboard" className="inline-flex rounded-lg bg-brand-600 px-5 py-2.5 text-sm font-semibold text-white shadow-sm hover:bg-brand-700">
        Go to your dashboard
      </Link>
    </div>
  );
}
