-- wrk script for benchmarks/busiest_week.py: each thread (one connection) walks whole
-- conversations through the API: start, every answer in order, send; then the next.
--   wrk -tN -cN -d600s -s benchmarks/busiest_week.lua URL -- SEQUENCE_FILE MARKER_FILE
-- SEQUENCE_FILE lines are QUESTION_ID<TAB>JSON_VALUE. Each conversation sent appends a line
-- to MARKER_FILE; when it has enough lines the script ends wrk with SIGINT. (A thread that
-- stopped itself would leave a connection open that a gunicorn sync worker waits on.)
local sequence = {}
local marker
local stage, token, step = "start", nil, 1
local threads = {}
sent, answered, refused = 0, 0, ""  -- read by done() through each thread

local json = { ["Content-Type"] = "application/json" }

function setup(thread)
  threads[#threads + 1] = thread
end

function init(args)
  for line in io.lines(args[1]) do
    local question, value = line:match("^([^\t]+)\t(.*)$")
    sequence[#sequence + 1] = { question, value }
  end
  marker = args[2]
end

function request()
  if stage == "start" then
    return wrk.format("POST", "/api/v1/conversations", json, '{"questionnaire": "young-person-before-review"}')
  elseif stage == "answer" then
    local q = sequence[step]
    return wrk.format("POST", "/api/v1/conversations/" .. token .. "/answers", json,
      '{"question_id": "' .. q[1] .. '", "value": ' .. q[2] .. '}')
  end
  return wrk.format("POST", "/api/v1/conversations/" .. token .. "/submit", json, "{}")
end

function response(status, _, body)
  if status >= 400 then
    refused = refused .. status .. " "
    stage = "start"  -- leave that conversation; begin another
    return
  end
  if stage == "start" then
    token, step, stage = body:match('"token":%s*"([^"]+)"'), 1, "answer"
  elseif stage == "answer" then
    answered = answered + 1
    step = step + 1
    if step > #sequence then stage = "submit" end
  else
    sent = sent + 1
    stage = "start"
    local f = io.open(marker, "a")
    f:write("sent\n")
    f:close()
  end
end

function done(summary, latency, _)
  local e = summary.errors
  local total_sent, total_answered, statuses = 0, 0, ""
  for _, thread in ipairs(threads) do
    total_sent = total_sent + thread:get("sent")
    total_answered = total_answered + thread:get("answered")
    statuses = statuses .. thread:get("refused")
  end
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"sent": %d, "answered": %d, "refused": "%s"}\n',
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.status, e.timeout, total_sent, total_answered, statuses))
end
