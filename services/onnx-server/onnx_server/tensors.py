"""Open Inference Protocol (KServe v2) inference bodies: JSON tensors and Triton's binary tensor data.

Pure functions from bytes to arrays and back, so every malformed-body case is
testable without a server. A request is a JSON object, optionally followed by
raw little-endian tensor bytes when the `Inference-Header-Content-Length`
header gives the JSON's length (the binary tensor data extension):

    {"id": "7", "inputs": [{"name": "input", "shape": [2, 3], "datatype": "FP32",
                            "data": [[1, 2, 3], [4, 5, 6]]}],
     "outputs": [{"name": "output", "parameters": {"binary_data": true}}]}
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .registry import LoadedModel
from .responses import ApiError, json_bytes, parse_json, type_name

HEADER_LENGTH = "Inference-Header-Content-Length"
DATATYPE = "FP32"
_WHOLE_NUMBER = re.compile(r"^[0-9]{1,19}$")


@dataclass
class InferRequest:
    """A checked inference request: the input batch and how to answer."""

    id: str | None
    x: np.ndarray  # float32 [N, inputs]
    outputs: list[tuple[str, bool]]  # (output name, as binary data)


@dataclass
class EncodedResponse:
    body: bytes
    media_type: str
    headers: dict[str, str]


def _clip(text: str, limit: int = 80) -> str:
    """A client's string as quoted in an error: at most `limit` characters."""
    return text if len(text) <= limit else text[:limit] + "..."


def _is_int(v) -> bool:
    return type(v) is int


def _shape_text(shape) -> str:
    return "[" + ", ".join(str(d) for d in shape) + "]"


def parse_header_length(raw: str | None, body_size: int) -> int | None:
    """The JSON header's length from `Inference-Header-Content-Length`, or None when absent."""
    if raw is None:
        return None
    text = raw.strip()
    if not _WHOLE_NUMBER.match(text):
        raise ApiError(400, f"{HEADER_LENGTH} {raw!r} is not a whole number of bytes")
    length = int(text)
    if length > body_size:
        raise ApiError(400, f"{HEADER_LENGTH} is {length}, past the end of the {body_size}-byte body")
    return length


def decode_infer(body: bytes, header_length: int | None, model: LoadedModel, max_elements: int) -> InferRequest:
    """Checks an inference request for `model` and returns its input batch; raises ApiError (400)."""
    if header_length == 0:
        return _decode_raw(body, model, max_elements)
    if header_length is None:
        header, binary = body, b""
    else:
        header, binary = body[:header_length], memoryview(body)[header_length:]
    payload = parse_json(header, "the inference request")
    if type(payload) is not dict:
        raise ApiError(400, f'the inference request must be a JSON object {{"inputs": [...]}}, got {type_name(payload)}')
    request_id = payload.get("id")
    if request_id is not None and type(request_id) is not str:
        raise ApiError(400, f'"id" must be a string, got {type_name(request_id)}')
    binary_output = _request_binary_output(payload.get("parameters"))
    x = _decode_inputs(payload.get("inputs"), binary, header_length is not None, model, max_elements)
    outputs = _decode_outputs(payload.get("outputs"), model, binary_output)
    return InferRequest(request_id, x, outputs)


def _request_binary_output(parameters) -> bool:
    if parameters is None:
        return False
    if type(parameters) is not dict:
        raise ApiError(400, f'"parameters" must be an object, got {type_name(parameters)}')
    flag = parameters.get("binary_data_output", False)
    if type(flag) is not bool:
        raise ApiError(400, f'parameters.binary_data_output must be true or false, got {type_name(flag)}')
    return flag


def _decode_inputs(inputs, binary, has_header: bool, model: LoadedModel, max_elements: int) -> np.ndarray:
    if inputs is None:
        raise ApiError(400, f'missing "inputs": give model {model.id!r} its input "{model.input_name}" as a tensor')
    if type(inputs) is not list:
        raise ApiError(400, f'"inputs" must be an array of tensors, got {type_name(inputs)}')
    x, offset = None, 0
    for i, tensor in enumerate(inputs):
        where = f"inputs[{i}]"
        if type(tensor) is not dict:
            raise ApiError(400, f"{where} must be an object with name, shape, datatype and data, got {type_name(tensor)}")
        name = tensor.get("name")
        if type(name) is not str:
            raise ApiError(400, f"{where}.name must be a string, got {type_name(name)}")
        if name != model.input_name:
            raise ApiError(400, f'{where}.name "{_clip(name)}" is not an input of model {model.id!r}; its input is "{model.input_name}"')
        if x is not None:
            raise ApiError(400, f'{where}: input "{name}" is given twice')
        shape = _check_shape(tensor, where, model, max_elements)
        size = _binary_size(tensor, where)
        if size is None:
            x = _json_data(tensor, where, shape)
        else:
            if not has_header:
                raise ApiError(400, f"{where}.parameters.binary_data_size is given but the request has no {HEADER_LENGTH} header")
            x, offset = _binary_data(binary, offset, size, where, shape)
            _check_finite(x, where)
    if x is None:
        raise ApiError(400, f'model {model.id!r} needs input "{model.input_name}"; "inputs" has none')
    if offset != len(binary):
        raise ApiError(400, f"{len(binary) - offset} bytes after the JSON header are not claimed by any input's parameters.binary_data_size")
    return x


def _check_shape(tensor: dict, where: str, model: LoadedModel, max_elements: int) -> tuple[int, int]:
    datatype = tensor.get("datatype")
    if type(datatype) is not str:
        raise ApiError(400, f"{where}.datatype must be a string such as \"FP32\", got {type_name(datatype)}")
    if datatype != DATATYPE:
        raise ApiError(400, f'{where}.datatype is "{_clip(datatype)}": model {model.id!r} input "{model.input_name}" takes {DATATYPE}')
    shape = tensor.get("shape")
    if type(shape) is not list or not all(_is_int(d) and d >= 0 for d in shape):
        raise ApiError(400, f"{where}.shape must be an array of non-negative whole numbers, got {shape!r}"[:300])
    want = f"[-1, {model.num_inputs}]"
    if len(shape) != 2 or shape[1] != model.num_inputs:
        raise ApiError(400, f'{where}.shape {_shape_text(shape)} does not match model {model.id!r} input "{model.input_name}" of shape {want}')
    elements = shape[0] * shape[1]
    if elements > max_elements:
        raise ApiError(400, f"{where}.shape {_shape_text(shape)} has {elements} elements, over the limit of {max_elements} (start the server with a larger --max-tensor-elements)")
    return shape[0], shape[1]


def _binary_size(tensor: dict, where: str) -> int | None:
    parameters = tensor.get("parameters")
    if parameters is None:
        return None
    if type(parameters) is not dict:
        raise ApiError(400, f"{where}.parameters must be an object, got {type_name(parameters)}")
    if "binary_data_size" not in parameters:
        return None
    size = parameters["binary_data_size"]
    if not _is_int(size) or size < 0:
        raise ApiError(400, f"{where}.parameters.binary_data_size must be a non-negative whole number of bytes, got {size!r}"[:300])
    if "data" in tensor:
        raise ApiError(400, f'{where} has both "data" and parameters.binary_data_size: send the tensor one way')
    return size


def _binary_data(binary, offset: int, size: int, where: str, shape: tuple[int, int]) -> tuple[np.ndarray, int]:
    need = shape[0] * shape[1] * 4
    if size != need:
        raise ApiError(400, f"{where}.parameters.binary_data_size is {size} but shape {_shape_text(shape)} of {DATATYPE} takes {need} bytes")
    if offset + size > len(binary):
        raise ApiError(400, f"{where} needs {size} bytes of binary data at offset {offset}, but only {len(binary) - offset} bytes follow")
    x = np.frombuffer(binary, dtype="<f4", count=shape[0] * shape[1], offset=offset).reshape(shape)
    return x, offset + size


def _json_data(tensor: dict, where: str, shape: tuple[int, int]) -> np.ndarray:
    if "data" not in tensor:
        raise ApiError(400, f'{where} has no "data" (and no parameters.binary_data_size)')
    data = tensor["data"]
    if type(data) is not list:
        raise ApiError(400, f"{where}.data must be an array of numbers, got {type_name(data)}")
    rows, width = shape
    nested = bool(data) and type(data[0]) is list
    if nested:
        if len(data) != rows:
            raise ApiError(400, f"{where}.data has {len(data)} rows, shape {_shape_text(shape)} needs {rows}")
        flat = []
        for r, row in enumerate(data):
            if type(row) is not list:
                raise ApiError(400, f"{where}.data[{r}] must be an array of {width} numbers, got {type_name(row)}")
            if len(row) != width:
                raise ApiError(400, f"{where}.data[{r}] has {len(row)} values, shape {_shape_text(shape)} needs {width}")
            flat.extend(row)
    else:
        if len(data) != rows * width:
            raise ApiError(400, f"{where}.data has {len(data)} values, shape {_shape_text(shape)} needs {rows * width}")
        flat = data

    def at(k: int) -> str:
        return f"{where}.data[{k // width}][{k % width}]" if nested else f"{where}.data[{k}]"

    for k, v in enumerate(flat):
        if type(v) is not float and type(v) is not int:
            raise ApiError(400, f"{at(k)} must be a number, got {type_name(v)}")
    try:
        with np.errstate(over="ignore"):  # values beyond float32 become inf, reported just below
            x = np.array(flat, dtype=np.float32).reshape(shape)
    except OverflowError:  # an integer beyond float64
        k = next(k for k, v in enumerate(flat) if type(v) is int and abs(v) > 2**128)
        raise ApiError(400, f"{at(k)} = {str(flat[k])[:40]}... is not a finite float32: inputs must be finite") from None
    finite = np.isfinite(x.reshape(-1))
    if not finite.all():
        k = int(np.argmin(finite))
        raise ApiError(400, f"{at(k)} = {flat[k]!r} is not a finite float32: inputs must be finite")
    return x


def _check_finite(x: np.ndarray, where: str) -> None:
    finite = np.isfinite(x)
    if finite.all():
        return
    r, c = (int(v) for v in np.argwhere(~finite)[0])
    raise ApiError(400, f"{where} binary data element [{r}][{c}] is {float(x[r, c])}: inputs must be finite")


def _decode_outputs(outputs, model: LoadedModel, binary_output: bool) -> list[tuple[str, bool]]:
    if outputs is None or outputs == []:
        return [(model.output_name, binary_output)]
    if type(outputs) is not list:
        raise ApiError(400, f'"outputs" must be an array of requested outputs, got {type_name(outputs)}')
    chosen: list[tuple[str, bool]] = []
    for i, out in enumerate(outputs):
        where = f"outputs[{i}]"
        if type(out) is not dict:
            raise ApiError(400, f'{where} must be an object {{"name": ...}}, got {type_name(out)}')
        name = out.get("name")
        if type(name) is not str:
            raise ApiError(400, f"{where}.name must be a string, got {type_name(name)}")
        if name != model.output_name:
            raise ApiError(400, f'{where}.name "{_clip(name)}" is not an output of model {model.id!r}; its output is "{model.output_name}"')
        if any(n == name for n, _ in chosen):
            raise ApiError(400, f'{where}: output "{name}" is requested twice')
        binary = binary_output
        parameters = out.get("parameters")
        if parameters is not None:
            if type(parameters) is not dict:
                raise ApiError(400, f"{where}.parameters must be an object, got {type_name(parameters)}")
            if "classification" in parameters:
                raise ApiError(400, f"{where}.parameters.classification: the classification extension is not supported")
            flag = parameters.get("binary_data", binary_output)
            if type(flag) is not bool:
                raise ApiError(400, f"{where}.parameters.binary_data must be true or false, got {type_name(flag)}")
            binary = flag
        chosen.append((name, binary))
    return chosen


def _decode_raw(body: bytes, model: LoadedModel, max_elements: int) -> InferRequest:
    """A body of raw tensor bytes only (`Inference-Header-Content-Length: 0`): one input, rows deduced."""
    row_bytes = 4 * model.num_inputs
    if len(body) % row_bytes:
        raise ApiError(400, f"a raw binary request ({HEADER_LENGTH}: 0) must hold whole rows of {model.num_inputs} FP32 values ({row_bytes} bytes), got {len(body)} bytes")
    rows = len(body) // row_bytes
    if rows * model.num_inputs > max_elements:
        raise ApiError(400, f"the raw binary request has {rows * model.num_inputs} elements, over the limit of {max_elements} (start the server with a larger --max-tensor-elements)")
    x = np.frombuffer(body, dtype="<f4").reshape(rows, model.num_inputs)
    _check_finite(x, "inputs[0]")
    return InferRequest(None, x, [(model.output_name, True)])


def encode_infer(model: LoadedModel, request: InferRequest, y: np.ndarray) -> EncodedResponse:
    """The inference response: JSON, or a JSON header then raw bytes for outputs asked as binary."""
    header: dict = {"model_name": model.id, "model_version": model.version}
    if request.id is not None:
        header["id"] = request.id
    tensors, blobs = [], []
    for name, binary in request.outputs:
        tensor = {"name": name, "datatype": DATATYPE, "shape": list(y.shape)}
        if binary:
            blob = np.ascontiguousarray(y, dtype="<f4").tobytes()
            tensor["parameters"] = {"binary_data_size": len(blob)}
            blobs.append(blob)
        else:
            if not np.isfinite(y).all():
                r, c = (int(v) for v in np.argwhere(~np.isfinite(y))[0])
                raise ApiError(
                    500,
                    f'model {model.id!r} produced a non-finite output ({float(y[r, c])}) at output "{name}" [{r}][{c}]; '
                    f"JSON cannot carry it: ask for the output with parameters.binary_data",
                )
            tensor["data"] = y.reshape(-1).tolist()
        tensors.append(tensor)
    header["outputs"] = tensors
    head = json_bytes(header)
    if not blobs:
        return EncodedResponse(head, "application/json", {})
    return EncodedResponse(head + b"".join(blobs), "application/octet-stream", {HEADER_LENGTH: str(len(head))})
