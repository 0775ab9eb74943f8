#!/usr/bin/env python3
"""Checks ONNX models exported by the Swift engine against the engine's own outputs.

Usage: test-onnx-parity.py DIR

DIR holds NAME.onnx + NAME.json pairs written by the Swift test suite
ONNXExportTests (run it with ONNX_PARITY_DIR=DIR). For each pair this script
runs onnx.checker.check_model (full check, with shape inference), loads the
model in onnxruntime, runs all input rows as one batch and then row by row,
and asserts every output matches CompiledNetwork's within 1e-5 (absolute, plus
1e-5 relative for large values). Exits non-zero on any mismatch.
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
    model = onnx.load(str(onnx_path))
    try:
        onnx.checker.check_model(model, full_check=True)
    except Exception as e:  # the checker raises several exception types
        return [f"{name}: onnx.checker rejected the model: {e}"]

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
        if got.shape != want.shape:
            problems.append(f"{name} ({label}): output shape {got.shape}, expected {want.shape}")
            continue
        err = np.abs(got.astype(np.float64) - want)
        bad = err > ATOL + RTOL * np.abs(want)
        if bad.any():
            r, c = np.argwhere(bad)[0]
            problems.append(
                f"{name} ({label}): {int(bad.sum())} outputs differ, first at row {r} output {c}: "
                f"onnxruntime {got[r, c]!r}, engine {want[r, c]!r} (|diff| {err[r, c]:.3g})"
            )
    if not problems:
        print(f"ok   {name}: {x.shape[0]} rows, {x.shape[1]} -> {want.shape[1]}, max |diff| {np.abs(batch - want).max():.2g}")
    return problems


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    folder = pathlib.Path(sys.argv[1])
    cases = sorted(folder.glob("*.onnx"))
    if not cases:
        print(f"error: no .onnx files in {folder} (run ONNX_PARITY_DIR={folder} swift test --filter ONNXExportTests)", file=sys.stderr)
        return 1
    problems = [p for c in cases for p in check_case(c)]
    for p in problems:
        print(f"FAIL {p}")
    failed = len({p.split(':')[0].split(' ')[0] for p in problems})
    print(f"{len(cases) - failed} passed, {failed} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
