-- wrk load test for the Open Inference Protocol v2 infer route with binary tensors
-- (the binary tensor data extension): a JSON header, then the rows as raw
-- little-endian FP32; the outputs are asked for in binary too.
--
--   wrk -t1 -c16 -d10s -s scripts/infer-v2.lua http://127.0.0.1:8000/v2/models/bench/infer
--
-- Environment: ROWS (vectors per request, default 1), WIDTH (floats per vector,
-- default 100), SEED. The body is built once and sent unchanged by every request.
-- The same random vectors as scripts/infer.lua (same SEED), so the figures compare.

local rows = tonumber(os.getenv("ROWS") or "") or 1
local width = tonumber(os.getenv("WIDTH") or "") or 100
math.randomseed(tonumber(os.getenv("SEED") or "") or 42)

-- IEEE 754 binary32, little-endian (wrk runs LuaJIT: Lua 5.1, no string.pack).
local function f32le(x)
    if x == 0 then return "\0\0\0\0" end
    local sign = 0
    if x < 0 then sign = 1; x = -x end
    local m, e = math.frexp(x)               -- x = m * 2^e, 0.5 <= m < 1
    local E = e + 126                        -- biased exponent of 1.f * 2^(e-1)
    local f
    if E <= 0 then f = math.floor(x * 2 ^ 149 + 0.5); E = 0  -- subnormal
    else f = math.floor((m * 2 - 1) * 2 ^ 23 + 0.5) end
    if f >= 2 ^ 23 and E > 0 then f = 0; E = E + 1 end
    return string.char(f % 256, math.floor(f / 256) % 256,
                       math.floor(f / 65536) % 128 + (E % 2) * 128, math.floor(E / 2) + sign * 128)
end

local bytes = {}
for i = 1, rows * width do
    local text = string.format("%.6f", math.random() * 2 - 1)  -- the value infer.lua sends
    bytes[i] = f32le(tonumber(text))
end
local raw = table.concat(bytes)
local header = string.format(
    '{"inputs":[{"name":"input","shape":[%d,%d],"datatype":"FP32","parameters":{"binary_data_size":%d}}],' ..
    '"outputs":[{"name":"output","parameters":{"binary_data":true}}]}', rows, width, #raw)

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/octet-stream"
wrk.headers["Inference-Header-Content-Length"] = tostring(#header)
wrk.body = header .. raw

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "wrk-report.lua")(rows)
