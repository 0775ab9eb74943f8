"""Start-up settings, from the command line or from environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass

SERVICE_VERSION = "1.1.0"  # reported by GET /v2
DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024
# 32 MiB of float32: as many values as the default body limit holds in binary form.
DEFAULT_MAX_TENSOR_ELEMENTS = 8 * 1024 * 1024


@dataclass(frozen=True)
class Settings:
    """What the service needs to start.

    Environment variables (used by `create_app_from_env`, e.g. under
    `uvicorn --factory`): ONNX_SERVER_MODEL (an .onnx file loaded at start as
    the default model), ONNX_SERVER_MODEL_ID (its id; default: the file name
    without .onnx), ONNX_SERVER_MODEL_REPOSITORY (a folder that
    `POST /v2/repository/models/{name}/load` reads `{name}/model.onnx` or
    `{name}/{version}/model.onnx` from), ONNX_SERVER_MAX_BODY_BYTES,
    ONNX_SERVER_MAX_TENSOR_ELEMENTS, ONNX_SERVER_LOG_LEVEL.
    """

    model_path: str | None = None
    model_id: str | None = None
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    log_level: str = "info"
    model_repository: str | None = None
    max_tensor_elements: int = DEFAULT_MAX_TENSOR_ELEMENTS

    @staticmethod
    def from_env(env: dict[str, str] | None = None) -> "Settings":
        env = dict(os.environ if env is None else env)
        return Settings(
            model_path=env.get("ONNX_SERVER_MODEL") or None,
            model_id=env.get("ONNX_SERVER_MODEL_ID") or None,
            max_body_bytes=_positive(env, "ONNX_SERVER_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES, "a whole number of bytes"),
            log_level=env.get("ONNX_SERVER_LOG_LEVEL", "info"),
            model_repository=env.get("ONNX_SERVER_MODEL_REPOSITORY") or None,
            max_tensor_elements=_positive(env, "ONNX_SERVER_MAX_TENSOR_ELEMENTS", DEFAULT_MAX_TENSOR_ELEMENTS, "a whole number"),
        )


def _positive(env: dict[str, str], name: str, default: int, what: str) -> int:
    raw = env.get(name, str(default))
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"{name} must be {what}, got {raw!r}") from None
    if value <= 0:
        raise ValueError(f"{name} must be positive, got {value}")
    return value
