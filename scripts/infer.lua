-- wrk load test for POST /infer (built-in server or the Python ONNX Runtime service).
--
--   wrk -t1 -c16 -d10s -s scripts/infer.lua http://127.0.0.1:8000/infer
--   ROWS=8 wrk -t1 -c16 -d10s -s scripts/infer.lua http://127.0.0.1:8000/infer
--
-- Environment: ROWS (vectors per request, default 1), WIDTH (floats per vector,
-- default 100), MODEL (model id; default: the server's default model), SEED.
-- The body is built once, in plain Lua (no cjson), and sent unchanged by every
-- request, so wrk measures the server, not the script.

local rows = tonumber(os.getenv("ROWS") or "") or ROWS_DEFAULT or 1
local width = tonumber(os.getenv("WIDTH") or "") or 100
local model = os.getenv("MODEL")
math.randomseed(tonumber(os.getenv("SEED") or "") or 42)

local parts = {}
for r = 1, rows do
    local values = {}
    for i = 1, width do
        values[i] = string.format("%.6f", math.random() * 2 - 1) -- uniform in [-1, 1]
    end
    parts[r] = "[" .. table.concat(values, ",") .. "]"
end
local body = '{"inputs":[' .. table.concat(parts, ",") .. "]"
if model and model ~= "" then body = body .. ',"model":"' .. model .. '"' end
body = body .. "}"

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = body

-- Count non-2xx answers per thread (wrk reports them too, but not per status).
local bad = 0
response = function(status, headers, body)
    if status < 200 or status > 299 then
        bad = bad + 1
        if bad == 1 then io.stderr:write("first non-2xx response: " .. status .. " " .. body .. "\n") end
    end
end

-- One machine-readable line after wrk's own report.
done = function(summary, latency, requests)
    local seconds = summary.duration / 1e6
    local e = summary.errors
    io.write(string.format(
        'wrk-json: {"requests":%d,"seconds":%.3f,"rps":%.1f,"rows_per_request":%d,"vectors_per_s":%.1f,' ..
        '"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"errors":%d,"non2xx":%d}\n',
        summary.requests, seconds, summary.requests / seconds, rows, summary.requests * rows / seconds,
        latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
        e.connect + e.read + e.write + e.timeout, e.status))
end
