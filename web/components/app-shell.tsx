// The signed-in frame: navigation plus the route guard. Pages declare what they need
// ("tenant": a member of an organisation, "admin": an internal admin, "user": any session).
"use client";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { Suspense, useEffect, useState, type ReactNode } from "react";
import { homeFor, useAuth } from "@/lib/auth";
import { Logo } from "./logo";
import { Button } from "./ui/button";
import { cx } from "./ui/cx";
import { ErrorBox, Spinner } from "./ui/states";

type Need = "user" | "tenant" | "admin";

const PREFETCH_LINKS_AFTER_MS = 2000;

const nav = [
  { href: "/dashboard", label: "Dashboard", icon: "M3 13h8V3H3v10zm0 8h8v-6H3v6zm10 0h8V11h-8v10zm0-18v6h8V3h-8z" },
  {
    href: "/calls",
    label: "Calls",
    icon: "M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25c1.1.37 2.3.57 3.6.57a1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z",
  },
  {
    href: "/agents",
    label: "Agents",
    icon: "M16 11a4 4 0 1 0-4-4 4 4 0 0 0 4 4zm-8 0a3 3 0 1 0-3-3 3 3 0 0 0 3 3zm0 2c-2.3 0-7 1.2-7 3.5V19h7v-2.5c0-.85.33-2.34 2.37-3.47A12 12 0 0 0 8 13zm8 0c-2.7 0-8 1.3-8 4v2h16v-2c0-2.7-5.3-4-8-4z",
  },
  {
    href: "/numbers",
    label: "Numbers",
    icon: "M10 3 9 8H5v2h3.6l-.8 4H4v2h3.4l-1 5h2l1-5h4l-1 5h2l1-5H20v-2h-4.2l.8-4H20V8h-3.2l1-5h-2l-1 5h-4l1-5zm.6 7h4l-.8 4h-4z",
  },
  {
    href: "/trackers",
    label: "Trackers",
    icon: "M12 2a10 10 0 1 0 10 10A10 10 0 0 0 12 2zm0 18a8 8 0 1 1 8-8 8 8 0 0 1-8 8zm0-14a6 6 0 1 0 6 6 6 6 0 0 0-6-6zm0 10a4 4 0 1 1 4-4 4 4 0 0 1-4 4zm0-6a2 2 0 1 0 2 2 2 2 0 0 0-2-2z",
  },
  {
    href: "/alerts",
    label: "Alerts",
    icon: "M12 22a2 2 0 0 0 2-2h-4a2 2 0 0 0 2 2zm6-6V11c0-3.07-1.64-5.64-4.5-6.32V4a1.5 1.5 0 0 0-3 0v.68C7.63 5.36 6 7.92 6 11v5l-2 2v1h16v-1z",
  },
  { href: "/script", label: "Call script", icon: "M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8zm-1 7V3.5L18.5 9zM8 13h8v2H8zm0 4h5v2H8z" },
  {
    href: "/team",
    label: "Team",
    icon: "M12 12a4 4 0 1 0-4-4 4 4 0 0 0 4 4zm0 2c-2.7 0-8 1.3-8 4v2h16v-2c0-2.7-5.3-4-8-4zm7-5V7h-2v2h-2v2h2v2h2v-2h2V9z",
  },
];

export function Guard({ need, children }: { need: Need; children: ReactNode }) {
  const { ready, session, me, error } = useAuth();
  const router = useRouter();
  const pathname = usePathname();

  const redirect = !ready
    ? null
    : !session
      ? `/sign-in?next=${encodeURIComponent(pathname + (typeof window !== "undefined" ? window.location.search : ""))}`
      : me && need === "tenant" && !me.tenant
        ? homeFor(me)
        : null;

  useEffect(() => {
    if (redirect) router.replace(redirect);
  }, [redirect, router]);

  if (error && !me)
    return (
      <div className="p-8">
        <ErrorBox error={error} onRetry={() => window.location.reload()} />
      </div>
    );
  if (!ready || !session || !me || redirect) {
    return (
      <div className="flex min-h-[60vh] items-center justify-center">
        <Spinner />
      </div>
    );
  }
  if (need === "admin" && !me.admin) {
    return (
      <div className="mx-auto max-w-lg py-16" data-testid="forbidden">
        <ErrorBox title="Admins only" error="This page is for Converza administrators. Ask an admin if you need access." />
        <p className="mt-4 text-sm">
          <Link className="font-medium text-brand-700 underline" href={homeFor(me)}>
            Back to your dashboard
          </Link>
        </p>
      </div>
    );
  }
  return <>{children}</>;
}

function Nav() {
  const pathname = usePathname();
  const { me, signOut } = useAuth();
  const router = useRouter();
  const items = [
    ...(me?.tenant ? nav : []),
    ...(me?.admin
      ? [
          {
            href: "/admin",
            label: "Admin console",
            icon: "M12 1 3 5v6c0 5.6 3.8 10.7 9 12 5.2-1.3 9-6.4 9-12V5zm0 6a3 3 0 1 1-3 3 3 3 0 0 1 3-3zm0 14c-2.4-.8-4.4-2.6-5.5-5 .05-1.9 3.7-2.9 5.5-2.9s5.45 1 5.5 2.9c-1.1 2.4-3.1 4.2-5.5 5z",
          },
        ]
      : []),
  ];
  // Below lg the links fold behind a menu button; choosing one closes it.
  const [open, setOpen] = useState(false);
  // The links' pages are prefetched once this page has started (Next's own prefetch of visible
  // links would load and run their code during the page's start-up, e.g. while the coaching view
  // waits for its call and starts its recording: measured in docs/benchmarks.md).
  const hrefs = items.map((i) => i.href).join(" ");
  useEffect(() => {
    const t = setTimeout(() => {
      for (const href of hrefs.split(" ")) if (href) router.prefetch(href);
    }, PREFETCH_LINKS_AFTER_MS);
    return () => clearTimeout(t);
  }, [hrefs, router]);
  return (
    <aside className="bg-slate-900 text-slate-200 lg:fixed lg:inset-y-0 lg:flex lg:w-60 lg:flex-col">
      <div className="flex items-center justify-between gap-4 px-5 py-4 lg:block">
        <Logo dark href={homeFor(me)} />
        {me?.tenant && (
          <p className="mt-0 min-w-0 flex-1 truncate text-xs text-slate-300 lg:mt-3" data-testid="org-name">
            {me.tenant.name}
          </p>
        )}
        <button
          type="button"
          className="rounded-lg p-2 text-slate-200 hover:bg-slate-800 lg:hidden"
          aria-expanded={open}
          aria-controls="main-nav"
          aria-label={open ? "Close menu" : "Open menu"}
          data-testid="menu-button"
          onClick={() => setOpen((o) => !o)}
        >
          <svg viewBox="0 0 24 24" className="h-5 w-5 fill-current" aria-hidden="true">
            <path
              d={open ? "M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12 19 17.6 17.6 19 12 13.4 6.4 19 5 17.6 10.6 12 5 6.4z" : "M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z"}
            />
          </svg>
        </button>
      </div>
      <nav id="main-nav" aria-label="Main" className={cx("flex-col gap-1 px-3 pb-3 lg:flex lg:flex-1 lg:pb-0", open ? "flex" : "hidden")}>
        {items.map((item) => {
          const active = pathname === item.href || pathname.startsWith(item.href + "/");
          return (
            <Link
              key={item.href}
              href={item.href}
              prefetch={false}
              onClick={() => setOpen(false)}
              aria-current={active ? "page" : undefined}
              className={cx(
                "flex shrink-0 items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium",
                active ? "bg-slate-800 text-white" : "text-slate-300 hover:bg-slate-800/60 hover:text-white",
              )}
            >
              <svg viewBox="0 0 24 24" className="h-4 w-4 fill-current" aria-hidden="true">
                <path d={item.icon} />
              </svg>
              {item.label}
            </Link>
          );
        })}
      </nav>
      <div className="hidden border-t border-slate-800 px-5 py-4 lg:block">
        <p className="truncate text-xs text-slate-300" title={me?.user.email}>
          {me?.user.email}
        </p>
        <button
          type="button"
          className="mt-2 text-xs font-medium text-slate-200 underline-offset-2 hover:underline"
          onClick={async () => {
            await signOut();
            router.replace("/sign-in");
          }}
        >
          Sign out
        </button>
      </div>
    </aside>
  );
}

function TopBar() {
  const { me, signOut } = useAuth();
  const router = useRouter();
  return (
    <div className="flex items-center justify-end gap-3 border-b border-slate-200 bg-white px-4 py-2 text-sm lg:hidden">
      <span className="truncate text-slate-600">{me?.user.email}</span>
      <Button
        size="sm"
        variant="ghost"
        onClick={async () => {
          await signOut();
          router.replace("/sign-in");
        }}
      >
        Sign out
      </Button>
    </div>
  );
}

export function AppShell({ need = "tenant", children }: { need?: Need; children: ReactNode }) {
  return (
    <Guard need={need}>
      <div className="min-h-screen">
        <Nav />
        <div className="lg:pl-60">
          <TopBar />
          <main id="main" className="mx-auto max-w-7xl px-4 py-6 sm:px-6 lg:px-8 lg:py-8">
            <Suspense fallback={<Spinner />}>{children}</Suspense>
          </main>
        </div>
      </div>
    </Guard>
  );
}
