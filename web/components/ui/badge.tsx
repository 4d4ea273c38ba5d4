import type { HTMLAttributes, ReactNode } from "react";
import { cx } from "./cx";

export type Tone = "gray" | "green" | "red" | "amber" | "blue" | "violet";
const tones: Record<Tone, string> = {
  gray: "bg-slate-100 text-slate-700 ring-slate-300",
  green: "bg-emerald-50 text-emerald-800 ring-emerald-300",
  red: "bg-red-50 text-red-800 ring-red-300",
  amber: "bg-amber-50 text-amber-900 ring-amber-300",
  blue: "bg-sky-50 text-sky-800 ring-sky-300",
  violet: "bg-violet-50 text-violet-800 ring-violet-300",
};

export function Badge({ tone = "gray", children, className, ...rest }: { tone?: Tone; children: ReactNode } & HTMLAttributes<HTMLSpanElement>) {
  return (
    <span
      {...rest}
      className={cx("inline-flex items-center gap-1 whitespace-nowrap rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset", tones[tone], className)}
    >
      {children}
    </span>
  );
}

export function sentimentTone(label: string | null | undefined): Tone {
  return label === "positive" ? "green" : label === "negative" ? "red" : "gray";
}
