"""Latency of the REST API on bench/api's seeded data (see bench/api/run).

Each endpoint is called sequentially over one keep-alive connection, so the figures are
per-request latency (token verification, RLS transaction, query, JSON), not throughput.
The naive KPI runs the same aggregation straight over raw calls + insights under RLS, through
asyncpg, for comparison with the rollup the API serves from.
"""
import argparse
import asyncio
import base64
import hashlib
import hmac
import http.client
import json
import os
import re
import statistics
import time
import uuid
from datetime import date, timedelta

import asyncpg


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def md5_uuid(text: str) -> str:
    return str(uuid.UUID(hashlib.md5(text.encode()).hexdigest()))


def token(secret: str, n: int) -> str:
    """An access token for tenant n's manager, shaped like Supabase's
    (docs/architecture.md#supabase-jwt-claims-and-api-keys).
    Minted with the signing key, not by a sign-in, so it names no session (serve checks the
    session of tokens that do)."""
    now = int(time.time())
    claims = {"sub": md5_uuid(f"user-{n}"), "role": "authenticated", "aud": "authenticated",
              "iat": now, "exp": now + 3600, "email": f"manager{n}@bench.test",
              "app_metadata": {"provider": "email", "tenant_id": md5_uuid(f"tenant-{n}")},
              "is_anonymous": False}
    head = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    body = b64url(json.dumps(claims, separators=(",", ":")).encode())
    sig = hmac.new(secret.encode(), f"{head}.{body}".encode(), hashlib.sha256).digest()
    return f"{head}.{body}.{b64url(sig)}"


def pct(samples, p):
    s = sorted(samples)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def report(name, samples):
    print(f"  {name:<60} p50 {pct(samples, 50):7.2f} ms   p95 {pct(samples, 95):7.2f} ms"
          f"   mean {statistics.mean(samples):7.2f} ms   n={len(samples)}")


def http_series(port, tok, path, n, max_seconds=None):
    """n timed requests after 5 warm-up ones; with max_seconds, stops early once that much time
    has gone and 10 are timed (so a slow combination does not take minutes)."""
    conn = http.client.HTTPConnection("127.0.0.1", port)
    out = []
    start = time.perf_counter()
    for i in range(n + 5):
        if max_seconds and len(out) >= 10 and time.perf_counter() - start > max_seconds:
            break
        t0 = time.perf_counter()
        conn.request("GET", path, headers={"Authorization": f"Bearer {tok}"})
        res = conn.getresponse()
        body = res.read()
        dt = (time.perf_counter() - t0) * 1000
        if res.status != 200:
            raise SystemExit(f"{path}: HTTP {res.status} {body[:300]!r}")
        if i >= 5:  # the first few warm the connection's prepared statements
            out.append(dt)
    conn.close()
    return out, json.loads(body)


NAIVE_KPI = """
select count(*) as calls, count(i.call_id) as analyzed,
       count(*) filter (where i.converted) as converted,
       coalesce(sum(i.upsell_cents), 0) as upsell_cents, avg(i.sentiment_score) as avg_sentiment,
       avg(i.ai_score) as avg_ai_score, sum(i.script_met)::float / nullif(sum(i.script_total), 0) as adherence
from public.calls c left join public.insights i on i.tenant_id = c.tenant_id and i.call_id = c.id
where c.tenant_id = $1 and coalesce(c.started_at, c.created_at) >= $2::date
  and coalesce(c.started_at, c.created_at) < $3::date + 1
"""


async def naive_series(dsn, secret_claims, tenant, frm, to, n):
    conn = await asyncpg.connect(dsn)
    out = []
    for i in range(n + 2):
        t0 = time.perf_counter()
        async with conn.transaction():
            await conn.execute("select set_config('role', 'authenticated', true), "
                               "set_config('request.jwt.claims', $1, true)", secret_claims)
            await conn.fetchrow(NAIVE_KPI, tenant, date.fromisoformat(frm), date.fromisoformat(to))
        if i >= 2:
            out.append((time.perf_counter() - t0) * 1000)
    await conn.close()
    return out


SORTS = ("started_at", "ai_score", "upsell_cents", "duration_s", "sentiment")


def list_filters(n):
    """The calls list's filters as the dashboard sends them (web/components/calls/calls-table.tsx),
    each alone, and the sort orders each is measured with."""
    return (("converted=true", "converted=true"), ("converted=false", "converted=false"),
            ("sentiment=positive", "sentiment=positive"), ("sentiment=negative", "sentiment=negative"),
            ("agent", f"agent_id={md5_uuid(f'agent-{n}-1')}"), ("score>=80", "score_min=80"),
            ("score<=50", "score_max=50"), ("score 60-70", "score_min=60&score_max=70"),
            ("low_performers", "low_performers=true"), ("tracker", f"tracker={md5_uuid(f'tracker-{n}')}"),
            ("q=refund", "q=refund"),
            ("agent+converted+positive",
             f"agent_id={md5_uuid(f'agent-{n}-1')}&converted=true&sentiment=positive"))


FILTER_SORTS = (("started_at", "desc"), ("ai_score", "desc"), ("upsell_cents", "desc"),
                ("sentiment", "asc"))


def calls_list_matrix(port, tok, n, ranges, requests, max_seconds, only=None):
    """GET /api/v1/calls (first page, 25 rows) for every sort key in both orders, then every
    filter with the default order and three insight orders, for each range; with `only` (a
    regular expression), just the combinations whose name it matches."""
    combos = []
    for rlabel, rq in ranges:
        for key in SORTS:
            for order in ("desc", "asc"):
                combos.append((f"calls {rlabel} sort={key} {order}", f"{rq}&sort={key}&order={order}"))
        for flabel, fq in list_filters(n):
            for key, order in FILTER_SORTS:
                combos.append((f"calls {rlabel} {flabel} sort={key} {order}",
                               f"{rq}&{fq}&sort={key}&order={order}"))
    for name, query in combos:
        if only and not re.search(only, name):
            continue
        samples, _ = http_series(port, tok, f"/api/v1/calls?limit=25&{query}", requests, max_seconds)
        report(name, samples)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--tenants", type=int, default=1000)
    ap.add_argument("--dsn", required=True)
    ap.add_argument("--list-max-seconds", type=float, default=3.0,
                    help="time spent on one calls-list combination at most (at least 10 requests)")
    ap.add_argument("--only", help="a regular expression: time only the calls-list combinations whose "
                    "name matches it (e.g. 'sentiment asc'), and nothing else")
    ap.add_argument("--big-only", action="store_true", help="the big tenant only")
    a = ap.parse_args()
    secret = os.environ["JWT_SECRET"]
    today = date.today()
    frm, to = (today - timedelta(days=29)).isoformat(), today.isoformat()
    quarter = (today - timedelta(days=89)).isoformat()
    tenants = ((1, "big tenant (1M calls)"), (a.tenants // 2, "typical tenant"))
    for n, label in tenants[:1] if a.big_only else tenants:
        tok = token(secret, n)
        print(f"{label}: tenant {md5_uuid(f'tenant-{n}')}")
        ranges = (("30d", f"from={frm}&to={to}"), ("90d", f"from={quarter}&to={to}"))
        if a.only:
            calls_list_matrix(a.port, tok, n, ranges, a.requests, a.list_max_seconds, a.only)
            continue
        q = f"from={frm}&to={to}"
        samples, body = http_series(a.port, tok, f"/api/v1/kpis?{q}", a.requests)
        report("GET /api/v1/kpis (30 days)", samples)
        print(f"    -> {body['current']['calls']} calls in range")
        samples, _ = http_series(a.port, tok, f"/api/v1/kpis?from={quarter}&to={to}", a.requests)
        report("GET /api/v1/kpis (90 days)", samples)
        samples, _ = http_series(a.port, tok, f"/api/v1/kpis/timeseries?{q}", a.requests)
        report("GET /api/v1/kpis/timeseries (30 days)", samples)
        samples, _ = http_series(a.port, tok, f"/api/v1/agents?{q}", a.requests)
        report("GET /api/v1/agents (leaderboard)", samples)
        samples, page = http_series(a.port, tok, "/api/v1/calls?limit=25", a.requests)
        report("GET /api/v1/calls (first page)", samples)
        if page.get("next_cursor"):
            samples, _ = http_series(a.port, tok, f"/api/v1/calls?limit=25&cursor={page['next_cursor']}",
                                     a.requests)
            report("GET /api/v1/calls (second page, cursor)", samples)
        samples, _ = http_series(a.port, tok, f"/api/v1/calls?limit=25&converted=true&sort=ai_score",
                                 a.requests)
        report("GET /api/v1/calls (converted, by ai_score)", samples)
        calls_list_matrix(a.port, tok, n, ranges, a.requests, a.list_max_seconds)
        claims = json.loads(base64.urlsafe_b64decode(tok.split(".")[1] + "=="))
        samples = asyncio.run(naive_series(a.dsn, json.dumps(claims), md5_uuid(f"tenant-{n}"), frm, to,
                                           max(10, a.requests // 10)))
        report("naive KPI over raw calls, SQL only (30 days)", samples)


if __name__ == "__main__":
    main()
