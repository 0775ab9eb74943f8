-- Shared by the wrk scripts (infer.lua, infer-v2.lua): installs wrk's `response`
-- hook, which counts non-2xx answers per thread (wrk reports them too, but not per
-- status) and prints the first one, and its `done` hook, which prints one
-- machine-readable line after wrk's own report. With WRK_STATUS_HOOK=0 in the environment
-- the `response` hook is left out: wrk then skips building a Lua table of every answer's
-- headers and body, so a longer answer head costs the client nothing extra (for measuring a
-- header's cost on the server; wrk still counts non-2xx answers in `non2xx`):
--   wrk-json: {"requests":...,"rps":...,"p50_us":...,"p99_us":...,"errors":...,"non2xx":...}
--
--   dofile(here .. "wrk-report.lua")(rows)   -- rows: vectors per request
return function(rows)
    local bad = 0
    if os.getenv("WRK_STATUS_HOOK") ~= "0" then response = function(status, headers, body)
        if status < 200 or status > 299 then
            bad = bad + 1
            if bad == 1 then io.stderr:write("first non-2xx response: " .. status .. " " .. body .. "\n") end
        end
    end end

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
end
