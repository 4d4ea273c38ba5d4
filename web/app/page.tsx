import Link from "next/link";
import { Logo } from "@/components/logo";
import { SignUpPricingCards } from "@/components/plans/pricing-cards";

// Written for the buyer: the manager of a phone team, and what changes for them in a week.
const outcomes = [
  {
    title: "Know which calls lost the sale",
    body: "Every call is scored for conversion, upsell and customer sentiment. Filter to the calls that went wrong instead of listening to a random sample.",
  },
  {
    title: "Coach with the moment, not a hunch",
    body: "Open a call and jump to the sentence where the customer hesitated. The transcript follows the recording, and coaching notes link to their moment.",
  },
  {
    title: "See who needs help this week",
    body: "Conversion, upsell revenue and script adherence by agent, against last week, updated as calls finish.",
  },
  {
    title: "Make the script stick",
    body: "Your checklist (greeting, needs, offer, recap) is checked on every call, so you see which step each agent skips.",
  },
  { title: "Card numbers stay out", body: "Card numbers, SSNs and emails are redacted from transcripts before anything is stored." },
  { title: "Live in an afternoon", body: "Pick a local number, add your agents and start taking recorded calls. No telephony contract, no IT project." },
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
              For managers of sales and service phone teams
            </p>
            <h1 className="mx-auto mt-6 max-w-3xl text-4xl font-semibold tracking-tight text-slate-900 sm:text-6xl">
              Know why your team wins or loses on the phone. Coach it this week.
            </h1>
            <p className="mx-auto mt-6 max-w-2xl text-lg text-slate-600">
              Converza listens to every call your team takes and shows you which ones converted, what was upsold, and the exact moment to coach, so you stop
              guessing from the few calls you had time to hear.
            </p>
            <div className="mt-10 flex flex-wrap items-center justify-center gap-4">
              <Link href="/sign-up" className="rounded-lg bg-brand-600 px-5 py-3 text-sm font-semibold text-white shadow-sm hover:bg-brand-700">
                Create your workspace
              </Link>
              <Link href="/sign-in" className="rounded-lg px-5 py-3 text-sm font-semibold text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50">
                Sign in to your dashboard
              </Link>
            </div>
            <figure className="mx-auto mt-14 max-w-5xl">
              <img
                src="/screenshots/dashboard.png"
                alt="The Converza dashboard: conversion, upsell revenue and AI score for the week, by day and by agent"
                width={1440}
                height={900}
                className="w-full rounded-xl shadow-xl ring-1 ring-slate-200"
              />
              <figcaption className="mt-3 text-sm text-slate-600">Your team&apos;s week at a glance: conversion, upsell and who is improving.</figcaption>
            </figure>
          </div>
        </section>
        <section className="border-t border-slate-100 bg-slate-50">
          <div className="mx-auto max-w-6xl px-6 py-20">
            <h2 className="text-center text-3xl font-semibold tracking-tight text-slate-900">What changes in your first week</h2>
            <div className="mt-12 grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
              {outcomes.map((f) => (
                <div key={f.title} className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
                  <h3 className="font-semibold text-slate-900">{f.title}</h3>
                  <p className="mt-2 text-sm leading-6 text-slate-600">{f.body}</p>
                </div>
              ))}
            </div>
          </div>
        </section>
        <section className="mx-auto max-w-6xl px-6 py-20">
          <div className="grid items-center gap-10 lg:grid-cols-2">
            <div>
              <h2 className="text-3xl font-semibold tracking-tight text-slate-900">Coach from the call itself</h2>
              <p className="mt-4 text-slate-600">
                Every call comes with its recording, a transcript that follows along, what the customer agreed to and where the script was missed. Share the
                moment with the agent instead of a score.
              </p>
            </div>
            <img
              src="/screenshots/coaching.png"
              alt="A call in Converza: the recording, the synchronized transcript and coaching notes"
              width={1440}
              height={900}
              className="w-full rounded-xl shadow-lg ring-1 ring-slate-200"
            />
          </div>
        </section>
        <section className="border-t border-slate-100 bg-slate-50" id="pricing">
          <div className="mx-auto max-w-6xl px-6 py-20 text-center">
            <h2 className="text-3xl font-semibold tracking-tight text-slate-900">Simple pricing</h2>
            <p className="mt-3 text-slate-600">One plan per team size. Numbers, transcription and analysis included. Nothing is charged when you sign up.</p>
            <div className="mx-auto mt-10 max-w-4xl">
              <SignUpPricingCards />
            </div>
          </div>
        </section>
      </main>
      <footer className="border-t border-slate-100 py-8 text-center text-sm text-slate-600">© Converza</footer>
    </div>
  );
}
