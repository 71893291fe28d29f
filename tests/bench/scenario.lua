-- One load scenario for wrk: requests cycle through the paths in $BENCH_PATHS (one a line),
-- with $BENCH_METHOD, the body in $BENCH_BODY (a file; `{{municipality}}` is replaced by the
-- next of $BENCH_MUNICIPALITIES), and the header $BENCH_HEADER ("Name: value").
-- At the end one line: RESULT <requests/s> <p50 ms> <p99 ms> <2xx> <4xx> <5xx> <other>.

local paths = {}
local method = os.getenv("BENCH_METHOD") or "GET"
local body_template = nil
local municipalities = {}
local header_name, header_value = nil, nil
local index = 0
local counts = { 0, 0, 0, 0 }
local threads = {}

local function read_lines(file)
  local lines = {}
  for line in io.lines(file) do
    if #line > 0 then lines[#lines + 1] = line end
  end
  return lines
end

function setup(thread)
  thread:set("id", #threads)
  threads[#threads + 1] = thread
end

function init(args)
  paths = read_lines(os.getenv("BENCH_PATHS"))
  local body_file = os.getenv("BENCH_BODY")
  if body_file and #body_file > 0 then
    local f = io.open(body_file, "r")
    body_template = f:read("*a")
    f:close()
  end
  for m in string.gmatch(os.getenv("BENCH_MUNICIPALITIES") or "36008", "[^,]+") do
    municipalities[#municipalities + 1] = m
  end
  local header = os.getenv("BENCH_HEADER")
  if header and #header > 0 then
    header_name, header_value = string.match(header, "^([^:]+):%s*(.*)$")
  end
  -- Threads start at different places in the path list.
  index = id * 7919
  c2, c4, c5, other = 0, 0, 0, 0
end

function request()
  index = index + 1
  local path = paths[(index % #paths) + 1]
  local headers = {}
  if header_name then headers[header_name] = header_value end
  local body = nil
  if body_template then
    local m = municipalities[(index % #municipalities) + 1]
    body = string.gsub(body_template, "{{municipality}}", m)
    headers["Content-Type"] = "application/json"
  end
  return wrk.format(method, path, headers, body)
end

function response(status, headers, body)
  if status >= 200 and status < 300 then c2 = c2 + 1
  elseif status >= 400 and status < 500 then c4 = c4 + 1
  elseif status >= 500 then c5 = c5 + 1
  else other = other + 1 end
end

function done(summary, latency, requests)
  local t2, t4, t5, to = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    t2 = t2 + thread:get("c2")
    t4 = t4 + thread:get("c4")
    t5 = t5 + thread:get("c5")
    to = to + thread:get("other")
  end
  local seconds = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  io.write(string.format("RESULT %.0f %.2f %.2f %d %d %d %d\n",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    t2, t4, t5, to + errors))
end
