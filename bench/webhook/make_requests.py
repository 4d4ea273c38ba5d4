#!/usr/bin/python3
"""Writes N pre-signed Twilio recording webhooks (unique CallSid/RecordingSid each) for wrk:
one line per request, "<signature>\t<form body>". Signed with python3-twilio's RequestValidator
over PUBLIC_URL + /webhooks/twilio/recording, exactly as Twilio would.

usage: make_requests.py OUT N PUBLIC_URL AUTH_TOKEN ACCOUNT_SID PREFIX
"""
import sys
import urllib.parse

from twilio.request_validator import RequestValidator

out, n, public_url, token, account, prefix = sys.argv[1], int(sys.argv[2]), *sys.argv[3:7]
validator = RequestValidator(token)
url = public_url.rstrip("/") + "/webhooks/twilio/recording"
with open(out, "w") as f:
    for i in range(n):
        sid = f"{prefix}{i:024d}"
        params = {
            "AccountSid": account, "CallSid": "CA" + sid, "RecordingSid": "RE" + sid,
            "RecordingUrl": f"https://api.twilio.com/2010-04-01/Accounts/{account}/Recordings/RE{sid}",
            "RecordingStatus": "completed", "RecordingDuration": "187", "RecordingChannels": "2",
            "RecordingSource": "DialVerb", "ErrorCode": "0",
        }
        f.write(validator.compute_signature(url, params) + "\t" + urllib.parse.urlencode(params) + "\n")
