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

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "wrk-report.lua")(rows)
