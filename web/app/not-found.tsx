import Link from "next/link";
import { Logo } from "@/components/logo";

export default function NotFound() {
  return (
    <main id="main" className="flex min-h-screen flex-col items-center justify-center gap-4 px-6 text-center">
      <Logo />
      <h1 className="text-2xl font-semibold text-slate-900">Page not found</h1>
      <p className="text-slate-600">The page you asked for does not exist.</p>
      <Link className="font-medium text-brand-700 hover:underline" href="/">
        Go home
      </Link>
    </main>
  );
}
