// The logo, linking home. Not prefetched on sight: loading that page's code would compete with the
// current page's start-up (the side bar prefetches its pages once the page has started).
import Link from "next/link";

export function Logo({ dark = false, href = "/" }: { dark?: boolean; href?: string }) {
  return (
    <Link href={href} prefetch={false} className="inline-flex items-center gap-2 rounded-md" aria-label="Converza home">
      <svg viewBox="0 0 32 32" className="h-7 w-7" aria-hidden="true">
        <rect width="32" height="32" rx="8" fill="#4f46e5" />
        <path d="M7 17h4l3 6 4-14 3 8h4" fill="none" stroke="#fff" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      <span className={`text-lg font-semibold tracking-tight ${dark ? "text-white" : "text-slate-900"}`}>Converza</span>
    </Link>
  );
}
