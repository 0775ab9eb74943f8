#!/usr/bin/env python3
"""Checks ONNX models exported by the Swift engine against the engine's own outputs.

Usage: test-onnx-parity.py DIR [--no-service]

DIR holds NAME.onnx + NAME.json pairs written by the Swift test suite
ONNXExportTests (run it with ONNX_PARITY_DIR=DIR). For each pair this script
runs onnx.checker.check_model (full check, with shape inference), loads the
model in onnxruntime, runs all input rows as one batch and then row by row,
and asserts every output matches CompiledNetwork's within 1e-5 (absolute, plus
1e-5 relative for large values). Then, unless --no-service, it uploads all the
models to the Python service (services/onnx-server, in-process through
FastAPI's TestClient) with PUT /v1/population and checks POST /infer gives the
same outputs, per model and with every model mixed in one request.
Exits non-zero on any mismatch.
"""
import json
import pathlib
import sys

import numpy as np
import onnx
import onnxruntime as ort

ATOL = 1e-5
RTOL = 1e-5


def check_case(onnx_path: pathlib.Path) -> list[str]:
    problems = []
    name = onnx_path.stem
    fixture = json.loads(onnx_path.with_suffix(".json").read_text())
    try:
        model = onnx.load(str(onnx_path))
        onnx.checker.check_model(model, full_check=True)
    except Exception as e:  # the checker raises several exception types
        return [f"{name}: onnx.load or onnx.checker rejected the model: {e}"]

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    session = ort.InferenceSession(onnx_path.read_bytes(), opts, providers=["CPUExecutionProvider"])
    (inp,), (out,) = session.get_inputs(), session.get_outputs()
    if inp.name != "input" or out.name != "output":
        problems.append(f"{name}: interface is {inp.name} -> {out.name}, expected input -> output")
    if inp.shape[1] != fixture["num_inputs"] or out.shape[1] != fixture["num_outputs"]:
        problems.append(f"{name}: shapes {inp.shape} -> {out.shape}, expected [N, {fixture['num_inputs']}] -> [N, {fixture['num_outputs']}]")

    x = np.asarray(fixture["inputs"], dtype=np.float32)
    want = np.asarray(fixture["outputs"], dtype=np.float64)
    batch = session.run(["output"], {"input": x})[0]
    rows = np.concatenate([session.run(["output"], {"input": x[i : i + 1]})[0] for i in range(len(x))])
    for label, got in (("batch", batch), ("row by row", rows)):
        problems += compare(f"{name} ({label})", got, want)
    if not problems:
        print(f"ok   {name}: {x.shape[0]} rows, {x.shape[1]} -> {want.shape[1]}, max |diff| {np.abs(batch - want).max():.2g}")
    return problems


def check_service(cases: list[pathlib.Path]) -> list[str]:
    """Serves every model from the Python service and compares POST /infer with the engine."""
    import base64

    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "services" / "onnx-server"))
    from fastapi.testclient import TestClient
    from onnx_server import Settings, create_app

    problems = []
    fixtures = {c.stem: json.loads(c.with_suffix(".json").read_text()) for c in cases}
    with TestClient(create_app(Settings())) as client:
        population = {"models": {c.stem: base64.b64encode(c.read_bytes()).decode() for c in cases}}
        r = client.put("/v1/population", json=population)
        if r.status_code != 200:
            return [f"service: PUT /v1/population answered {r.status_code} {r.text}"]
        mixed_inputs, mixed_models, mixed_want = [], [], []
        for name, f in fixtures.items():
            r = client.post("/infer", json={"inputs": f["inputs"], "model": name})
            if r.status_code != 200:
                problems.append(f"service {name}: POST /infer answered {r.status_code} {r.text}")
                continue
            problems += compare(f"service {name}", np.asarray(r.json()), np.asarray(f["outputs"]))
            for i in range(0, len(f["inputs"]), 5):
                mixed_inputs.append(f["inputs"][i]); mixed_models.append(name); mixed_want.append(f["outputs"][i])
        r = client.post("/infer", json={"inputs": mixed_inputs, "models": mixed_models})
        if r.status_code != 200:
            problems.append(f"service mixed: POST /infer answered {r.status_code} {r.text}")
        else:
            got = r.json()
            for i, (g, w) in enumerate(zip(got, mixed_want)):
                problems += compare(f"service mixed row {i} ({mixed_models[i]})", np.asarray([g]), np.asarray([w]))
            if len(got) != len(mixed_want):
                problems.append(f"service mixed: {len(got)} rows back for {len(mixed_want)} sent")
    if not problems:
        print(f"ok   service: {len(fixtures)} models served by POST /infer, one at a time and mixed ({len(mixed_inputs)} rows)")
    return problems


def compare(label: str, got: np.ndarray, want: np.ndarray) -> list[str]:
    if got.shape != want.shape:
        return [f"{label}: output shape {got.shape}, expected {want.shape}"]
    err = np.abs(got.astype(np.float64) - want)
    bad = err > ATOL + RTOL * np.abs(want)
    if not bad.any():
        return []
    r, c = np.argwhere(bad)[0]
    return [f"{label}: {int(bad.sum())} outputs differ, first at row {r} output {c}: got {got[r, c]!r}, "
            f"engine {want[r, c]!r} (|diff| {err[r, c]:.3g})"]


def main() -> int:
    args = [a for a in sys.argv[1:] if a != "--no-service"]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    folder = pathlib.Path(args[0])
    cases = sorted(folder.glob("*.onnx"))
    if not cases:
        print(f"error: no .onnx files in {folder} (run ONNX_PARITY_DIR={folder} swift test --filter ONNXExportTests)", file=sys.stderr)
        return 1
    problems = [p for c in cases for p in check_case(c)]
    checks = len(cases)
    if "--no-service" not in sys.argv:
        problems += check_service(cases)
        checks += 1
    for p in problems:
        print(f"FAIL {p}")
    failed = min(checks, len({p.split(':')[0].split(' (')[0] for p in problems}))
    print(f"parity: {checks - failed} passed, {failed} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
