"""MLServer with mlserver_onnx.FolderModelRepository (scripts/mlserver start --folder-repository): same answers as its own."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys

import httpx
import numpy as np
import onnxruntime as ort
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "scripts"))

from neat_onnx_model import neat_model  # noqa: E402

HARNESS = ROOT / "scripts" / "mlserver"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    state, repo = tmp_path_factory.mktemp("state"), tmp_path_factory.mktemp("repository")
    started = subprocess.run([sys.executable, str(HARNESS), "start", "--state", str(state), "--repository", str(repo),
                              "--folder-repository"], capture_output=True, text=True, timeout=240)
    try:
        assert started.returncode == 0, started.stderr
        with httpx.Client(base_url=started.stdout.strip(), timeout=60) as client:
            yield client, repo
    finally:
        subprocess.run([sys.executable, str(HARNESS), "stop", "--state", str(state)], capture_output=True, timeout=60)


def write(repo: pathlib.Path, folder: str, name: str, data: bytes) -> None:
    (repo / folder).mkdir(parents=True, exist_ok=True)
    (repo / folder / "model.onnx").write_bytes(data)
    (repo / folder / "model-settings.json").write_text(json.dumps({"name": name, "implementation": "mlserver_onnx.OnnxRuntimeModel"}))


def infer(client, name: str, x: np.ndarray) -> np.ndarray:
    r = client.post(f"/v2/models/{name}/infer", json={"inputs": [{"name": "input", "shape": list(x.shape), "datatype": "FP32",
                                                                  "data": x.reshape(-1).tolist()}]})
    assert r.status_code == 200, r.text
    out = r.json()["outputs"][0]
    return np.array(out["data"], dtype=np.float32).reshape(out["shape"])


def expected(data: bytes, x: np.ndarray) -> np.ndarray:
    return ort.InferenceSession(data, providers=["CPUExecutionProvider"]).run(None, {"input": x})[0]


X = np.random.default_rng(9).normal(size=(2, 100)).astype(np.float32)


def test_load_reload_and_fallback(server):
    client, repo = server
    first, second, third = neat_model(seed=21), neat_model(seed=22), neat_model(seed=23)
    write(repo, "p0", "p0", first)
    assert client.post("/v2/repository/models/p0/load").status_code == 200
    np.testing.assert_allclose(infer(client, "p0", X), expected(first, X), rtol=1e-6, atol=1e-6)
    write(repo, "p0", "p0", second)
    assert client.post("/v2/repository/models/p0/load").status_code == 200
    np.testing.assert_allclose(infer(client, "p0", X), expected(second, X), rtol=1e-6, atol=1e-6)
    # A model whose folder has another name is found by the full scan, as MLServer's own repository finds it.
    write(repo, "elsewhere", "renamed", third)
    assert client.post("/v2/repository/models/renamed/load").status_code == 200
    np.testing.assert_allclose(infer(client, "renamed", X), expected(third, X), rtol=1e-6, atol=1e-6)
    r = client.post("/v2/repository/models/absent/load")
    assert r.status_code == 404 and r.json() == {"error": "Model absent not found"}
    assert client.post("/v2/repository/models/p0/unload").status_code == 200
    assert client.get("/v2/models/p0/ready").status_code == 404
