"""The service on a real uvicorn on loopback: scripts/oip-conformance (tritonclient) and raw HTTP framing of binary tensors."""

from __future__ import annotations

import base64
import http.client
import json
import os
import pathlib
import socket
import subprocess
import sys
import time

import numpy as np
import onnxruntime as ort
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
SERVICE = ROOT / "services" / "onnx-server"
sys.path.insert(0, str(ROOT / "scripts"))

from neat_onnx_model import neat_model  # noqa: E402

CONFORMANCE = ROOT / "scripts" / "oip-conformance"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    """`python -m onnx_server` on a free loopback port with a model repository: (URL, repository)."""
    repo = tmp_path_factory.mktemp("repository")
    port = free_port()
    log = open(tmp_path_factory.mktemp("log") / "server.log", "w+")
    proc = subprocess.Popen(
        [sys.executable, "-m", "onnx_server", "--port", str(port), "--log-level", "warning", "--model-repository", str(repo)],
        cwd=SERVICE, env={**os.environ, "PYTHONPATH": str(SERVICE)}, stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            assert proc.poll() is None, f"the service exited with {proc.returncode}"
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
                conn.request("GET", "/v2/health/ready")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "the service was not ready within 30 s"
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}", repo
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        log.seek(0)
        print(log.read()[-2000:])
        log.close()


@pytest.fixture(scope="module")
def model_file(tmp_path_factory) -> pathlib.Path:
    path = tmp_path_factory.mktemp("model") / "net.onnx"
    path.write_bytes(neat_model(seed=4))
    return path


@pytest.mark.parametrize("load", ["inline", "repository"])
def test_tritonclient_conformance(service, model_file, load):
    url, repo = service
    args = [sys.executable, str(CONFORMANCE), "--url", url, "--model", str(model_file), "--load", load, "--name", f"c-{load}"]
    if load == "repository":
        args += ["--repository", str(repo)]
    done = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "FAIL" not in done.stdout
    assert done.stdout.strip().splitlines()[-1].endswith(" passed, 0 failed")


def test_binary_framing_over_a_socket(service, model_file):
    """Content-Length is the JSON header plus the tensor bytes; Inference-Header-Content-Length the JSON alone."""
    url, _ = service
    port = int(url.rsplit(":", 1)[1])
    data = model_file.read_bytes()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    load = json.dumps({"parameters": {"config": "{}", "file:1/model.onnx": base64.b64encode(data).decode()}})
    conn.request("POST", "/v2/repository/models/framing/load", body=load)
    assert conn.getresponse().read() == b""
    x = np.random.default_rng(5).normal(size=(3, 100)).astype("<f4")
    head = json.dumps({"inputs": [{"name": "input", "shape": [3, 100], "datatype": "FP32", "parameters": {"binary_data_size": x.nbytes}}],
                       "parameters": {"binary_data_output": True}}).encode()
    conn.request("POST", "/v2/models/framing/infer", body=head + x.tobytes(),
                 headers={"Inference-Header-Content-Length": str(len(head)), "Content-Type": "application/octet-stream"})
    r = conn.getresponse()
    body = r.read()
    assert r.status == 200, body
    n = int(r.getheader("Inference-Header-Content-Length"))
    assert int(r.getheader("Content-Length")) == len(body) == n + 3 * 3 * 4
    assert r.getheader("Server-Timing").startswith("decode;dur=")
    header = json.loads(body[:n])
    assert header["outputs"][0]["parameters"] == {"binary_data_size": 36}
    session = ort.InferenceSession(data, providers=["CPUExecutionProvider"])
    want = session.run(None, {"input": x})[0]
    np.testing.assert_array_equal(np.frombuffer(body[n:], dtype="<f4").reshape(3, 3), want)
    conn.close()
