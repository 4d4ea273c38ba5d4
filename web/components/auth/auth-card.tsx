// The frame of the signed-out pages: logo, a centred card with a title, then the page's form.
import type { ReactNode } from "react";
import { Logo } from "../logo";

export function AuthCard({ title, description, children, footer }: { title: string; description?: ReactNode; children: ReactNode; footer?: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col items-center justify-center bg-gradient-to-b from-brand-50 to-slate-50 px-4 py-12">
      <Logo />
      <main id="main" className="mt-8 w-full max-w-sm rounded-2xl bg-white p-8 shadow-sm ring-1 ring-slate-200">
        <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
        {description && <p className="mt-1 text-sm text-slate-600">{description}</p>}
        {children}
        {footer && <p className="mt-6 text-center text-sm text-slate-600">{footer}</p>}
      </main>
    </div>
  );
}

export function FormAlert({ error, notice }: { error?: string | null; notice?: string | null }) {
  return (
    <>
      {error && (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
          {error}
        </p>
      )}
      {notice && (
        <p role="status" className="rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200">
          {notice}
        </p>
      )}
    </>
  );
}
