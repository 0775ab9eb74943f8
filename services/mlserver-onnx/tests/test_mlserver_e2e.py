"""End to end against a real MLServer: start it with scripts/mlserver, deliver networks as files, infer, unload, stop.

Needs .venv-mlserver (scripts/setup-mlserver; `scripts/mlserver start` installs it when
missing) and runs under the project's .venv (onnx, onnxruntime, httpx, pytest). The
networks are NEAT-style ONNX models built by scripts/neat_onnx_model.py, or the files
named in MLSERVER_E2E_MODELS (colon-separated, e.g. written by `dashboard export
--format onnx`; 100 inputs, 3 outputs).
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
import time

import httpx
import numpy as np
import onnxruntime as ort
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "scripts"))

from neat_onnx_model import neat_model  # noqa: E402

HARNESS = ROOT / "scripts" / "mlserver"
IMPLEMENTATION = "mlserver_onnx.OnnxRuntimeModel"
START_TIMEOUT = float(os.environ.get("MLSERVER_START_TIMEOUT", "180"))


def network_bytes() -> list[bytes]:
    given = [p for p in os.environ.get("MLSERVER_E2E_MODELS", "").split(":") if p]
    if given:
        return [pathlib.Path(p).read_bytes() for p in given]
    return [neat_model(seed=1), neat_model(seed=2, hidden=6)]


def reference(model: bytes, x: np.ndarray) -> np.ndarray:
    session = ort.InferenceSession(model, providers=["CPUExecutionProvider"])
    return session.run(None, {session.get_inputs()[0].name: x})[0]


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
        return True
    except ProcessLookupError:
        return False


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A running MLServer: (base URL, repository folder); stopped, with its processes checked gone, after the module.

    MLSERVER_E2E_STATE names the harness's state folder, so a caller that may kill
    pytest can still run `scripts/mlserver stop --state DIR` afterwards.
    """
    state = pathlib.Path(os.environ["MLSERVER_E2E_STATE"]) if os.environ.get("MLSERVER_E2E_STATE") else tmp_path_factory.mktemp("state")
    repo = tmp_path_factory.mktemp("repository")
    began = time.monotonic()
    started = subprocess.run([sys.executable, str(HARNESS), "start", "--state", str(state), "--repository", str(repo),
                              "--timeout", str(START_TIMEOUT)], capture_output=True, text=True, timeout=START_TIMEOUT + 60)
    info = json.loads((state / "state.json").read_text()) if (state / "state.json").exists() else None
    try:
        assert started.returncode == 0, f"scripts/mlserver start failed:\n{started.stderr}"
        url = started.stdout.strip()
        assert url.startswith("http://127.0.0.1:"), started.stdout
        print(f"\nMLServer ready in {time.monotonic() - began:.1f} s at {url}")
        yield url, repo
    finally:
        stopped = subprocess.run([sys.executable, str(HARNESS), "stop", "--state", str(state)], capture_output=True, text=True, timeout=60)
        assert stopped.returncode == 0, stopped.stderr
        if info is not None:
            assert not group_alive(info["pid"]), f"MLServer processes of group {info['pid']} are still running after stop"
        assert not (state / "state.json").exists()


@pytest.fixture(scope="module")
def client(server):
    with httpx.Client(base_url=server[0], timeout=60) as c:
        yield c


@pytest.fixture(scope="module")
def networks():
    return network_bytes()


def write_model(repo: pathlib.Path, name: str, data: bytes) -> None:
    """What a client does to deliver a network: the folder with model-settings.json and model.onnx."""
    folder = repo / name
    folder.mkdir(exist_ok=True)
    (folder / "model.onnx").write_bytes(data)
    settings = {"name": name, "implementation": IMPLEMENTATION, "parameters": {"uri": "./model.onnx"}}
    (folder / "model-settings.json").write_text(json.dumps(settings))


def infer_json(client, name: str, x: np.ndarray, nested: bool = False, **extra) -> httpx.Response:
    data = x.tolist() if nested else x.reshape(-1).tolist()
    body = {"inputs": [{"name": "input", "shape": list(x.shape), "datatype": "FP32", "data": data}], **extra}
    return client.post(f"/v2/models/{name}/infer", json=body)


def outputs_of(r: httpx.Response) -> np.ndarray:
    assert r.status_code == 200, r.text
    out = r.json()["outputs"]
    assert len(out) == 1 and out[0]["name"] == "output" and out[0]["datatype"] == "FP32"
    return np.array(out[0]["data"], dtype=np.float32).reshape(out[0]["shape"])


def error_of(r: httpx.Response, status: int) -> str:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"}, body
    return body["error"]


X = np.random.default_rng(7).normal(0, 1, size=(5, 100)).astype(np.float32)


def test_health_and_server_metadata(client):
    assert client.get("/v2/health/live").status_code == 200
    assert client.get("/v2/health/ready").status_code == 200
    meta = client.get("/v2").json()
    assert meta["name"] == "mlserver" and meta["version"].startswith("1.")
    assert isinstance(meta["extensions"], list)


def test_load_from_folder_then_metadata_and_ready(client, server, networks):
    _, repo = server
    for i, data in enumerate(networks[:2]):
        write_model(repo, f"net{i}", data)
        r = client.post(f"/v2/repository/models/net{i}/load")
        assert r.status_code == 200, r.text
        assert client.get(f"/v2/models/net{i}/ready").status_code == 200
        meta = client.get(f"/v2/models/net{i}").json()
        assert meta["name"] == f"net{i}"
        assert meta["inputs"] == [{"name": "input", "datatype": "FP32", "shape": [-1, 100]}]
        assert meta["outputs"] == [{"name": "output", "datatype": "FP32", "shape": [-1, 3]}]
    index = client.post("/v2/repository/index", json={}).json()
    assert {(e["name"], e["state"]) for e in index} >= {("net0", "READY"), ("net1", "READY")}


@pytest.mark.parametrize("rows", [1, 5])
@pytest.mark.parametrize("nested", [False, True])
def test_infer_json_matches_onnxruntime(client, networks, rows, nested):
    for i, data in enumerate(networks[:2]):
        x = X[:rows]
        y = outputs_of(infer_json(client, f"net{i}", x, nested=nested, id=f"req-{i}"))
        np.testing.assert_allclose(y, reference(data, x), rtol=1e-6, atol=1e-6)


def test_request_id_is_echoed(client):
    assert infer_json(client, "net0", X[:1], id="abc-1").json()["id"] == "abc-1"


def test_binary_tensor_data(client, server, networks):
    """MLServer 1.7 does not speak Triton's binary extension over REST: it says so by not listing it."""
    extensions = client.get("/v2").json()["extensions"]
    x = X[:2]
    header = json.dumps({"inputs": [{"name": "input", "shape": [2, 100], "datatype": "FP32",
                                     "parameters": {"binary_data_size": x.nbytes}}],
                         "outputs": [{"name": "output", "parameters": {"binary_data": True}}]}).encode()
    # A connection of its own: MLServer may answer before reading such a body, which spoils a kept-alive connection.
    try:
        with httpx.Client(base_url=server[0], timeout=60) as once:
            r = once.post("/v2/models/net0/infer", content=header + x.tobytes(),
                          headers={"Inference-Header-Content-Length": str(len(header)), "Content-Type": "application/octet-stream"})
    except httpx.TransportError:
        r = None  # or drop the connection
    if "binary_tensor_data" in extensions:
        assert r is not None
        assert r.status_code == 200
        head = int(r.headers["Inference-Header-Content-Length"])
        out = json.loads(r.content[:head])["outputs"][0]
        y = np.frombuffer(r.content[head:], dtype="<f4").reshape(out["shape"])
        np.testing.assert_allclose(y, reference(networks[0], x), rtol=1e-6, atol=1e-6)
    else:
        assert r is None or r.status_code >= 400, "a binary request to a server without binary_tensor_data must fail"
        # An output asked as binary comes back as JSON data, still correct.
        y = outputs_of(infer_json(client, "net0", x, outputs=[{"name": "output", "parameters": {"binary_data": True}}]))
        np.testing.assert_allclose(y, reference(networks[0], x), rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize(
    "tensor, message",
    [
        ({"name": "input", "shape": [1, 100], "datatype": "FP64", "data": [0.0] * 100}, "inputs[0].datatype is 'FP64'"),
        ({"name": "input", "shape": [1, 99], "datatype": "FP32", "data": [0.0] * 99}, "inputs[0].shape [1, 99] does not match"),
        ({"name": "input", "shape": [2, 100], "datatype": "FP32", "data": [0.0] * 100}, "inputs[0].data"),
        ({"name": "x", "shape": [1, 100], "datatype": "FP32", "data": [0.0] * 100}, "inputs[0].name 'x' is not an input"),
    ],
)
def test_bad_requests_name_the_field(client, tensor, message):
    assert message in error_of(client.post("/v2/models/net0/infer", json={"inputs": [tensor]}), 400)


def test_unknown_model_is_404(client):
    assert "nope" in error_of(infer_json(client, "nope", X[:1]), 404)
    assert client.post("/v2/repository/models/nope/load").status_code == 404


def test_replacing_the_file_and_loading_again_serves_the_new_network(client, server):
    _, repo = server
    replacement = neat_model(seed=3)
    write_model(repo, "net1", replacement)
    assert client.post("/v2/repository/models/net1/load").status_code == 200
    y = outputs_of(infer_json(client, "net1", X[:3]))
    np.testing.assert_allclose(y, reference(replacement, X[:3]), rtol=1e-6, atol=1e-6)


def test_a_broken_file_fails_the_load_with_the_reason(client, server):
    _, repo = server
    write_model(repo, "broken", b"not an onnx model")
    message = error_of(client.post("/v2/repository/models/broken/load"), 400)
    assert "broken" in message and "not a loadable ONNX model" in message
    assert client.get("/v2/models/broken/ready").status_code == 404


def test_unload_removes_the_model(client, server):
    _, repo = server
    assert client.post("/v2/repository/models/net0/unload").status_code == 200
    assert client.get("/v2/models/net0/ready").status_code == 404
    assert "net0" in error_of(infer_json(client, "net0", X[:1]), 404)
    index = {e["name"]: e["state"] for e in client.post("/v2/repository/index", json={}).json()}
    assert index["net0"] == "UNAVAILABLE" and index["net1"] == "READY"
    ready_only = [e["name"] for e in client.post("/v2/repository/index", json={"ready": True}).json()]
    assert "net0" not in ready_only and "net1" in ready_only
    # The other model still answers.
    assert client.post("/v2/models/net1/infer", json={"inputs": [{"name": "input", "shape": [1, 100], "datatype": "FP32",
                                                                  "data": [0.0] * 100}]}).status_code == 200


def test_models_the_runtime_cannot_serve_fail_the_load(client, server):
    _, repo = server
    sys.path.insert(0, str(ROOT / "services" / "onnx-server" / "tests"))
    from conftest import int_input_model

    write_model(repo, "ints", int_input_model())
    assert "input 'input' is tensor(int64); this runtime serves float32 (FP32) tensors only" in error_of(
        client.post("/v2/repository/models/ints/load"), 400)
    write_model(repo, "threads", neat_model(seed=5))
    settings = json.loads((repo / "threads" / "model-settings.json").read_text())
    settings["parameters"]["extra"] = {"intra_op_threads": "two"}
    (repo / "threads" / "model-settings.json").write_text(json.dumps(settings))
    assert "parameters.extra.intra_op_threads must be a whole number >= 0, got 'two'" in error_of(
        client.post("/v2/repository/models/threads/load"), 400)
