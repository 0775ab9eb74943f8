"""The Open Inference Protocol (KServe v2) routes, with Triton's binary tensor data and model repository extensions.

GET  /v2/health/live, /v2/health/ready, /v2
GET  /v2/models/{name}[/versions/{version}], .../ready
POST /v2/models/{name}[/versions/{version}]/infer
POST /v2/repository/index, /v2/repository/models/{name}/load, .../unload

They share the model table with the /v1 routes: a model uploaded either way
answers both. See docs/oip-v2.md.
"""

from __future__ import annotations

import asyncio
import time

import onnxruntime as ort
from fastapi import FastAPI, Request
from fastapi.responses import Response

from .metrics import Metrics
from .registry import LoadedModel, ModelRegistry, check_model_id, load_model
from .repository import ModelFolder, parse_index_request, parse_load_request, parse_unload_request
from .responses import ApiError, content_type, json_response, read_body
from .settings import SERVICE_VERSION, Settings
from .tensors import DATATYPE, HEADER_LENGTH, decode_infer, encode_infer, parse_header_length
from .timing import Timings

SERVER_NAME = "onnx-server"
PLATFORM = "onnxruntime_onnx"
EXTENSIONS = ["binary_tensor_data", "model_repository"]
_INFER_TYPES = ("", "application/json", "application/octet-stream")


def add_v2_routes(app: FastAPI, settings: Settings, registry: ModelRegistry, metrics: Metrics, folder: ModelFolder) -> None:
    """Adds the v2 routes to `app`, serving the models of `registry`."""
    limit = settings.max_body_bytes

    def model_for(name: str, version: str | None) -> LoadedModel:
        model = registry.require(name)
        if version is not None and version != model.version:
            raise ApiError(404, f"model {name!r} has no version {version!r} (versions: {model.version})")
        return model

    @app.get("/v2/health/live")
    async def live():
        return Response(status_code=200)

    @app.get("/v2/health/ready")
    async def ready():
        # Models load synchronously, so every model listed is ready once the server answers.
        return Response(status_code=200)

    @app.get("/v2")
    @app.get("/v2/")
    async def server_metadata():
        return json_response({"name": SERVER_NAME, "version": SERVICE_VERSION, "extensions": EXTENSIONS,
                              "onnxruntime": ort.__version__})

    async def model_metadata(name: str, version: str | None = None):
        model = model_for(name, version)
        return json_response({
            "name": model.id,
            "versions": [model.version],
            "platform": PLATFORM,
            "inputs": [{"name": model.input_name, "datatype": DATATYPE, "shape": [-1, model.num_inputs]}],
            "outputs": [{"name": model.output_name, "datatype": DATATYPE, "shape": [-1, model.num_outputs or -1]}],
        })

    async def model_ready(name: str, version: str | None = None):
        model_for(name, version)
        return Response(status_code=200)

    async def infer(name: str, request: Request, version: str | None = None):
        timings = Timings()
        model = model_for(name, version)
        got = content_type(request)
        if got not in _INFER_TYPES:
            raise ApiError(415, f'POST {request.url.path} takes a JSON inference request (Content-Type: application/json), '
                                f'or one followed by binary tensor data (application/octet-stream), got "{got}"')
        body = await read_body(request, limit)
        header_length = parse_header_length(request.headers.get(HEADER_LENGTH), len(body))
        decoded = decode_infer(body, header_length, model, settings.max_tensor_elements)
        timings.decode = time.perf_counter() - timings.start
        y = timings.run(lambda: model.run(decoded.x))
        encode_start = time.perf_counter()
        rows = decoded.x.shape[0]
        if y.ndim != 2 or y.shape[0] != rows:
            raise ApiError(500, f"model {model.id!r} returned shape {list(y.shape)} for {rows} rows, expected [{rows}, outputs]")
        encoded = encode_infer(model, decoded, y)
        metrics.rows.observe(rows)
        metrics.inferred_rows.inc(rows)
        timings.encode = time.perf_counter() - encode_start
        headers = {**encoded.headers, "Server-Timing": timings.header()}
        return Response(encoded.body, media_type=encoded.media_type, headers=headers)

    app.add_api_route("/v2/models/{name}", model_metadata, methods=["GET"])
    app.add_api_route("/v2/models/{name}/versions/{version}", model_metadata, methods=["GET"])
    app.add_api_route("/v2/models/{name}/ready", model_ready, methods=["GET"])
    app.add_api_route("/v2/models/{name}/versions/{version}/ready", model_ready, methods=["GET"])
    app.add_api_route("/v2/models/{name}/infer", infer, methods=["POST"])
    app.add_api_route("/v2/models/{name}/versions/{version}/infer", infer, methods=["POST"])

    @app.post("/v2/repository/index")
    async def repository_index(request: Request):
        only_ready = parse_index_request(await read_body(request, limit))
        loaded = {m.id: m for m in (registry.get(i) for i in registry.ids())}
        entries = [{"name": n, "version": m.version, "state": "READY", "reason": ""} for n, m in loaded.items()]
        if not only_ready:
            entries += [{"name": n, "state": "UNAVAILABLE", "reason": "not loaded"} for n in folder.names() if n not in loaded]
        return json_response(sorted(entries, key=lambda e: e["name"]))

    @app.post("/v2/repository/models/{name}/load")
    async def repository_load(name: str, request: Request):
        check_model_id(name)
        body = await read_body(request, limit)
        model_file = parse_load_request(body, name) or folder.read(name)
        # Building a session can take a while for a large model: keep the event loop serving meanwhile.
        model = await asyncio.to_thread(load_model, name, model_file.data, version=model_file.version)
        registry.put(model)
        metrics.models_loaded.set(len(registry))
        return Response(status_code=200)

    @app.post("/v2/repository/models/{name}/unload")
    async def repository_unload(name: str, request: Request):
        parse_unload_request(await read_body(request, limit))
        if not registry.delete(name):
            registry.require(name)  # raises the 404 naming the loaded models
        metrics.models_loaded.set(len(registry))
        return Response(status_code=200)
