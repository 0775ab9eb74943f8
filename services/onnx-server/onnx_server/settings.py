"""Start-up settings, from the command line or from environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class Settings:
    """What the service needs to start.

    Environment variables (used by `create_app_from_env`, e.g. under
    `uvicorn --factory`): ONNX_SERVER_MODEL (an .onnx file loaded at start as
    the default model), ONNX_SERVER_MODEL_ID (its id; default: the file name
    without .onnx), ONNX_SERVER_MAX_BODY_BYTES, ONNX_SERVER_LOG_LEVEL.
    """

    model_path: str | None = None
    model_id: str | None = None
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    log_level: str = "info"

    @staticmethod
    def from_env(env: dict[str, str] | None = None) -> "Settings":
        env = dict(os.environ if env is None else env)
        raw_limit = env.get("ONNX_SERVER_MAX_BODY_BYTES", str(DEFAULT_MAX_BODY_BYTES))
        try:
            limit = int(raw_limit)
        except ValueError:
            raise ValueError(f"ONNX_SERVER_MAX_BODY_BYTES must be a whole number of bytes, got {raw_limit!r}") from None
        if limit <= 0:
            raise ValueError(f"ONNX_SERVER_MAX_BODY_BYTES must be positive, got {limit}")
        return Settings(
            model_path=env.get("ONNX_SERVER_MODEL") or None,
            model_id=env.get("ONNX_SERVER_MODEL_ID") or None,
            max_body_bytes=limit,
            log_level=env.get("ONNX_SERVER_LOG_LEVEL", "info"),
        )
