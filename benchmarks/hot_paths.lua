-- wrk script for benchmarks/hot_paths.py: send the requests listed in a file, in order,
-- and print the figures as one JSON line when done.
--   wrk -t1 -c8 -d8s -s benchmarks/hot_paths.lua http://127.0.0.1:PORT -- REQUESTS_FILE
-- Each line of the file is METHOD<TAB>PATH<TAB>BODY (BODY may be empty). With one
-- thread every connection shares this list, so request k and k+P are k's and k+P's.
-- The list is sent once: were it to wrap round, answers already given would be sent
-- again and refused, so the times its end is reached are counted ("wrapped").
local requests = {}
local next_one = 1
local threads = {}
refused = ""  -- each status other than 2xx or 3xx, as "409 ", read by done() through the thread
wrapped = 0
-- wrk 4 calls request() once on the first thread before any connection opens, to check
-- what it returns, and never sends that request. Taking a line from the list there lost
-- line 1: the first conversation's first answer was never given, so each of its later
-- answers was refused with 409 (5 or 6 a run). That call now gets line 1 without using it.
checking = false

function setup(thread)
  threads[#threads + 1] = thread
  if #threads == 1 then thread:set("checking", true) end
end

function init(args)
  for line in io.lines(args[1]) do
    local method, path, body = line:match("^(%u+)\t([^\t]+)\t?(.*)$")
    local headers = {}
    if body ~= "" then headers["Content-Type"] = "application/json" else body = nil end
    requests[#requests + 1] = wrk.format(method, path, headers, body)
  end
end

function request()
  if checking then
    checking = false
    return requests[1]
  end
  local r = requests[next_one]
  if next_one == #requests then wrapped = wrapped + 1 end
  next_one = next_one % #requests + 1
  return r
end

function response(status, _, _)
  if status >= 400 then refused = refused .. status .. " " end
end

function done(summary, latency, _)
  local e = summary.errors
  local statuses, wrapped_in_all = "", 0
  for _, thread in ipairs(threads) do
    statuses = statuses .. thread:get("refused")
    wrapped_in_all = wrapped_in_all + thread:get("wrapped")
  end
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, "refused": "%s", ' ..
    '"wrapped": %d}\n',
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    e.connect, e.read, e.write, e.status, e.timeout, statuses, wrapped_in_all))
end
