-- wrk load test for POST /infer with several vectors per request (default 8; ROWS overrides).
--
--   wrk -t1 -c16 -d10s -s scripts/infer-batch.lua http://127.0.0.1:8000/infer
--
-- Same as infer.lua otherwise (WIDTH, MODEL, SEED).
ROWS_DEFAULT = 8
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "infer.lua")
