#!/usr/bin/env python3
"""Checks for scripts/test-prometheus: the Grafana dashboard's structure, the
Prometheus config rewritten for a test run, and every panel's PromQL against a
live Prometheus.

  prometheus_check.py structure deploy/grafana/dashboard.json
  prometheus_check.py config deploy/prometheus/prometheus.yml OUT TRAINER REPLICA1 REPLICA2
  prometheus_check.py live http://127.0.0.1:PORT deploy/grafana/dashboard.json TIMEOUT_SECONDS
  prometheus_check.py traffic SECONDS PER_SECOND WIDTH http://127.0.0.1:PORT/infer ...

Standard library only.
"""
import json
import math
import re
import sys
import time
import urllib.parse
import urllib.request


def structure(path):
    """Every panel: unique id, timeseries, the DS_PROMETHEUS datasource, a gridPos inside
    24 columns that overlaps no other, targets with an expression and distinct refIds."""
    d = json.load(open(path))
    problems = []
    inputs = [i for i in d.get("__inputs", []) if i.get("name") == "DS_PROMETHEUS"]
    if not inputs or inputs[0].get("type") != "datasource" or inputs[0].get("pluginId") != "prometheus":
        problems.append("__inputs has no DS_PROMETHEUS prometheus datasource input")
    if not isinstance(d.get("schemaVersion"), int) or d["schemaVersion"] < 36:
        problems.append(f"schemaVersion {d.get('schemaVersion')!r}: Grafana 10 writes 38")
    for key in ("title", "uid"):
        if not d.get(key):
            problems.append(f"dashboard has no {key}")
    panels = d.get("panels", [])
    if not panels:
        problems.append("no panels")
    ids, cells = set(), {}
    variables = {v["name"]: v for v in d.get("templating", {}).get("list", [])}
    for v in variables.values():
        if v.get("datasource", {}).get("uid") != "${DS_PROMETHEUS}":
            problems.append(f"variable {v['name']}: datasource is not ${{DS_PROMETHEUS}}")
        if not re.fullmatch(r"label_values\((.+,\s*)?\w+\)", v.get("query", {}).get("query", "")):
            problems.append(f"variable {v['name']}: query is not label_values(...)")
    for p in panels:
        name = f"panel {p.get('id')} {p.get('title')!r}"
        if not isinstance(p.get("id"), int) or p["id"] in ids:
            problems.append(f"{name}: id missing or repeated")
        ids.add(p.get("id"))
        if p.get("type") != "timeseries":
            problems.append(f"{name}: type {p.get('type')!r}, expected timeseries")
        if p.get("datasource", {}).get("uid") != "${DS_PROMETHEUS}" or p.get("datasource", {}).get("type") != "prometheus":
            problems.append(f"{name}: datasource is not the prometheus ${{DS_PROMETHEUS}}")
        g = p.get("gridPos", {})
        if not all(isinstance(g.get(k), int) for k in "hwxy") or g["w"] < 1 or g["h"] < 1 or g["x"] < 0 or g["x"] + g["w"] > 24:
            problems.append(f"{name}: gridPos {g} is not inside 24 columns")
        else:
            for x in range(g["x"], g["x"] + g["w"]):
                for y in range(g["y"], g["y"] + g["h"]):
                    if (x, y) in cells:
                        problems.append(f"{name}: overlaps panel {cells[(x, y)]}")
                        break
                    cells[(x, y)] = p["id"]
                else:
                    continue
                break
        targets = p.get("targets", [])
        if not targets:
            problems.append(f"{name}: no targets")
        refs = [t.get("refId") for t in targets]
        if len(set(refs)) != len(refs) or None in refs:
            problems.append(f"{name}: refIds missing or repeated: {refs}")
        for t in targets:
            if not t.get("expr", "").strip():
                problems.append(f"{name}: target {t.get('refId')} has no expr")
            if t.get("datasource", {}).get("uid") != "${DS_PROMETHEUS}":
                problems.append(f"{name}: target {t.get('refId')} datasource is not ${{DS_PROMETHEUS}}")
            for var in re.findall(r"\$(\w+)", t.get("expr", "")):
                if var not in variables:
                    problems.append(f"{name}: target {t.get('refId')} uses undefined variable ${var}")
        if p.get("repeat") and p["repeat"] not in variables:
            problems.append(f"{name}: repeats over undefined variable {p['repeat']}")
    for problem in problems:
        print("  FAIL:", problem)
    print(f"  dashboard: {len(panels)} panels, {sum(len(p.get('targets', [])) for p in panels)} queries, "
          f"{len(variables)} variables: {'ok' if not problems else f'{len(problems)} problems'}")
    return not problems


def config(src, out, trainer, replica1, replica2):
    """The shipped config with the test's ports and a 1 s scrape interval; each
    replacement must apply exactly once, so a changed shipped file fails loudly."""
    text = open(src).read()
    for old, new in [('"127.0.0.1:9464"', f'"{trainer}"'), ('"127.0.0.1:8000"', f'"{replica1}"'),
                     ('"127.0.0.1:8001"', f'"{replica2}"'), ("scrape_interval: 5s", "scrape_interval: 1s"),
                     ("scrape_timeout: 4s", "scrape_timeout: 1s"), ("evaluation_interval: 5s", "evaluation_interval: 1s")]:
        if text.count(old) != 1:
            print(f"  FAIL: {src}: expected {old} once, found it {text.count(old)} times")
            return False
        text = text.replace(old, new)
    open(out, "w").write(text)
    return True


def api(base, path, **params):
    url = base + path + ("?" + urllib.parse.urlencode(params, doseq=True) if params else "")
    with urllib.request.urlopen(url, timeout=5) as r:
        body = json.load(r)
    if body.get("status") != "success":
        raise RuntimeError(f"{path}: {body}")
    return body["data"]


def promql_regex_value(value):
    """A label value as Grafana puts it into a =~ matcher: regex-escaped, inside a PromQL string."""
    return re.sub(r"([\\.+*?()|\[\]{}^$])", r"\\\\\1", value)


def resolve_variables(base, variables):
    """Each variable's values from its label_values() query, in order (a later query may use an earlier variable)."""
    values = {}
    for v in variables:
        query = substitute(v["query"]["query"], values)
        m = re.fullmatch(r"label_values\((?:(.+),\s*)?(\w+)\)", query)
        selector, label = m.group(1), m.group(2)
        params = {"match[]": selector} if selector else {}
        values[v["name"]] = sorted(api(base, f"/api/v1/label/{label}/values", **params))
    return values


def substitute(expr, values, single=None):
    """Template variables replaced as Grafana does for a multi-value variable set to All: (a|b)."""
    def one(m):
        name = m.group(1)
        vals = [single[1]] if single and single[0] == name else values.get(name, [])
        escaped = [promql_regex_value(x) for x in vals]
        return escaped[0] if len(escaped) == 1 else "(" + "|".join(escaped) + ")"
    return re.sub(r"\$(\w+)", one, expr)


def metric_names(expr):
    """The series names a query reads (e.g. dashboard_http_request_duration_seconds_bucket)."""
    return set(re.findall(r"\b((?:dashboard|process)_[a-z_]+)\b", expr))


def check_live(base, dashboard):
    """Problems now: targets not up, series missing, panel queries empty; [] when all is well."""
    problems = []
    targets = api(base, "/api/v1/targets")["activeTargets"]
    jobs = {}
    for t in targets:
        jobs.setdefault(t["labels"]["job"], []).append(t)
        if t["health"] != "up":
            problems.append(f"target {t['labels']['job']} {t['labels']['instance']} is {t['health']} {t.get('lastError', '')}")
    if sorted(len(v) for v in jobs.values()) != [1, 2] or set(jobs) != {"dashboard-trainer", "dashboard-serve"}:
        problems.append(f"targets by job: { {k: len(v) for k, v in jobs.items()} }, expected dashboard-trainer 1, dashboard-serve 2")
    if problems:
        return problems, []
    variables = dashboard["templating"]["list"]
    values = resolve_variables(base, variables)
    for name, vals in values.items():
        if not vals:
            problems.append(f"variable ${name} has no values")
    if values.get("replica") and len(values["replica"]) != 2:
        problems.append(f"variable $replica: {values['replica']}, expected the two replicas")
    for instance in values.get("replica", []):
        ok200 = api(base, "/api/v1/query", query=f'sum(rate(dashboard_http_requests_total{{instance="{instance}", route="/infer", status="200"}}[1m]))')
        if not ok200["result"] or not float(ok200["result"][0]["value"][1]) > 0:
            problems.append(f"replica {instance}: no /infer answered 200 in the last minute")
    queries = []
    for p in dashboard["panels"]:
        repeat = p.get("repeat")
        cases = [(repeat, v) for v in values.get(repeat, [])] if repeat else [None]
        for case in cases:
            for t in p["targets"]:
                queries.append((p["title"] + (f" [{case[1]}]" if case else "") + f" {t['refId']}",
                                substitute(t["expr"], values, case)))
    names = set()
    for _, q in queries:
        names |= metric_names(q)
    for n in sorted(names):
        if not api(base, "/api/v1/series", **{"match[]": n}):
            problems.append(f"no series named {n}")
    results = []
    for title, q in queries:
        data = api(base, "/api/v1/query", query=q)
        finite = [float(r["value"][1]) for r in data["result"] if math.isfinite(float(r["value"][1]))]
        results.append((title, q, len(data["result"]), finite))
        if not finite:
            problems.append(f"{title}: {len(data['result'])} series, none with a finite value: {q}")
    return problems, results


def live(base, dashboard_path, timeout):
    dashboard = json.load(open(dashboard_path))
    deadline = time.monotonic() + timeout
    started = time.monotonic()
    reported = 0.0
    while True:
        try:
            problems, results = check_live(base, dashboard)
        except Exception as e:  # Prometheus not answering yet, or a query it refused
            problems, results = [f"Prometheus API: {e}"], []
        if not problems or time.monotonic() > deadline:
            break
        if time.monotonic() - reported >= 10:
            reported = time.monotonic()
            print(f"  waiting ({reported - started:.0f} s): {len(problems)} problems, e.g. {problems[0][:160]}", flush=True)
        time.sleep(1)
    for title, q, n, finite in results:
        shown = ", ".join(f"{v:.4g}" for v in finite[:3])
        print(f"  {'ok  ' if finite else 'FAIL'} {title}: {n} series ({shown})")
    for p in problems:
        print("  FAIL:", p)
    print(f"  {len(results)} panel queries checked after {time.monotonic() - started:.1f} s: "
          f"{'all non-empty' if not problems else f'{len(problems)} problems'}")
    return not problems


def traffic(seconds, per_second, width, urls):
    """A steady trickle of /infer requests (one keep-alive connection per replica, a few
    refused ones among them) for `seconds`, so the rates over [1m] stay up while Prometheus
    is queried. Bounded in time and count."""
    import http.client
    conns = []
    for u in urls:
        parts = urllib.parse.urlsplit(u)
        conns.append((parts.path, http.client.HTTPConnection(parts.hostname, parts.port, timeout=2)))
    row = [round(0.5 - i / max(1, width), 3) for i in range(width)]
    good = json.dumps({"model": "champion", "inputs": [row]})
    refused = json.dumps({"model": "missing", "inputs": [row]})
    end = time.monotonic() + seconds
    sent = failed = answered = 0
    while time.monotonic() < end and sent < seconds * per_second:
        for path, c in conns:
            try:
                c.request("POST", path, refused if sent % 25 == 24 else good, {"Content-Type": "application/json"})
                r = c.getresponse()
                r.read()
                answered += r.status == 200
            except OSError:
                failed += 1
                c.close()
            sent += 1
        time.sleep(len(conns) / per_second)
    print(f"  traffic: {sent} requests, {answered} answered 200, {failed} transport failures")
    return True


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    ok = {"structure": lambda: structure(*args),
          "config": lambda: config(*args),
          "live": lambda: live(args[0], args[1], float(args[2])),
          "traffic": lambda: traffic(float(args[0]), float(args[1]), int(args[2]), args[3:])}[cmd]()
    sys.exit(0 if ok else 1)
