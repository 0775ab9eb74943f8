"""The HTTP API: the same routes, bodies and errors as the built-in `dashboard serve`, plus OIP v2.

POST /infer, PUT /v1/models/{id}, PUT /v1/population, GET /v1/models,
DELETE /v1/models/{id}, GET /healthz, GET /metrics, and the /v2 routes of the
Open Inference Protocol (v2.py). Every error is JSON `{"error": "..."}` saying
what was wrong. See docs/onnx.md and docs/oip-v2.md.
"""

from __future__ import annotations

import base64
import binascii
import logging
import pathlib
import time

import numpy as np
import onnxruntime as ort
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.exceptions import HTTPException as StarletteHTTPException

from .metrics import Metrics, RequestLog
from .registry import LoadedModel, ModelError, ModelRegistry, check_model_id, load_model
from .repository import ModelFolder
from .responses import ApiError, error_response, json_bytes, json_response, parse_json, read_body, require_content_type
from .responses import type_name as _type_name
from .settings import Settings
from .timing import Timings
from .v2 import add_v2_routes

SERVER_KIND = "onnxruntime"
ACCESS_LOGGER = "onnx_server.access"


def _rows_to_matrix(rows: list, indices, model: LoadedModel) -> np.ndarray:
    """Checks every row named by `indices` against `model` and stacks them as float32."""
    width = model.num_inputs
    for i in indices:
        row = rows[i]
        if type(row) is not list:
            raise ApiError(400, f"inputs[{i}] must be an array of {width} numbers, got {_type_name(row)}")
        if len(row) != width:
            raise ApiError(400, f"inputs[{i}] has {len(row)} values, model {model.id!r} expects {width}")
        for j, v in enumerate(row):
            if type(v) is not float and type(v) is not int:
                raise ApiError(400, f"inputs[{i}][{j}] must be a number, got {_type_name(v)}")
    with np.errstate(over="ignore"):  # values beyond float32 become inf, reported just below
        x = np.array([rows[i] for i in indices], dtype=np.float32).reshape(len(indices), width)
    finite = np.isfinite(x)
    if not finite.all():
        r, c = np.argwhere(~finite)[0]
        raise ApiError(400, f"inputs[{indices[r]}][{c}] = {rows[indices[r]][c]!r} is not a finite float32")
    return x


def _run(model: LoadedModel, x: np.ndarray, indices) -> np.ndarray:
    y = model.run(x)
    if y.ndim != 2 or y.shape[0] != x.shape[0]:
        raise ApiError(500, f"model {model.id!r} returned shape {list(y.shape)} for {x.shape[0]} rows, expected [{x.shape[0]}, outputs]")
    if not np.isfinite(y).all():
        r = int(np.argwhere(~np.isfinite(y))[0][0])
        raise ApiError(500, f"model {model.id!r} produced a non-finite output for inputs[{indices[r]}]")
    return y


def create_app(settings: Settings | None = None, registry: ModelRegistry | None = None) -> FastAPI:
    """Builds the service; loads `settings.model_path` (if any) as the pinned default model."""
    settings = settings or Settings()
    registry = registry if registry is not None else ModelRegistry()
    metrics = Metrics()
    folder = ModelFolder(settings.model_repository)
    limit = settings.max_body_bytes

    if settings.model_path:
        path = pathlib.Path(settings.model_path)
        try:
            data = path.read_bytes()
        except OSError as e:
            raise SystemExit(f"error: cannot read --model {path}: {e.strerror}") from None
        model_id = settings.model_id or path.name.removesuffix(".onnx")
        try:
            registry.put(load_model(model_id, data, pinned=True))
        except ModelError as e:
            raise SystemExit(f"error: --model {path}: {e.message}") from None
    metrics.models_loaded.set(len(registry))

    if folder.root is not None and not folder.root.is_dir():
        raise SystemExit(f"error: --model-repository {folder.root} is not a folder")

    app = FastAPI(title="onnx-server", docs_url=None, redoc_url=None, openapi_url=None, redirect_slashes=False)
    app.state.registry = registry
    app.state.metrics = metrics
    app.state.settings = settings
    app.add_middleware(RequestLog, metrics=metrics, logger=logging.getLogger(ACCESS_LOGGER))

    @app.exception_handler(ApiError)
    async def api_error(request: Request, e: ApiError):
        return error_response(e.status, e.message, e.headers)

    @app.exception_handler(ModelError)
    async def model_error(request: Request, e: ModelError):
        return error_response(e.status, e.message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, e: StarletteHTTPException):
        method, path = request.method, request.url.path
        if e.status_code == 404:
            return error_response(404, f"no route {method} {path}; routes: {ROUTES}")
        if e.status_code == 405:
            # Starlette names only the first matching route's methods; name them all.
            methods = {m for r in app.routes if hasattr(r, "methods") and r.path_regex.match(path) for m in r.methods}
            allow = ", ".join(sorted(methods - {"HEAD"})) or (e.headers or {}).get("Allow", "")
            return error_response(405, f"method {method} is not allowed on {path}; allowed: {allow}", {"Allow": allow})
        return error_response(e.status_code, str(e.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, e: RequestValidationError):
        return error_response(400, f"bad request: {e.errors()}")

    def decode_rows(payload) -> tuple[int, list[tuple[LoadedModel, list[int] | range, np.ndarray]]]:
        """The rows of an /infer body grouped into one batch per model, checked."""
        if type(payload) is not dict:
            raise ApiError(400, f'the body must be a JSON object like {{"inputs": [[0.5, 1.0]]}}, got {_type_name(payload)}')
        if "inputs" not in payload:
            raise ApiError(400, 'missing "inputs": an array of rows, each an array of numbers')
        rows = payload["inputs"]
        if type(rows) is not list:
            raise ApiError(400, f'"inputs" must be an array of rows, got {_type_name(rows)}')
        if "model" in payload and "models" in payload:
            raise ApiError(400, 'give "model" (one id for every row) or "models" (one id per row), not both')
        n = len(rows)
        if "models" not in payload:
            model_id = payload.get("model")
            if model_id is not None and type(model_id) is not str:
                raise ApiError(400, f'"model" must be a string, got {_type_name(model_id)}')
            model = registry.require(model_id)
            return n, ([(model, range(n), _rows_to_matrix(rows, range(n), model))] if n else [])
        ids = payload["models"]
        if type(ids) is not list:
            raise ApiError(400, f'"models" must be an array of model ids, one per row, got {_type_name(ids)}')
        if len(ids) != n:
            raise ApiError(400, f'"models" has {len(ids)} ids, "inputs" has {n} rows: give one id per row')
        groups: dict[str, list[int]] = {}
        for i, model_id in enumerate(ids):
            if type(model_id) is not str:
                raise ApiError(400, f"models[{i}] must be a string, got {_type_name(model_id)}")
            groups.setdefault(model_id, []).append(i)
        plan = [(registry.require(model_id), idx) for model_id, idx in groups.items()]
        return n, [(model, idx, _rows_to_matrix(rows, idx, model)) for model, idx in plan]

    @app.post("/infer")
    async def infer(request: Request):
        timings = Timings()
        require_content_type(request, "application/json", 'a JSON body {"inputs": [[...], ...]}')
        n, batches = decode_rows(parse_json(await read_body(request, limit)))
        timings.decode = time.perf_counter() - timings.start
        results = timings.run(lambda: [_run(model, x, idx) for model, idx, x in batches])
        encode_start = time.perf_counter()
        out: list = [None] * n
        for (_, idx, _), y in zip(batches, results):
            for i, row in zip(idx, y.tolist()):
                out[i] = row
        body = json_bytes(out)
        metrics.rows.observe(n)
        metrics.inferred_rows.inc(n)
        timings.encode = time.perf_counter() - encode_start
        return Response(body, media_type="application/json", headers={"Server-Timing": timings.header()})

    @app.put("/v1/models/{model_id}")
    async def put_model(model_id: str, request: Request):
        check_model_id(model_id)
        require_content_type(request, "application/octet-stream", "the ONNX model's bytes")
        model = load_model(model_id, await read_body(request, limit))
        created = registry.put(model)
        metrics.models_loaded.set(len(registry))
        return json_response(model.describe(registry.default.id), 201 if created else 200)

    @app.put("/v1/population")
    async def put_population(request: Request):
        require_content_type(request, "application/json", 'a JSON body {"models": {"ID": "BASE64 ONNX", ...}}')
        payload = parse_json(await read_body(request, limit))
        if type(payload) is not dict or type(payload.get("models")) is not dict:
            raise ApiError(400, 'the body must be a JSON object {"models": {"ID": "<base64 of an ONNX model>", ...}}')
        loaded = []
        for model_id, encoded in payload["models"].items():
            check_model_id(model_id)
            if type(encoded) is not str:
                raise ApiError(400, f"models[{model_id!r}] must be a base64 string, got {_type_name(encoded)}")
            try:
                data = base64.b64decode(encoded, validate=True)
            except (binascii.Error, ValueError) as e:
                raise ApiError(400, f"models[{model_id!r}] is not valid base64: {e}") from None
            loaded.append(load_model(model_id, data))
        registry.replace_population(loaded)
        metrics.models_loaded.set(len(registry))
        default = registry.default
        return json_response({"loaded": len(loaded), "models": [m.id for m in loaded], "default": default.id if default else None})

    @app.get("/v1/models")
    async def list_models():
        default = registry.default
        return json_response({"models": registry.describe(), "default": default.id if default else None})

    @app.delete("/v1/models/{model_id}")
    async def delete_model(model_id: str):
        if not registry.delete(model_id):
            registry.require(model_id)  # raises the 404 naming the loaded models
        metrics.models_loaded.set(len(registry))
        default = registry.default
        return json_response({"deleted": model_id, "default": default.id if default else None})

    @app.get("/healthz")
    async def healthz():
        default = registry.default
        return json_response({
            "status": "ok",
            "server": SERVER_KIND,
            "onnxruntime": ort.__version__,
            "models": len(registry),
            "default": default.id if default else None,
            "max_body_bytes": limit,
        })

    @app.get("/metrics")
    async def prometheus_metrics():
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    add_v2_routes(app, settings, registry, metrics, folder)

    ROUTES = ", ".join(
        f"{m} {r.path}" for r in app.routes if hasattr(r, "methods") for m in sorted(r.methods - {"HEAD"})
    )
    return app


def create_app_from_env() -> FastAPI:
    """The app configured by ONNX_SERVER_* variables, for `uvicorn --factory onnx_server.app:create_app_from_env`."""
    settings = Settings.from_env()
    if not logging.getLogger().handlers:
        logging.basicConfig(level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    return create_app(settings)
