"""The seed's reference design for the recording webhook, for bench/webhook to compare against:
FastAPI + uvicorn + asyncpg, validating X-Twilio-Signature with Twilio's own helper library
(python3-twilio) and storing the same call row and job (one statement, so one transaction)
before acking. Run by bench/webhook/run with 2 uvicorn workers.

Environment: BENCH_DSN (asyncpg DSN), PUBLIC_URL, TWILIO_AUTH_TOKEN, BENCH_TENANT.
"""
import os

import asyncpg
from fastapi import FastAPI, Request, Response
from twilio.request_validator import RequestValidator

DSN = os.environ["BENCH_DSN"]
PUBLIC_URL = os.environ["PUBLIC_URL"].rstrip("/")
VALIDATOR = RequestValidator(os.environ["TWILIO_AUTH_TOKEN"])
TENANT = os.environ["BENCH_TENANT"]

# The same statement converza uses (src/webhooks/recording_batcher.cc), for one webhook.
SQL = """
  with c as (
    insert into calls (tenant_id, call_sid, account_sid, recording_sid, recording_url,
                       recording_duration_s, recording_channels, started_at)
    values ($1, $2, $3, $4, $5, $6::int, $7::int, now())
    on conflict (call_sid) do update
      set recording_sid = excluded.recording_sid, updated_at = now()
    returning tenant_id, id),
  j as (
    insert into jobs (tenant_id, kind, call_id)
    select tenant_id, 'transcribe', id from c where $8 = 'completed'
    on conflict (tenant_id, kind, call_id) do nothing
    returning id)
  select (select count(*) from c), (select count(*) from j)
"""

app = FastAPI()
pool = None


@app.on_event("startup")
async def startup():
    global pool
    pool = await asyncpg.create_pool(DSN, min_size=8, max_size=16)


@app.post("/webhooks/twilio/recording")
async def recording(request: Request):
    form = await request.form()
    params = {k: v for k, v in form.items()}
    url = PUBLIC_URL + request.url.path + (("?" + request.url.query) if request.url.query else "")
    if not VALIDATOR.validate(url, params, request.headers.get("x-twilio-signature", "")):
        return Response(status_code=403)
    for field in ("CallSid", "RecordingSid", "RecordingStatus"):
        if not params.get(field):
            return Response(status_code=400)
    try:
        duration = int(params["RecordingDuration"]) if params.get("RecordingDuration") else None
        channels = int(params["RecordingChannels"]) if params.get("RecordingChannels") else None
    except ValueError:
        return Response(status_code=400)
    async with pool.acquire() as conn:
        await conn.fetchrow(SQL, TENANT, params["CallSid"], params.get("AccountSid"),
                            params["RecordingSid"], params.get("RecordingUrl"), duration, channels,
                            params["RecordingStatus"])
    return Response(content='<?xml version="1.0" encoding="UTF-8"?><Response/>',
                    media_type="text/xml")
