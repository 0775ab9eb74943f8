#!/usr/bin/env python3
"""Writes a NEAT-style feed-forward network as ONNX, for protocol tests that need a model file.

    .venv/bin/python scripts/neat_onnx_model.py -o net.onnx [--inputs 100] [--outputs 3] [--hidden 4] [--seed 1]

The graph has the interface `dashboard export --format onnx` writes (input `input`
float32 [N, inputs], output `output` float32 [N, outputs], N symbolic) and the same
shape of computation: each hidden and output node reads a sparse set of inputs and
earlier nodes (Gather + Concat), takes a weighted sum (MatMul), adds a bias and applies
NEAT's sigmoid 1/(1+e^(-4.9z)) or tanh(2.5z). Different seeds give different networks.
"""

from __future__ import annotations

import argparse
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def neat_model(inputs: int = 100, outputs: int = 3, hidden: int = 4, seed: int = 1) -> bytes:
    """ONNX bytes of a random sparse network: `hidden` hidden nodes, then `outputs` output nodes."""
    rng = np.random.default_rng(seed)
    nodes, inits, columns = [], [], []  # columns: names of [N, 1] tensors of computed nodes

    def const(name: str, value) -> str:
        inits.append(numpy_helper.from_array(np.asarray(value), name))
        return name

    for k in range(hidden + outputs):
        tag = f"n{k}"
        fan = int(rng.integers(3, 9))
        picked = np.sort(rng.choice(inputs, size=fan, replace=False)).astype(np.int64)
        parts = [f"{tag}_in"]
        nodes.append(helper.make_node("Gather", ["input", const(f"{tag}_idx", picked)], [f"{tag}_in"], axis=1))
        earlier = columns[: min(len(columns), hidden)] if k >= hidden else columns
        chosen = [c for c in earlier if rng.random() < 0.6]
        parts += chosen
        width = fan + len(chosen)
        src = f"{tag}_src"
        if len(parts) > 1:
            nodes.append(helper.make_node("Concat", parts, [src], axis=1))
        else:
            src = parts[0]
        weights = rng.normal(0, 1.2, size=(width, 1)).astype(np.float32)
        bias = np.float32(rng.normal(0, 0.5))
        nodes.append(helper.make_node("MatMul", [src, const(f"{tag}_w", weights)], [f"{tag}_z0"]))
        nodes.append(helper.make_node("Add", [f"{tag}_z0", const(f"{tag}_b", np.array([bias], dtype=np.float32))], [f"{tag}_z"]))
        if k % 2 == 0:
            nodes.append(helper.make_node("Mul", [f"{tag}_z", const(f"{tag}_gain", np.array([4.9], dtype=np.float32))], [f"{tag}_s"]))
            nodes.append(helper.make_node("Sigmoid", [f"{tag}_s"], [f"{tag}_y"]))
        else:
            nodes.append(helper.make_node("Mul", [f"{tag}_z", const(f"{tag}_gain", np.array([2.5], dtype=np.float32))], [f"{tag}_s"]))
            nodes.append(helper.make_node("Tanh", [f"{tag}_s"], [f"{tag}_y"]))
        columns.append(f"{tag}_y")
    nodes.append(helper.make_node("Concat", columns[hidden:], ["output"], axis=1))
    graph = helper.make_graph(
        nodes, f"neat-{seed}",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", inputs])],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, ["N", outputs])],
        inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], ir_version=7, producer_name="neat_onnx_model")
    onnx.checker.check_model(model, full_check=True)
    return model.SerializeToString()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", required=True, help="where to write the .onnx file")
    parser.add_argument("--inputs", type=int, default=100)
    parser.add_argument("--outputs", type=int, default=3)
    parser.add_argument("--hidden", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.inputs < 8 or args.outputs < 1 or args.hidden < 0:
        parser.error("need --inputs >= 8, --outputs >= 1, --hidden >= 0")
    with open(args.output, "wb") as f:
        f.write(neat_model(args.inputs, args.outputs, args.hidden, args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
