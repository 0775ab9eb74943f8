"""The Open Inference Protocol (KServe v2) routes: health, metadata, JSON and binary tensors, the repository extension."""

from __future__ import annotations

import base64
import json
import re

import numpy as np
import pytest
from fastapi.testclient import TestClient

from conftest import W_A, W_B, int_input_model, linear_model
from onnx_server import Settings, create_app

HEADER = "Inference-Header-Content-Length"
TIMING = re.compile(r"^decode;dur=\d+\.\d{3}, queue;dur=\d+\.\d{3}, compute;dur=\d+\.\d{3}, encode;dur=\d+\.\d{3}$")


def error_of(r, status: int) -> str:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"}, body
    return body["error"]


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def load_body(data: bytes, version: int = 1, config: str = "{}") -> dict:
    return {"parameters": {"config": config, f"file:{version}/model.onnx": b64(data)}}


def tensor(data, shape=None, name="input", datatype="FP32") -> dict:
    arr = np.asarray(data, dtype=np.float32)
    return {"name": name, "shape": list(shape or arr.shape), "datatype": datatype, "data": arr.reshape(-1).tolist()}


def binary_request(x: np.ndarray, outputs=None, parameters=None, name="input") -> tuple[bytes, dict]:
    """A binary tensor request body and its headers, as tritonclient builds them."""
    request = {"inputs": [{"name": name, "shape": list(x.shape), "datatype": "FP32", "parameters": {"binary_data_size": x.nbytes}}]}
    if outputs is not None:
        request["outputs"] = outputs
    if parameters is not None:
        request["parameters"] = parameters
    head = json.dumps(request).encode()
    return head + x.astype("<f4").tobytes(), {HEADER: str(len(head)), "Content-Type": "application/octet-stream"}


def split_binary(r) -> tuple[dict, bytes]:
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/octet-stream"
    n = int(r.headers[HEADER])
    return json.loads(r.content[:n]), r.content[n:]


@pytest.fixture
def v2(client, model_a, model_b) -> TestClient:
    """A client whose server holds "a" ([N,3] -> [N,2]) and "b" ([N,2] -> [N,1]), loaded through v2."""
    for name, data in (("a", model_a), ("b", model_b)):
        r = client.post(f"/v2/repository/models/{name}/load", json=load_body(data))
        assert r.status_code == 200, r.text
        assert r.content == b""
    return client


X_A = np.array([[1, 2, 3], [0.5, -1, 0.25]], dtype=np.float32)


# --- health and metadata --------------------------------------------------------------------


def test_health_is_200_with_an_empty_body(client):
    for path in ("/v2/health/live", "/v2/health/ready"):
        r = client.get(path)
        assert r.status_code == 200 and r.content == b""


def test_server_metadata_lists_the_extensions(client):
    for path in ("/v2", "/v2/"):
        body = client.get(path).json()
        assert body["name"] == "onnx-server"
        assert body["version"]
        assert body["extensions"] == ["binary_tensor_data", "model_repository"]


def test_model_metadata(v2):
    want = {
        "name": "a", "versions": ["1"], "platform": "onnxruntime_onnx",
        "inputs": [{"name": "input", "datatype": "FP32", "shape": [-1, 3]}],
        "outputs": [{"name": "output", "datatype": "FP32", "shape": [-1, 2]}],
    }
    assert v2.get("/v2/models/a").json() == want
    assert v2.get("/v2/models/a/versions/1").json() == want
    assert "model 'a' has no version '2' (versions: 1)" in error_of(v2.get("/v2/models/a/versions/2"), 404)
    assert "unknown model 'zzz' (loaded: a, b)" in error_of(v2.get("/v2/models/zzz"), 404)


def test_model_ready(v2):
    assert v2.get("/v2/models/a/ready").status_code == 200
    assert v2.get("/v2/models/a/versions/1/ready").status_code == 200
    assert "unknown model 'zzz'" in error_of(v2.get("/v2/models/zzz/ready"), 404)
    assert "no version '7'" in error_of(v2.get("/v2/models/a/versions/7/ready"), 404)


def test_models_uploaded_through_v1_answer_v2(loaded):
    assert loaded.get("/v2/models/b/ready").status_code == 200
    r = loaded.post("/v2/models/b/infer", json={"inputs": [tensor([[1, 1]])]})
    assert r.json()["outputs"][0]["data"] == [-2.0]


# --- inference with JSON tensors -------------------------------------------------------------


def test_infer_json_flat(v2):
    r = v2.post("/v2/models/a/infer", json={"id": "q-1", "inputs": [tensor(X_A)]})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/json"
    body = r.json()
    assert body == {"model_name": "a", "model_version": "1", "id": "q-1", "outputs": [
        {"name": "output", "datatype": "FP32", "shape": [2, 2], "data": (X_A @ W_A).reshape(-1).tolist()}]}


def test_infer_json_nested_and_through_the_version_route(v2):
    body = {"inputs": [{"name": "input", "shape": [2, 3], "datatype": "FP32", "data": X_A.tolist()}]}
    r = v2.post("/v2/models/a/versions/1/infer", json=body)
    assert r.json()["outputs"][0]["data"] == (X_A @ W_A).reshape(-1).tolist()
    assert "id" not in r.json()


def test_infer_with_named_outputs(v2):
    r = v2.post("/v2/models/b/infer", json={"inputs": [tensor([[1, 2]])], "outputs": [{"name": "output"}]})
    assert r.json()["outputs"] == [{"name": "output", "datatype": "FP32", "shape": [1, 1], "data": [-3.0]}]


def test_empty_batch(v2):
    r = v2.post("/v2/models/a/infer", json={"inputs": [{"name": "input", "shape": [0, 3], "datatype": "FP32", "data": []}]})
    assert r.status_code == 200, r.text
    assert r.json()["outputs"][0]["shape"] == [0, 2] and r.json()["outputs"][0]["data"] == []


def test_server_timing_on_v2_and_v1_infer(v2):
    r = v2.post("/v2/models/a/infer", json={"inputs": [tensor(X_A)]})
    assert TIMING.match(r.headers["server-timing"]), r.headers["server-timing"]
    body, headers = binary_request(X_A)
    assert TIMING.match(v2.post("/v2/models/a/infer", content=body, headers=headers).headers["server-timing"])
    r = v2.post("/infer", json={"inputs": [[1, 2, 3]], "model": "a"})
    assert r.status_code == 200 and TIMING.match(r.headers["server-timing"])


def test_non_finite_output_is_500_as_json_but_travels_as_binary(client):
    client.post("/v2/repository/models/e/load", json=load_body(linear_model(np.array([[1.0]]), op="Exp")))
    msg = error_of(client.post("/v2/models/e/infer", json={"inputs": [tensor([[1], [100]])]}), 500)
    assert "non-finite output" in msg and '"output" [1][0]' in msg and "binary_data" in msg
    body, headers = binary_request(np.array([[1], [100]], dtype=np.float32), parameters={"binary_data_output": True})
    head, blob = split_binary(client.post("/v2/models/e/infer", content=body, headers=headers))
    y = np.frombuffer(blob, dtype="<f4")
    assert y[0] == pytest.approx(np.e) and np.isinf(y[1])


# --- the binary tensor data extension ----------------------------------------------------------


def test_binary_input_json_output(v2):
    body, headers = binary_request(X_A)
    r = v2.post("/v2/models/a/infer", content=body, headers=headers)
    assert r.headers["content-type"] == "application/json"
    assert HEADER.lower() not in r.headers
    assert r.json()["outputs"][0]["data"] == (X_A @ W_A).reshape(-1).tolist()


def test_json_input_binary_output(v2):
    r = v2.post("/v2/models/a/infer", json={"inputs": [tensor(X_A)], "outputs": [{"name": "output", "parameters": {"binary_data": True}}]})
    head, blob = split_binary(r)
    out = head["outputs"][0]
    assert out == {"name": "output", "datatype": "FP32", "shape": [2, 2], "parameters": {"binary_data_size": 16}}
    assert "data" not in out
    np.testing.assert_array_equal(np.frombuffer(blob, dtype="<f4").reshape(2, 2), X_A @ W_A)
    assert int(r.headers["content-length"]) == len(r.content) == int(r.headers[HEADER]) + 16


def test_binary_both_ways_with_binary_data_output(v2):
    x = np.random.default_rng(3).normal(size=(4, 3)).astype(np.float32)
    body, headers = binary_request(x, parameters={"binary_data_output": True})
    head, blob = split_binary(v2.post("/v2/models/a/infer", content=body, headers=headers))
    np.testing.assert_array_equal(np.frombuffer(blob, dtype="<f4").reshape(head["outputs"][0]["shape"]),
                                  (x @ W_A).astype(np.float32))


def test_binary_data_false_on_an_output_overrides_binary_data_output(v2):
    body, headers = binary_request(X_A, parameters={"binary_data_output": True},
                                   outputs=[{"name": "output", "parameters": {"binary_data": False}}])
    r = v2.post("/v2/models/a/infer", content=body, headers=headers)
    assert r.headers["content-type"] == "application/json"
    assert r.json()["outputs"][0]["data"] == (X_A @ W_A).reshape(-1).tolist()


def test_raw_binary_request_without_a_json_header(v2):
    x = np.array([[1, 2], [3, 4], [5, 6]], dtype="<f4")
    head, blob = split_binary(v2.post("/v2/models/b/infer", content=x.tobytes(), headers={HEADER: "0"}))
    assert head["outputs"][0]["shape"] == [3, 1]
    assert np.frombuffer(blob, dtype="<f4").tolist() == [-3.0, -7.0, -11.0]


# --- malformed bodies ----------------------------------------------------------------------


def _t(**kw) -> dict:
    base = {"name": "input", "shape": [1, 3], "datatype": "FP32", "data": [1, 2, 3]}
    base.update(kw)
    return {k: v for k, v in base.items() if v is not ...}


@pytest.mark.parametrize(
    "body, message",
    [
        ([], 'the inference request must be a JSON object {"inputs": [...]}, got an array'),
        ({}, "missing \"inputs\": give model 'a' its input \"input\""),
        ({"inputs": {}}, '"inputs" must be an array of tensors, got an object'),
        ({"inputs": []}, "model 'a' needs input \"input\"; \"inputs\" has none"),
        ({"inputs": [5]}, "inputs[0] must be an object with name, shape, datatype and data, got int"),
        ({"inputs": [_t(name=...)]}, "inputs[0].name must be a string, got null"),
        ({"inputs": [_t(name="x")]}, "inputs[0].name \"x\" is not an input of model 'a'; its input is \"input\""),
        ({"inputs": [_t(name="x" * 5000)]}, "inputs[0].name \"" + "x" * 80 + "...\" is not an input"),
        ({"inputs": [_t(), _t()]}, 'inputs[1]: input "input" is given twice'),
        ({"inputs": [_t(datatype="FP64")]}, "inputs[0].datatype is \"FP64\": model 'a' input \"input\" takes FP32"),
        ({"inputs": [_t(datatype=...)]}, "inputs[0].datatype must be a string"),
        ({"inputs": [_t(shape=[3])]}, "inputs[0].shape [3] does not match model 'a' input \"input\" of shape [-1, 3]"),
        ({"inputs": [_t(shape=[1, 4])]}, "inputs[0].shape [1, 4] does not match"),
        ({"inputs": [_t(shape=[1, -3])]}, "inputs[0].shape must be an array of non-negative whole numbers, got [1, -3]"),
        ({"inputs": [_t(shape=[1, 3.0])]}, "inputs[0].shape must be an array of non-negative whole numbers"),
        ({"inputs": [_t(shape=[True, 3])]}, "inputs[0].shape must be an array of non-negative whole numbers"),
        ({"inputs": [_t(shape="1,3")]}, "inputs[0].shape must be an array"),
        ({"inputs": [_t(data=...)]}, 'inputs[0] has no "data" (and no parameters.binary_data_size)'),
        ({"inputs": [_t(data="1 2 3")]}, "inputs[0].data must be an array of numbers, got a string"),
        ({"inputs": [_t(data=[1, 2])]}, "inputs[0].data has 2 values, shape [1, 3] needs 3"),
        ({"inputs": [_t(shape=[2, 3], data=[1, 2, 3, 4, 5, 6, 7])]}, "inputs[0].data has 7 values, shape [2, 3] needs 6"),
        ({"inputs": [_t(shape=[2, 3], data=[[1, 2, 3]])]}, "inputs[0].data has 1 rows, shape [2, 3] needs 2"),
        ({"inputs": [_t(shape=[2, 3], data=[[1, 2, 3], [4, 5]])]}, "inputs[0].data[1] has 2 values, shape [2, 3] needs 3"),
        ({"inputs": [_t(shape=[2, 3], data=[[1, 2, 3], 4])]}, "inputs[0].data[1] must be an array of 3 numbers, got int"),
        ({"inputs": [_t(data=[1, "2", 3])]}, "inputs[0].data[1] must be a number, got a string"),
        ({"inputs": [_t(data=[1, 2, True])]}, "inputs[0].data[2] must be a number, got a boolean"),
        ({"inputs": [_t(data=[1, None, 3])]}, "inputs[0].data[1] must be a number, got null"),
        ({"inputs": [_t(shape=[2, 3], data=[[1, 2, 3], [4, [5], 6]])]}, "inputs[0].data[1][1] must be a number, got an array"),
        ({"inputs": [_t(data=[1, 1e39, 3])]}, "inputs[0].data[1] = 1e+39 is not a finite float32: inputs must be finite"),
        ({"inputs": [_t(shape=[2, 3], data=[[1, 2, 3], [4, -1e39, 6]])]}, "inputs[0].data[1][1] = -1e+39 is not a finite float32"),
        ({"inputs": [_t(data=[1, 2, 10**400])]}, "inputs[0].data[2] = 1000000000"),
        ({"inputs": [_t(parameters=[])]}, "inputs[0].parameters must be an object, got an array"),
        ({"inputs": [_t(parameters={"binary_data_size": -1})]}, "inputs[0].parameters.binary_data_size must be a non-negative whole number of bytes, got -1"),
        ({"inputs": [_t(parameters={"binary_data_size": True})]}, "binary_data_size must be a non-negative whole number of bytes, got True"),
        ({"inputs": [_t(parameters={"binary_data_size": 12})]}, 'inputs[0] has both "data" and parameters.binary_data_size'),
        ({"inputs": [_t(data=..., parameters={"binary_data_size": 12})]}, "binary_data_size is given but the request has no Inference-Header-Content-Length header"),
        ({"inputs": [_t()], "id": 5}, '"id" must be a string, got int'),
        ({"inputs": [_t()], "parameters": []}, '"parameters" must be an object, got an array'),
        ({"inputs": [_t()], "parameters": {"binary_data_output": "yes"}}, "parameters.binary_data_output must be true or false, got a string"),
        ({"inputs": [_t()], "outputs": {}}, '"outputs" must be an array of requested outputs, got an object'),
        ({"inputs": [_t()], "outputs": ["output"]}, 'outputs[0] must be an object {"name": ...}, got a string'),
        ({"inputs": [_t()], "outputs": [{"name": "y"}]}, "outputs[0].name \"y\" is not an output of model 'a'; its output is \"output\""),
        ({"inputs": [_t()], "outputs": [{"name": "output"}, {"name": "output"}]}, 'outputs[1]: output "output" is requested twice'),
        ({"inputs": [_t()], "outputs": [{"name": "output", "parameters": {"binary_data": 1}}]}, "outputs[0].parameters.binary_data must be true or false, got int"),
        ({"inputs": [_t()], "outputs": [{"name": "output", "parameters": {"classification": 2}}]}, "classification extension is not supported"),
    ],
)
def test_malformed_json_requests_are_400(v2, body, message):
    assert message in error_of(v2.post("/v2/models/a/infer", content=json.dumps(body).encode()), 400)


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"", "malformed JSON: the body is empty"),
        (b'{"inputs": [', "malformed JSON"),
        (b'{"inputs": [{"name": "input", "shape": [1, 3], "datatype": "FP32", "data": [1, NaN, 3]}]}', "non-finite number NaN in the inference request"),
    ],
)
def test_unparsable_requests_are_400(v2, raw, message):
    assert message in error_of(v2.post("/v2/models/a/infer", content=raw), 400)


def _binary_case(mutate):
    x = X_A
    request = {"inputs": [{"name": "input", "shape": [2, 3], "datatype": "FP32", "parameters": {"binary_data_size": 24}}]}
    head = json.dumps(request).encode()
    body, header = mutate(head, x.tobytes())
    return body, {HEADER: header}


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda h, b: (h + b, "twelve"), "Inference-Header-Content-Length 'twelve' is not a whole number of bytes"),
        (lambda h, b: (h + b, "-5"), "Inference-Header-Content-Length '-5' is not a whole number of bytes"),
        (lambda h, b: (h + b, str(len(h) + len(b) + 1)), f"past the end of the {len(json.dumps({'inputs': [{'name': 'input', 'shape': [2, 3], 'datatype': 'FP32', 'parameters': {'binary_data_size': 24}}]}).encode()) + 24}-byte body"),
        (lambda h, b: (h + b[:20], str(len(h))), "inputs[0] needs 24 bytes of binary data at offset 0, but only 20 bytes follow"),
        (lambda h, b: (h + b + b"xyzw", str(len(h))), "4 bytes after the JSON header are not claimed by any input's parameters.binary_data_size"),
        (lambda h, b: (h.replace(b"24", b"16") + b[:16], str(len(h))), "inputs[0].parameters.binary_data_size is 16 but shape [2, 3] of FP32 takes 24 bytes"),
        (lambda h, b: (h + b, str(len(h) - 3)), "malformed JSON"),
        (lambda h, b: (h + np.array([1, np.nan, 0, 0, 0, 0], dtype="<f4").tobytes(), str(len(h))), "inputs[0] binary data element [0][1] is nan: inputs must be finite"),
        (lambda h, b: (b[:20], "0"), "a raw binary request (Inference-Header-Content-Length: 0) must hold whole rows of 3 FP32 values (12 bytes), got 20 bytes"),
    ],
)
def test_malformed_binary_requests_are_400(v2, mutate, message):
    body, headers = _binary_case(mutate)
    headers["Content-Type"] = "application/octet-stream"
    assert message in error_of(v2.post("/v2/models/a/infer", content=body, headers=headers), 400)


def test_element_limit(model_a):
    with TestClient(create_app(Settings(max_tensor_elements=5))) as c:
        c.post("/v2/repository/models/a/load", json=load_body(model_a))
        msg = error_of(c.post("/v2/models/a/infer", json={"inputs": [tensor(X_A)]}), 400)
        assert msg == "inputs[0].shape [2, 3] has 6 elements, over the limit of 5 (start the server with a larger --max-tensor-elements)"
        huge = {"inputs": [{"name": "input", "shape": [10**15, 3], "datatype": "FP32", "parameters": {"binary_data_size": 0}}]}
        assert "over the limit of 5" in error_of(c.post("/v2/models/a/infer", json=huge), 400)
        assert "over the limit of 5" in error_of(c.post("/v2/models/a/infer", content=X_A.tobytes(), headers={HEADER: "0"}), 400)
        assert c.post("/v2/models/a/infer", json={"inputs": [tensor(X_A[:1])]}).status_code == 200


def test_body_limit_applies_to_v2(model_a):
    with TestClient(create_app(Settings(max_body_bytes=200))) as c:
        c.put("/v1/models/a", content=model_a, headers={"Content-Type": "application/octet-stream"})
        body = {"inputs": [tensor(np.zeros((20, 3)))]}
        assert "over the limit of 200 bytes" in error_of(c.post("/v2/models/a/infer", json=body), 413)
        assert "over the limit of 200 bytes" in error_of(c.post("/v2/repository/models/x/load", json=load_body(model_a)), 413)


def test_content_type_and_encoding(v2):
    body = json.dumps({"inputs": [tensor(X_A)]}).encode()
    assert v2.post("/v2/models/a/infer", content=body).status_code == 200  # tritonclient sends no Content-Type
    assert v2.post("/v2/models/a/infer", content=body, headers={"Content-Type": "application/json"}).status_code == 200
    assert 'got "text/plain"' in error_of(v2.post("/v2/models/a/infer", content=body, headers={"Content-Type": "text/plain"}), 415)
    assert "Content-Encoding 'gzip' is not supported" in error_of(
        v2.post("/v2/models/a/infer", content=body, headers={"Content-Encoding": "gzip"}), 415)


def test_unknown_model_and_wrong_method(v2):
    assert "unknown model 'zzz'" in error_of(v2.post("/v2/models/zzz/infer", json={"inputs": []}), 404)
    assert "no version '9'" in error_of(v2.post("/v2/models/a/versions/9/infer", json={"inputs": [tensor(X_A)]}), 404)
    r = v2.get("/v2/models/a/infer")
    assert "method GET is not allowed" in error_of(r, 405) and r.headers["allow"] == "POST"


# --- the model repository extension --------------------------------------------------------------


def test_load_with_the_file_inline_then_infer_both_apis(client, model_a):
    r = client.post("/v2/repository/models/g7/load", json=load_body(model_a, version=3, config='{"name": "g7", "backend": "onnxruntime"}'))
    assert r.status_code == 200, r.text
    assert client.get("/v2/models/g7").json()["versions"] == ["3"]
    assert client.post("/v2/models/g7/versions/3/infer", json={"inputs": [tensor(X_A)]}).status_code == 200
    assert client.post("/infer", json={"inputs": X_A.tolist(), "model": "g7"}).json() == (X_A @ W_A).tolist()
    assert client.get("/v1/models").json()["default"] == "g7"


def test_load_again_replaces_the_model(v2):
    swapped = linear_model(np.array([[3.0, 0.0], [0.0, 3.0], [0.0, 0.0]]))
    assert v2.post("/v2/repository/models/a/load", json=load_body(swapped, version=2)).status_code == 200
    r = v2.post("/v2/models/a/infer", json={"inputs": [tensor([[1, 2, 3]])]})
    assert r.json()["outputs"][0]["data"] == [3.0, 6.0] and r.json()["model_version"] == "2"


def test_index_and_unload(v2):
    assert v2.post("/v2/repository/index").json() == [
        {"name": "a", "version": "1", "state": "READY", "reason": ""},
        {"name": "b", "version": "1", "state": "READY", "reason": ""},
    ]
    assert v2.post("/v2/repository/models/a/unload", json={"parameters": {"unload_dependents": False}}).status_code == 200
    assert "unknown model 'a'" in error_of(v2.get("/v2/models/a/ready"), 404)
    assert "unknown model 'a'" in error_of(v2.post("/v2/models/a/infer", json={"inputs": [tensor(X_A)]}), 404)
    assert [e["name"] for e in v2.post("/v2/repository/index", json={"ready": True}).json()] == ["b"]
    assert "unknown model 'a'" in error_of(v2.post("/v2/repository/models/a/unload"), 404)
    assert v2.post("/v2/repository/models/b/unload", content=b"").status_code == 200
    assert v2.post("/v2/repository/index", json={}).json() == []


def test_load_from_the_model_repository_folder(tmp_path, model_a, model_b):
    (tmp_path / "flat").mkdir()
    (tmp_path / "flat" / "model.onnx").write_bytes(model_a)
    (tmp_path / "flat" / "model-settings.json").write_text("{}")
    for version, data in ((1, model_a), (2, model_b)):
        (tmp_path / "triton" / str(version)).mkdir(parents=True)
        (tmp_path / "triton" / str(version) / "model.onnx").write_bytes(data)
    (tmp_path / "empty").mkdir()
    with TestClient(create_app(Settings(model_repository=str(tmp_path)))) as c:
        assert c.post("/v2/repository/index").json() == [
            {"name": "flat", "state": "UNAVAILABLE", "reason": "not loaded"},
            {"name": "triton", "state": "UNAVAILABLE", "reason": "not loaded"},
        ]
        assert c.post("/v2/repository/models/flat/load").status_code == 200
        assert c.post("/v2/repository/models/triton/load", json={}).status_code == 200
        assert c.get("/v2/models/triton").json()["versions"] == ["2"]  # the highest version
        assert c.get("/v2/models/triton").json()["inputs"][0]["shape"] == [-1, 2]
        assert c.post("/v2/models/flat/infer", json={"inputs": [tensor([[1, 1, 1]])]}).json()["outputs"][0]["data"] == [3.0, 3.0]
        index = c.post("/v2/repository/index").json()
        assert [(e["name"], e["state"]) for e in index] == [("flat", "READY"), ("triton", "READY")]
        msg = error_of(c.post("/v2/repository/models/empty/load"), 404)
        assert "model 'empty' is not in the model repository" in msg and "empty/model.onnx" in msg
        (tmp_path / "flat" / "model.onnx").write_bytes(b"garbage")
        assert "model 'flat' is not a loadable ONNX model" in error_of(c.post("/v2/repository/models/flat/load"), 400)
        assert c.post("/v2/models/flat/infer", json={"inputs": [tensor([[1, 1, 1]])]}).status_code == 200  # the old one still serves


def test_missing_model_repository_folder_stops_the_start(tmp_path):
    with pytest.raises(SystemExit, match="--model-repository .* is not a folder"):
        create_app(Settings(model_repository=str(tmp_path / "nope")))


@pytest.mark.parametrize(
    "body, status, message",
    [
        (None, 400, "carries no model file and the server has no model repository"),
        ({"parameters": {"config": "{}"}}, 400, "carries no model file and the server has no model repository"),
        ([], 400, 'the load request must be a JSON object {"parameters": {...}}, got an array'),
        ({"parameters": []}, 400, '"parameters" of the load request must be an object, got an array'),
        ({"parameters": {"file:1/model.onnx": "AAAA"}}, 400, 'needs a "config" parameter too'),
        ({"parameters": {"config": "{}", "file:1/model.onnx": "@@@"}}, 400, 'load parameter "file:1/model.onnx" is not valid base64'),
        ({"parameters": {"config": "{}", "file:1/model.onnx": 5}}, 400, 'must be the file as a base64 string, got int'),
        ({"parameters": {"config": "{}", "file:1/model.onnx": ""}}, 400, 'load parameter "file:1/model.onnx" is empty'),
        ({"parameters": {"config": "{}", "file:1/model.onnx": b64(b"junk")}}, 400, "model 'm' is not a loadable ONNX model"),
        ({"parameters": {"config": "{}", "file:1/model.onnx": b64(int_input_model())}}, 400, "expected tensor(float)"),
        ({"parameters": {"config": "{}", "file:1/model.savedmodel": "AAAA"}}, 400, 'named "file:<version>/model.onnx"'),
        ({"parameters": {"config": "{}", "file:1/model.onnx": "AAAA", "file:2/model.onnx": "AAAA"}}, 400, "files for versions 1, 2"),
        ({"parameters": {"confg": "{}"}}, 400, 'unknown load parameter "confg"'),
        ({"parameters": {"config": 7}}, 400, 'load parameter "config" must be the model configuration as a JSON string, got int'),
        ({"parameters": {"config": "{nope"}}, 400, 'load parameter "config" is not valid JSON'),
        ({"parameters": {"config": "[]"}}, 400, 'load parameter "config" must hold a JSON object, got an array'),
        ({"parameters": {"config": '{"name": "other"}'}}, 400, "load parameter \"config\" names model 'other', but the request loads 'm'"),
        ({"parameters": {"config": '{"backend": "tensorflow"}'}}, 400, "asks for backend 'tensorflow'; this server runs ONNX models"),
        ({"parameters": {"config": '{"platform": "tensorrt_plan"}'}}, 400, "asks for platform 'tensorrt_plan'"),
    ],
)
def test_bad_load_requests(client, body, status, message):
    r = client.post("/v2/repository/models/m/load", content=b"" if body is None else json.dumps(body).encode())
    assert message in error_of(r, status)
    assert client.post("/v2/repository/index").json() == []


def test_bad_model_names_and_index_and_unload_bodies(v2, model_a):
    assert "model id 'bad name!' is not valid" in error_of(v2.post("/v2/repository/models/bad%20name!/load", json=load_body(model_a)), 400)
    assert '"ready" must be true or false, got a string' in error_of(v2.post("/v2/repository/index", json={"ready": "yes"}), 400)
    assert "the index request must be a JSON object" in error_of(v2.post("/v2/repository/index", json=[1]), 400)
    assert 'unknown unload parameter "force"' in error_of(v2.post("/v2/repository/models/a/unload", json={"parameters": {"force": True}}), 400)
    assert "unload_dependents must be true or false" in error_of(
        v2.post("/v2/repository/models/a/unload", json={"parameters": {"unload_dependents": "no"}}), 400)
    assert v2.get("/v2/models/a/ready").status_code == 200


def test_v2_routes_in_the_metrics(v2):
    v2.post("/v2/models/a/infer", json={"inputs": [tensor(X_A)]})
    v2.post("/v2/models/a/infer", json={"inputs": []})
    text = v2.get("/metrics").text
    assert 'http_requests_total{method="POST",route="/v2/models/{name}/infer",status="200"} 1.0' in text
    assert 'http_requests_total{method="POST",route="/v2/models/{name}/infer",status="400"} 1.0' in text
    assert 'http_requests_total{method="POST",route="/v2/repository/models/{name}/load",status="200"} 2.0' in text
    assert "infer_rows_total 2.0" in text
    assert "models_loaded 2.0" in text
