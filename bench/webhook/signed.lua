-- wrk script: cycles through pre-signed recording webhooks (bench/webhook/make_requests.py), each
-- thread starting at its own offset so no two requests in a run share a RecordingSid.
local requests = {}
local counter = 0

function setup(thread)
  thread:set("offset", counter)
  counter = counter + 1
end

function init(args)
  local file = os.getenv("BENCH_REQUESTS")
  local i = 0
  for line in io.lines(file) do
    i = i + 1
    local sig, body = line:match("([^\t]+)\t(.*)")
    requests[i] = wrk.format("POST", "/webhooks/twilio/recording", {
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["X-Twilio-Signature"] = sig,
    }, body)
  end
  threads = tonumber(os.getenv("BENCH_THREADS") or "2")
  next_index = offset + 1
end

function request()
  local r = requests[next_index]
  next_index = next_index + threads
  if next_index > #requests then next_index = offset + 1 end
  return r
end
