"""scripts/mlserver's failure paths: clear errors, and no MLServer left running on any of them."""

from __future__ import annotations

import json
import os
import pathlib
import signal
import subprocess
import sys
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[3]
HARNESS = ROOT / "scripts" / "mlserver"


def harness(*args, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(HARNESS), *map(str, args)], capture_output=True, text=True, timeout=timeout)


def mlserver_processes(state: pathlib.Path) -> list[int]:
    """Pids of processes whose working directory is `state` (where the harness starts MLServer)."""
    found = []
    for proc in pathlib.Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if os.readlink(proc / "cwd") == str(state):
                    found.append(int(proc.name))
            except OSError:
                pass
    return found


def test_a_readiness_timeout_stops_mlserver_and_says_so(tmp_path):
    state = tmp_path / "state"
    r = harness("start", "--state", state, "--timeout", "0.3")
    assert r.returncode == 1
    assert "was not ready at http://127.0.0.1:" in r.stderr and "within 0.3 s" in r.stderr
    assert r.stdout == ""
    assert not (state / "state.json").exists()
    assert mlserver_processes(state.resolve()) == []
    assert not list(state.glob("repository-*")), "the temporary repository was left behind"


def test_sigterm_while_starting_stops_mlserver(tmp_path):
    state = tmp_path / "state"
    proc = subprocess.Popen([sys.executable, str(HARNESS), "start", "--state", str(state)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while not (state / "state.json").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted" in err
    assert not (state / "state.json").exists()
    assert mlserver_processes(state.resolve()) == []


def test_bad_repositories_are_refused_before_starting(tmp_path):
    r = harness("start", "--state", tmp_path / "s1", "--repository", tmp_path / "missing")
    assert r.returncode == 1 and "is not a folder" in r.stderr
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "settings.json").write_text(json.dumps({"http_port": 8080, "debug": False}))
    r = harness("start", "--state", tmp_path / "s2", "--repository", repo)
    assert r.returncode == 1 and "sets http_port: remove them" in r.stderr
    (repo / "settings.json").write_text("{oops")
    r = harness("start", "--state", tmp_path / "s3", "--repository", repo)
    assert r.returncode == 1 and "settings.json is not valid JSON" in r.stderr


def test_start_twice_status_and_stop(tmp_path):
    state = tmp_path / "state"
    first = harness("start", "--state", state)
    try:
        assert first.returncode == 0, first.stderr
        url = first.stdout.strip()
        again = harness("start", "--state", state)
        assert again.returncode == 1 and f"already running at {url}" in again.stderr
        status = harness("status", "--state", state)
        assert status.returncode == 0 and status.stdout.strip() == url
    finally:
        stopped = harness("stop", "--state", state)
    assert stopped.returncode == 0 and "stopped" in stopped.stderr
    assert mlserver_processes(state.resolve()) == []
    assert harness("status", "--state", state).returncode == 1
    nothing = harness("stop", "--state", state)
    assert nothing.returncode == 0 and "nothing to stop" in nothing.stderr


def test_the_example_repository_serves_its_champion(tmp_path):
    state = tmp_path / "state"
    example = ROOT / "services" / "mlserver-onnx" / "example-repository"
    started = harness("start", "--state", state, "--repository", example)
    try:
        assert started.returncode == 0, started.stderr
        body = json.dumps({"inputs": [{"name": "input", "shape": [1, 100], "datatype": "FP32", "data": [0.5] * 100}]}).encode()
        request = urllib.request.Request(started.stdout.strip() + "/v2/models/champion/infer", data=body,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as r:
            answer = json.loads(r.read())
        assert answer["model_version"] == "1"
        assert answer["outputs"][0]["shape"] == [1, 3]
    finally:
        harness("stop", "--state", state)
    assert not (example / ".metrics").exists() and not (example / "mlserver.log").exists()
