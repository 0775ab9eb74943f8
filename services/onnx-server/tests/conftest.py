"""Fixtures: small ONNX models built with onnx.helper, and a TestClient per test."""

from __future__ import annotations

import pathlib
import sys

import numpy as np
import onnx
import pytest
from fastapi.testclient import TestClient
from onnx import TensorProto, helper, numpy_helper

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

from onnx_server import Settings, create_app  # noqa: E402


def linear_model(weights: np.ndarray, op: str | None = None) -> bytes:
    """ONNX bytes for output = op(input @ weights), input [N, rows(weights)], output [N, cols(weights)]."""
    w = numpy_helper.from_array(np.asarray(weights, dtype=np.float32), "W")
    nodes = [helper.make_node("MatMul", ["input", "W"], ["mm" if op else "output"])]
    if op:
        nodes.append(helper.make_node(op, ["mm"], ["output"]))
    graph = helper.make_graph(
        nodes, "test",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", w.dims[0]])],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, ["N", w.dims[1]])],
        [w],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], ir_version=7)
    onnx.checker.check_model(model)
    return model.SerializeToString()


def two_input_model() -> bytes:
    graph = helper.make_graph(
        [helper.make_node("Add", ["a", "b"], ["output"])], "two",
        [helper.make_tensor_value_info("a", TensorProto.FLOAT, ["N", 2]),
         helper.make_tensor_value_info("b", TensorProto.FLOAT, ["N", 2])],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, ["N", 2])],
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], ir_version=7).SerializeToString()


def int_input_model() -> bytes:
    graph = helper.make_graph(
        [helper.make_node("Identity", ["input"], ["output"])], "ints",
        [helper.make_tensor_value_info("input", TensorProto.INT64, ["N", 2])],
        [helper.make_tensor_value_info("output", TensorProto.INT64, ["N", 2])],
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], ir_version=7).SerializeToString()


# Weights of the standard test models: A doubles 3 inputs into 2 sums, B negates 2 inputs.
W_A = np.array([[2.0, 0.0], [0.0, 2.0], [1.0, 1.0]], dtype=np.float32)
W_B = np.array([[-1.0], [-1.0]], dtype=np.float32)


@pytest.fixture
def model_a() -> bytes:
    return linear_model(W_A)


@pytest.fixture
def model_b() -> bytes:
    return linear_model(W_B)


@pytest.fixture
def client() -> TestClient:
    with TestClient(create_app(Settings())) as c:
        yield c


@pytest.fixture
def loaded(client, model_a, model_b) -> TestClient:
    """A client whose server holds models "a" then "b" (so "b" is the default)."""
    for name, data in (("a", model_a), ("b", model_b)):
        r = client.put(f"/v1/models/{name}", content=data, headers={"Content-Type": "application/octet-stream"})
        assert r.status_code == 201, r.text
    return client
