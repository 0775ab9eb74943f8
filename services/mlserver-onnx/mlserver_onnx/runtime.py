"""`OnnxRuntimeModel`: serves one ONNX model with FP32 inputs and outputs through MLServer."""

from __future__ import annotations

import math

import numpy as np
import onnxruntime as ort
from mlserver.codecs import NumpyCodec
from mlserver.errors import InferenceError, MLServerError
from mlserver.model import MLModel
from mlserver.types import InferenceRequest, InferenceResponse, MetadataTensor, RequestInput
from mlserver.utils import get_model_uri

MODEL_FILE = "model.onnx"
FLOAT = "tensor(float)"
# Bounds one request's tensors (the REST body limit of MLServer is its own).
DEFAULT_MAX_ELEMENTS = 8 * 1024 * 1024


class ModelLoadError(MLServerError):
    """The model file cannot serve: it names the file and the problem (400 to the load request)."""


def _dims(shape) -> list[int]:
    """ONNX dims as v2 metadata: symbolic or unknown dimensions are -1."""
    return [d if isinstance(d, int) and d >= 0 else -1 for d in shape]


class OnnxRuntimeModel(MLModel):
    """Loads `model.onnx` from the model's folder (or `parameters.uri`) into an ONNX Runtime session.

    Every input and output must be float32 (v2 datatype FP32); a symbolic first
    dimension is the batch (`-1` in the model metadata), so one model serves
    batch 1 and batch N. Settings under `parameters.extra`:
    `intra_op_threads` (default 1: one core per model, like the ONNX Runtime
    service) and `max_elements` (largest input tensor accepted, default 8388608).
    """

    async def load(self) -> bool:
        path = await get_model_uri(self._settings, wellknown_filenames=[MODEL_FILE])
        extra = (self._settings.parameters.extra if self._settings.parameters else None) or {}
        threads = extra.get("intra_op_threads", 1)
        self._max_elements = extra.get("max_elements", DEFAULT_MAX_ELEMENTS)
        if type(threads) is not int or threads < 0:
            raise ModelLoadError(f"model {self.name!r}: parameters.extra.intra_op_threads must be a whole number >= 0, got {threads!r}")
        if type(self._max_elements) is not int or self._max_elements <= 0:
            raise ModelLoadError(f"model {self.name!r}: parameters.extra.max_elements must be a positive whole number, got {self._max_elements!r}")
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        opts.log_severity_level = 3
        try:
            self._session = ort.InferenceSession(path, opts, providers=["CPUExecutionProvider"])
        except Exception as e:  # onnxruntime raises several pybind exception types
            first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            raise ModelLoadError(f"model {self.name!r}: {path} is not a loadable ONNX model: {first}") from None
        for kind, tensors in (("input", self._session.get_inputs()), ("output", self._session.get_outputs())):
            for t in tensors:
                if t.type != FLOAT:
                    raise ModelLoadError(f"model {self.name!r}: {kind} {t.name!r} is {t.type}; this runtime serves float32 (FP32) tensors only")
        self._inputs = {t.name: _dims(t.shape) for t in self._session.get_inputs()}
        self._outputs = [t.name for t in self._session.get_outputs()]
        self.inputs = [MetadataTensor(name=n, datatype="FP32", shape=s) for n, s in self._inputs.items()]
        self.outputs = [MetadataTensor(name=t.name, datatype="FP32", shape=_dims(t.shape)) for t in self._session.get_outputs()]
        return True

    async def predict(self, payload: InferenceRequest) -> InferenceResponse:
        feeds = {}
        for i, request_input in enumerate(payload.inputs):
            if request_input.name in feeds:
                raise InferenceError(f"inputs[{i}]: input {request_input.name!r} is given twice")
            feeds[request_input.name] = self._decode(i, request_input)
        missing = [n for n in self._inputs if n not in feeds]
        if missing:
            raise InferenceError(f"model {self.name!r} needs input(s) {', '.join(map(repr, missing))}")
        names = [o.name for o in payload.outputs] if payload.outputs else self._outputs
        for i, name in enumerate(names):
            if name not in self._outputs:
                raise InferenceError(f"outputs[{i}].name {name!r} is not an output of model {self.name!r} (outputs: {', '.join(self._outputs)})")
        try:
            results = self._session.run(names, feeds)
        except Exception as e:
            first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            raise InferenceError(f"model {self.name!r} could not run: {first}") from None
        return InferenceResponse(
            model_name=self.name,
            model_version=self.version,
            id=payload.id,
            outputs=[NumpyCodec.encode_output(name, np.asarray(y, dtype=np.float32)) for name, y in zip(names, results)],
        )

    def _decode(self, i: int, request_input: RequestInput) -> np.ndarray:
        where = f"inputs[{i}]"
        want = self._inputs.get(request_input.name)
        if want is None:
            raise InferenceError(f"{where}.name {request_input.name!r} is not an input of model {self.name!r} (inputs: {', '.join(self._inputs)})")
        datatype = getattr(request_input.datatype, "value", request_input.datatype)
        if datatype != "FP32":
            raise InferenceError(f"{where}.datatype is {datatype!r}: model {self.name!r} input {request_input.name!r} takes FP32")
        shape = list(request_input.shape)
        if len(shape) != len(want) or any(d < 0 or (w >= 0 and d != w) for d, w in zip(shape, want)):
            raise InferenceError(f"{where}.shape {shape} does not match model {self.name!r} input {request_input.name!r} of shape {want}")
        count = math.prod(shape)
        if count > self._max_elements:
            raise InferenceError(f"{where}.shape {shape} has {count} elements, over the limit of {self._max_elements} (parameters.extra.max_elements)")
        try:
            x = NumpyCodec.decode_input(request_input)
        except (ValueError, TypeError) as e:
            raise InferenceError(f"{where}.data does not fit shape {shape} as FP32: {e}") from None
        if x.size != count:
            raise InferenceError(f"{where}.data has {x.size} values, shape {shape} needs {count}")
        if not np.isfinite(x).all():
            raise InferenceError(f"{where}.data holds a value that is not a finite float32: inputs must be finite")
        return np.ascontiguousarray(x, dtype=np.float32)
