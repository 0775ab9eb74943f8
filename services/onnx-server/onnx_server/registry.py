"""The loaded models: ONNX Runtime sessions by id, and which one is the default."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import onnxruntime as ort

MODEL_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")


class ModelError(Exception):
    """A request about models that cannot be honoured; carries the HTTP status."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def check_model_id(model_id: str) -> str:
    if not MODEL_ID.match(model_id):
        raise ModelError(
            400,
            f"model id {model_id!r} is not valid: use 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit",
        )
    return model_id


@dataclass
class LoadedModel:
    """One ONNX Runtime session with the shape of its [N, inputs] -> [N, outputs] interface."""

    id: str
    session: ort.InferenceSession
    input_name: str
    output_name: str
    num_inputs: int
    num_outputs: int | None
    size_bytes: int
    pinned: bool = False
    version: str = "1"

    def run(self, x: np.ndarray) -> np.ndarray:
        return self.session.run([self.output_name], {self.input_name: x})[0]

    def describe(self, default_id: str | None) -> dict:
        return {
            "id": self.id,
            "inputs": self.num_inputs,
            "outputs": self.num_outputs,
            "bytes": self.size_bytes,
            "default": self.id == default_id,
        }


def load_model(model_id: str, data: bytes, *, pinned: bool = False, version: str = "1") -> LoadedModel:
    """Builds a session for `data` (ONNX bytes) and checks its interface; raises ModelError (400)."""
    check_model_id(model_id)
    if not data:
        raise ModelError(400, f"model {model_id!r}: the body is empty, expected the bytes of an ONNX model")
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    opts.log_severity_level = 3
    try:
        session = ort.InferenceSession(data, opts, providers=["CPUExecutionProvider"])
    except Exception as e:  # onnxruntime raises several pybind exception types
        first_line = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise ModelError(400, f"model {model_id!r} is not a loadable ONNX model: {first_line}") from None
    inputs, outputs = session.get_inputs(), session.get_outputs()
    if len(inputs) != 1:
        raise ModelError(400, f"model {model_id!r} has {len(inputs)} inputs, expected 1 float32 input of shape [N, inputs]")
    inp, out = inputs[0], outputs[0]
    if inp.type != "tensor(float)" or len(inp.shape) != 2 or not isinstance(inp.shape[1], int) or inp.shape[1] <= 0:
        raise ModelError(
            400, f"model {model_id!r} input {inp.name!r} is {inp.type} {inp.shape}, expected tensor(float) [N, inputs] with a fixed width"
        )
    if out.type != "tensor(float)" or len(out.shape) != 2:
        raise ModelError(400, f"model {model_id!r} output {out.name!r} is {out.type} {out.shape}, expected tensor(float) [N, outputs]")
    width = out.shape[1] if isinstance(out.shape[1], int) else None
    return LoadedModel(model_id, session, inp.name, out.name, inp.shape[1], width, len(data), pinned, version)


class ModelRegistry:
    """Models by id, in upload order; the default is the one uploaded last.

    Only one event-loop thread touches a registry (run one uvicorn worker: each
    worker process would hold its own models).
    """

    def __init__(self) -> None:
        self._models: dict[str, LoadedModel] = {}

    def __len__(self) -> int:
        return len(self._models)

    def get(self, model_id: str) -> LoadedModel | None:
        return self._models.get(model_id)

    def require(self, model_id: str | None) -> LoadedModel:
        """The model `model_id`, or the default when it is None; raises ModelError (404)."""
        if model_id is None:
            model = self.default
            if model is None:
                raise ModelError(
                    404, 'no default model: upload one with PUT /v1/models/{id} or PUT /v1/population, or start with --model FILE'
                )
            return model
        model = self._models.get(model_id)
        if model is None:
            known = ", ".join(list(self._models)[:10]) or "none"
            raise ModelError(404, f"unknown model {model_id!r} (loaded: {known}{', ...' if len(self._models) > 10 else ''})")
        return model

    @property
    def default(self) -> LoadedModel | None:
        return self._models[next(reversed(self._models))] if self._models else None

    def put(self, model: LoadedModel) -> bool:
        """Adds or replaces a model and makes it the default; True when it is new."""
        created = self._models.pop(model.id, None) is None
        self._models[model.id] = model
        return created

    def replace_population(self, models: list[LoadedModel]) -> None:
        """Drops every uploaded model except pinned ones (the start-up model), then adds `models` in order."""
        kept = {k: m for k, m in self._models.items() if m.pinned and k not in {n.id for n in models}}
        self._models = kept
        for m in models:
            self._models[m.id] = m

    def delete(self, model_id: str) -> bool:
        return self._models.pop(model_id, None) is not None

    def ids(self) -> list[str]:
        return list(self._models)

    def describe(self) -> list[dict]:
        default = self.default.id if self._models else None
        return [m.describe(default) for m in self._models.values()]
