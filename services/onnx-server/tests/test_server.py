"""Endpoint tests for the ONNX Runtime service: every route and every bad-input class."""

from __future__ import annotations

import base64
import logging

import numpy as np
import pytest
from fastapi.testclient import TestClient

from conftest import W_A, W_B, int_input_model, linear_model, two_input_model
from onnx_server import Settings, create_app

OCTET = {"Content-Type": "application/octet-stream"}
JSON = {"Content-Type": "application/json"}


def error_of(r, status: int) -> str:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"}, body
    return body["error"]


def infer(client, body, **kw):
    return client.post("/infer", json=body, **kw)


# --- health, listing, metrics -------------------------------------------------------------


def test_healthz_names_the_server(client):
    r = client.get("/healthz")
    assert r.status_code == 200
    body = r.json()
    assert body["server"] == "onnxruntime"
    assert body["status"] == "ok"
    assert body["models"] == 0 and body["default"] is None


def test_list_models_in_upload_order_with_default(loaded):
    body = loaded.get("/v1/models").json()
    assert [m["id"] for m in body["models"]] == ["a", "b"]
    assert body["default"] == "b"
    assert body["models"][0] == {"id": "a", "inputs": 3, "outputs": 2, "bytes": body["models"][0]["bytes"], "default": False}
    assert body["models"][1]["default"] is True


def test_metrics_count_requests_rows_and_models(loaded):
    infer(loaded, {"inputs": [[1, 2, 3], [4, 5, 6]], "model": "a"})
    infer(loaded, {"inputs": [[1, 2]]})
    infer(loaded, {"inputs": "x"})
    text = loaded.get("/metrics").text
    assert 'http_requests_total{method="POST",route="/infer",status="200"} 2.0' in text
    assert 'http_requests_total{method="POST",route="/infer",status="400"} 1.0' in text
    assert 'http_requests_total{method="PUT",route="/v1/models/{model_id}",status="201"} 2.0' in text
    assert "models_loaded 2.0" in text
    assert "infer_rows_per_request_count 2.0" in text
    assert "infer_rows_per_request_sum 3.0" in text
    assert "infer_rows_total 3.0" in text
    assert 'http_request_duration_seconds_bucket{le="+Inf",route="/infer"} 3.0' in text


def test_unknown_routes_are_one_metrics_label(client):
    client.get("/nope/1")
    client.get("/nope/2")
    assert 'http_requests_total{method="GET",route="unmatched",status="404"} 2.0' in client.get("/metrics").text


def test_request_log_line(loaded, caplog):
    with caplog.at_level(logging.INFO, logger="onnx_server.access"):
        infer(loaded, {"inputs": [[1, 2]]})
        loaded.get("/missing")
    lines = [r.getMessage() for r in caplog.records if r.name == "onnx_server.access"]
    assert len(lines) == 2
    assert lines[0].startswith("POST /infer - 200 - ") and lines[0].endswith("ms")
    assert lines[1].startswith("GET /missing - 404 - ")


# --- inference ------------------------------------------------------------------------------


def test_infer_uses_the_default_model(loaded):
    r = infer(loaded, {"inputs": [[1.5, 2.0], [0, -3]]})
    assert r.status_code == 200
    assert r.json() == [[-3.5], [3.0]]


def test_infer_with_a_named_model(loaded):
    x = np.array([[1, 2, 3], [0.5, -1, 0.25]], dtype=np.float32)
    r = infer(loaded, {"inputs": x.tolist(), "model": "a"})
    assert r.status_code == 200
    np.testing.assert_allclose(np.array(r.json()), x @ W_A, rtol=1e-6)


def test_infer_with_one_model_per_row_keeps_row_order(loaded):
    rows = [[1, 2, 3], [1, 1], [0, 0, 1], [2, 5], [3, 2, 1]]
    ids = ["a", "b", "a", "b", "a"]
    r = infer(loaded, {"inputs": rows, "models": ids})
    assert r.status_code == 200
    want = [(np.array(x, dtype=np.float32) @ (W_A if m == "a" else W_B)).tolist() for x, m in zip(rows, ids)]
    assert r.json() == want


def test_infer_batches_each_model_once(loaded, monkeypatch):
    registry = loaded.app.state.registry
    calls = []
    for mid in ("a", "b"):
        model = registry.get(mid)
        original = model.run
        monkeypatch.setattr(model, "run", lambda x, original=original, mid=mid: calls.append((mid, x.shape)) or original(x))
    infer(loaded, {"inputs": [[1, 2, 3], [1, 1], [0, 0, 1], [2, 5]], "models": ["a", "b", "a", "b"]})
    assert sorted(calls) == [("a", (2, 3)), ("b", (2, 2))]


def test_empty_batch_gives_empty_result(loaded):
    assert infer(loaded, {"inputs": []}).json() == []
    assert infer(loaded, {"inputs": [], "models": []}).json() == []


def test_startup_model_is_the_default_and_survives_a_population(tmp_path, model_a, model_b):
    path = tmp_path / "champion.onnx"
    path.write_bytes(model_b)
    with TestClient(create_app(Settings(model_path=str(path)))) as c:
        assert c.get("/healthz").json()["default"] == "champion"
        assert infer(c, {"inputs": [[1, 1]]}).json() == [[-2.0]]
        r = c.put("/v1/population", json={"models": {"g1": base64.b64encode(model_a).decode()}})
        assert r.status_code == 200
        assert [m["id"] for m in c.get("/v1/models").json()["models"]] == ["champion", "g1"]
        assert infer(c, {"inputs": [[1, 1]], "model": "champion"}).json() == [[-2.0]]


def test_startup_model_errors_name_the_file(tmp_path):
    with pytest.raises(SystemExit, match="cannot read --model"):
        create_app(Settings(model_path=str(tmp_path / "missing.onnx")))
    bad = tmp_path / "bad.onnx"
    bad.write_bytes(b"not a model")
    with pytest.raises(SystemExit, match="bad.onnx.*not a loadable ONNX model"):
        create_app(Settings(model_path=str(bad)))


def test_settings_from_env():
    s = Settings.from_env({"ONNX_SERVER_MODEL": "m.onnx", "ONNX_SERVER_MAX_BODY_BYTES": "1000"})
    assert s.model_path == "m.onnx" and s.max_body_bytes == 1000
    with pytest.raises(ValueError, match="ONNX_SERVER_MAX_BODY_BYTES"):
        Settings.from_env({"ONNX_SERVER_MAX_BODY_BYTES": "lots"})


# --- model management -----------------------------------------------------------------------


def test_put_model_creates_then_replaces_and_becomes_default(loaded, model_a):
    r = loaded.put("/v1/models/a", content=model_a, headers=OCTET)
    assert r.status_code == 200
    assert r.json()["default"] is True
    assert loaded.get("/v1/models").json()["default"] == "a"


def test_delete_model_falls_back_to_the_previous_upload(loaded):
    r = loaded.delete("/v1/models/b")
    assert r.status_code == 200
    assert r.json() == {"deleted": "b", "default": "a"}
    assert "unknown model 'b'" in error_of(infer(loaded, {"inputs": [[1, 1]], "model": "b"}), 404)
    assert infer(loaded, {"inputs": [[1, 1, 1]]}).status_code == 200


def test_delete_unknown_model_is_404(loaded):
    assert "unknown model 'zzz'" in error_of(loaded.delete("/v1/models/zzz"), 404)


def test_population_replaces_previous_models(loaded, model_a, model_b):
    enc = lambda b: base64.b64encode(b).decode()  # noqa: E731
    r = loaded.put("/v1/population", json={"models": {"g1": enc(model_b), "g2": enc(model_a)}})
    assert r.status_code == 200
    assert r.json() == {"loaded": 2, "models": ["g1", "g2"], "default": "g2"}
    assert [m["id"] for m in loaded.get("/v1/models").json()["models"]] == ["g1", "g2"]
    assert infer(loaded, {"inputs": [[1, 1], [1, 2, 3]], "models": ["g1", "g2"]}).json() == [[-2.0], [5.0, 7.0]]


def test_population_with_a_bad_model_changes_nothing(loaded, model_a):
    body = {"models": {"g1": base64.b64encode(model_a).decode(), "g2": base64.b64encode(b"junk").decode()}}
    assert "'g2' is not a loadable ONNX model" in error_of(loaded.put("/v1/population", json=body), 400)
    assert [m["id"] for m in loaded.get("/v1/models").json()["models"]] == ["a", "b"]


@pytest.mark.parametrize(
    "body, message",
    [
        ({"models": {"g1": "@@@"}}, "models['g1'] is not valid base64"),
        ({"models": {"g1": 5}}, "models['g1'] must be a base64 string, got int"),
        ({"models": ["x"]}, 'must be a JSON object {"models"'),
        ([], 'must be a JSON object {"models"'),
        ({"models": {"bad id": "AAAA"}}, "model id 'bad id' is not valid"),
    ],
)
def test_population_bad_bodies(loaded, body, message):
    assert message in error_of(loaded.put("/v1/population", json=body), 400)


def test_put_model_bad_bodies(client, model_a):
    assert "not a loadable ONNX model" in error_of(client.put("/v1/models/x", content=b"\x08\x07junk", headers=OCTET), 400)
    assert "the body is empty" in error_of(client.put("/v1/models/x", content=b"", headers=OCTET), 400)
    assert "has 2 inputs, expected 1" in error_of(client.put("/v1/models/x", content=two_input_model(), headers=OCTET), 400)
    assert "expected tensor(float)" in error_of(client.put("/v1/models/x", content=int_input_model(), headers=OCTET), 400)
    assert "model id 'bad id!' is not valid" in error_of(client.put("/v1/models/bad%20id!", content=model_a, headers=OCTET), 400)
    assert client.get("/v1/models").json()["models"] == []


# --- bad input to /infer --------------------------------------------------------------------


def test_no_model_at_all_is_404(client):
    assert "no default model" in error_of(infer(client, {"inputs": [[1]]}), 404)


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"", "malformed JSON: the body is empty"),
        (b'{"inputs": [[1, 2]', "malformed JSON"),
        (b"\xff\xfe\x00", "malformed JSON"),
        (b'{"inputs": [[1, NaN]]}', "non-finite number NaN"),
        (b'{"inputs": [[Infinity, 1]]}', "non-finite number Infinity"),
        (b'{"inputs": [[-Infinity, 1]]}', "non-finite number -Infinity"),
        (b'{"inputs": [[1e400, 1]]}', "inputs[0][0] = inf is not a finite float32"),
        (b'{"inputs": [[1, 1e39]]}', "inputs[0][1] = 1e+39 is not a finite float32"),
        (b"[[1, 2]]", 'must be a JSON object like {"inputs"'),
        (b'{"input": [[1, 2]]}', 'missing "inputs"'),
        (b'{"inputs": {"a": 1}}', '"inputs" must be an array of rows, got an object'),
        (b'{"inputs": [1, 2]}', "inputs[0] must be an array of 2 numbers, got int"),
        (b'{"inputs": [[1, 2], [1, 2, 3]]}', "inputs[1] has 3 values, model 'b' expects 2"),
        (b'{"inputs": [[1]]}', "inputs[0] has 1 values, model 'b' expects 2"),
        (b'{"inputs": [[1, "2"]]}', "inputs[0][1] must be a number, got a string"),
        (b'{"inputs": [[1, true]]}', "inputs[0][1] must be a number, got a boolean"),
        (b'{"inputs": [[1, null]]}', "inputs[0][1] must be a number, got null"),
        (b'{"inputs": [[1, 2]], "model": 7}', '"model" must be a string, got int'),
        (b'{"inputs": [[1, 2]], "models": "b"}', '"models" must be an array of model ids'),
        (b'{"inputs": [[1, 2]], "models": ["b", "b"]}', '"models" has 2 ids, "inputs" has 1 rows'),
        (b'{"inputs": [[1, 2]], "models": [3]}', "models[0] must be a string, got int"),
        (b'{"inputs": [[1, 2]], "model": "b", "models": ["b"]}', "not both"),
        (b'{"inputs": [[1, 2], [1, 2, 3]], "models": ["b", "b"]}', "inputs[1] has 3 values, model 'b' expects 2"),
        (b'{"inputs": [[1, 2], [1, 2]], "models": ["b", "a"]}', "inputs[1] has 2 values, model 'a' expects 3"),
    ],
)
def test_bad_infer_bodies_are_400(loaded, raw, message):
    assert message in error_of(loaded.post("/infer", content=raw, headers=JSON), 400)


def test_unknown_model_is_404(loaded):
    assert "unknown model 'zzz' (loaded: a, b)" in error_of(infer(loaded, {"inputs": [[1, 2]], "model": "zzz"}), 404)
    assert "unknown model 'zzz'" in error_of(infer(loaded, {"inputs": [[1, 2], [1, 2]], "models": ["b", "zzz"]}), 404)


def test_non_finite_output_is_500(client):
    client.put("/v1/models/e", content=linear_model(np.array([[1.0]]), op="Exp"), headers=OCTET)
    assert "non-finite output for inputs[1]" in error_of(infer(client, {"inputs": [[1], [100]]}), 500)


# --- protocol errors: content type, size, route, method -------------------------------------


@pytest.mark.parametrize(
    "method, path, headers, expected",
    [
        ("POST", "/infer", {"Content-Type": "text/plain"}, 'Content-Type: application/json, got "text/plain"'),
        ("POST", "/infer", {}, "Content-Type: application/json, got none"),
        ("PUT", "/v1/models/x", JSON, 'Content-Type: application/octet-stream, got "application/json"'),
        ("PUT", "/v1/population", OCTET, 'Content-Type: application/json, got "application/octet-stream"'),
    ],
)
def test_wrong_content_type_is_415(loaded, method, path, headers, expected):
    r = loaded.request(method, path, content=b'{"inputs": [[1, 2]]}', headers=headers)
    assert expected in error_of(r, 415)


def test_json_content_type_with_charset_is_accepted(loaded):
    r = loaded.post("/infer", content=b'{"inputs": [[1, 2]]}', headers={"Content-Type": "application/json; charset=utf-8"})
    assert r.status_code == 200


def test_body_over_the_limit_is_413(model_a):
    with TestClient(create_app(Settings(max_body_bytes=100))) as c:
        big = {"inputs": [[0.5] * 100]}
        assert "over the limit of 100 bytes" in error_of(c.post("/infer", json=big), 413)
        assert "over the limit of 100 bytes" in error_of(c.put("/v1/models/a", content=model_a, headers=OCTET), 413)

        def chunks():  # no Content-Length: the limit is enforced while reading
            for _ in range(10):
                yield b" " * 20

        assert "over the limit of 100 bytes" in error_of(c.post("/infer", content=chunks(), headers=JSON), 413)
        assert c.get("/healthz").status_code == 200


def test_unknown_route_is_404(client):
    msg = error_of(client.get("/v2/nothing"), 404)
    assert "no route GET /v2/nothing" in msg and "POST /infer" in msg
    assert "no route POST /infer/" in error_of(client.post("/infer/", json={"inputs": [[1]]}), 404)


@pytest.mark.parametrize(
    "method, path, allowed",
    [("GET", "/infer", "POST"), ("POST", "/healthz", "GET"), ("POST", "/v1/models/x", "DELETE, PUT"), ("DELETE", "/v1/population", "PUT")],
)
def test_wrong_method_is_405(client, method, path, allowed):
    r = client.request(method, path)
    msg = error_of(r, 405)
    assert f"method {method} is not allowed on {path}" in msg
    assert sorted(r.headers["allow"].split(", ")) == sorted(allowed.split(", "))
