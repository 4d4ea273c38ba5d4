import Link from "next/link";
import { Logo } from "@/components/logo";

const features = [
  {
    title: "Every call, scored",
    body: "Recordings become redacted transcripts and structured insights within seconds: sentiment, conversion, upsell revenue and script adherence.",
  },
  {
    title: "Coach from the moment",
    body: "Jump straight to the sentence that lost the sale. The transcript follows the audio and every coaching note links to its moment.",
  },
  {
    title: "KPIs managers trust",
    body: "Conversion, upsell and AI score by day and by agent, compared with the previous period and updated live as calls finish.",
  },
  { title: "PII stays out", body: "Card numbers, SSNs, emails and addresses are redacted before anything is stored or sent to a model." },
  { title: "Numbers in a minute", body: "Pick an area code, choose a number and start taking recorded calls. No telephony contract needed." },
  { title: "Built for scale", body: "A C++ core and a Postgres-backed pipeline acknowledge webhooks in milliseconds and never lose a call." },
];

export default function Landing() {
  return (
    <div className="bg-white">
      <header className="mx-auto flex max-w-6xl items-center justify-between px-6 py-5">
        <Logo />
        <nav aria-label="Account" className="flex items-center gap-3 text-sm font-medium">
          <Link href="/sign-in" className="rounded-lg px-3 py-2 text-slate-700 hover:bg-slate-100">
            Sign in
          </Link>
          <Link href="/sign-up" className="rounded-lg bg-brand-600 px-4 py-2 text-white shadow-sm hover:bg-brand-700">
            Start free
          </Link>
        </nav>
      </header>
      <main id="main">
        <section className="relative overflow-hidden">
          <div className="absolute inset-0 -z-10 bg-gradient-to-b from-brand-50 via-white to-white" aria-hidden="true" />
          <div className="mx-auto max-w-6xl px-6 pb-20 pt-16 text-center sm:pt-24">
            <p className="mx-auto inline-flex items-center gap-2 rounded-full bg-white px-3 py-1 text-xs font-medium text-brand-700 ring-1 ring-brand-200">
              Call intelligence for sales and service teams
            </p>
            <h1 className="mx-auto mt-6 max-w-3xl text-4xl font-semibold tracking-tight text-slate-900 sm:text-6xl">
              Know what happened on every call. Coach what matters.
            </h1>
            <p className="mx-auto mt-6 max-w-2xl text-lg text-slate-600">
              Converza records your team&apos;s calls, transcribes and analyses them, and turns them into the KPIs and coaching moments that grow conversion and
              upsell revenue.
            </p>
            <div className="mt-10 flex flex-wrap items-center justify-center gap-4">
              <Link href="/sign-up" className="rounded-lg bg-brand-600 px-5 py-3 text-sm font-semibold text-white shadow-sm hover:bg-brand-700">
                Create your workspace
              </Link>
              <Link href="/sign-in" className="rounded-lg px-5 py-3 text-sm font-semibold text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50">
                Sign in to your dashboard
              </Link>
            </div>
            <dl className="mx-auto mt-16 grid max-w-3xl grid-cols-1 gap-6 sm:grid-cols-3">
              {[
                ["< 10 ms", "webhook acknowledgement"],
                ["100%", "of calls analysed"],
                ["80%+", "gross margin by design"],
              ].map(([v, l]) => (
                <div key={l} className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
                  <dt className="text-sm text-slate-600">{l}</dt>
                  <dd className="mt-1 text-3xl font-semibold tracking-tight text-slate-900">{v}</dd>
                </div>
              ))}
            </dl>
          </div>
        </section>
        <section className="border-t border-slate-100 bg-slate-50">
          <div className="mx-auto max-w-6xl px-6 py-20">
            <h2 className="text-center text-3xl font-semibold tracking-tight text-slate-900">From recording to coaching in one place</h2>
            <div className="mt-12 grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
              {features.map((f) => (
                <div key={f.title} className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
                  <h3 className="font-semibold text-slate-900">{f.title}</h3>
                  <p className="mt-2 text-sm leading-6 text-slate-600">{f.body}</p>
                </div>
              ))}
            </div>
          </div>
        </section>
        <section className="mx-auto max-w-6xl px-6 py-20 text-center">
          <h2 className="text-3xl font-semibold tracking-tight text-slate-900">Simple pricing</h2>
          <p className="mt-3 text-slate-600">One plan per team size. Numbers, transcription and analysis included.</p>
          <div className="mx-auto mt-10 grid max-w-4xl gap-6 sm:grid-cols-3">
            {[
              ["Starter", "$99", "Up to 5 agents"],
              ["Growth", "$299", "Up to 25 agents"],
              ["Scale", "$899", "Unlimited agents"],
            ].map(([name, price, seats]) => (
              <div key={name} className="rounded-xl p-6 text-left ring-1 ring-slate-200">
                <h3 className="font-semibold text-slate-900">{name}</h3>
                <p className="mt-3 text-3xl font-semibold text-slate-900">
                  {price}
                  <span className="text-sm font-normal text-slate-600">/month</span>
                </p>
                <p className="mt-2 text-sm text-slate-600">{seats}</p>
              </div>
            ))}
          </div>
        </section>
      </main>
      <footer className="border-t border-slate-100 py-8 text-center text-sm text-slate-600">© Converza</footer>
    </div>
  );
}
