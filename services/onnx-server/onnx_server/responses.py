"""What every route shares: the JSON error shape, body reading under a limit, JSON parsing."""

from __future__ import annotations

import json

from fastapi import Request
from fastapi.responses import Response


class ApiError(Exception):
    """An error answered as `{"error": message}` with `status` (the Open Inference Protocol's error shape)."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers


class _NonFinite(ValueError):
    pass


def _reject_constant(name: str):
    raise _NonFinite(name)


def json_bytes(payload) -> bytes:
    """Compact JSON; NaN and infinities are refused (JSON cannot carry them)."""
    return json.dumps(payload, separators=(",", ":"), allow_nan=False).encode()


def json_response(payload, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(json_bytes(payload), status_code=status, media_type="application/json", headers=headers)


def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return json_response({"error": message}, status, headers)


def content_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def require_content_type(request: Request, expected: str, what: str) -> None:
    got = content_type(request)
    if got != expected:
        shown = f'"{got}"' if got else "none"
        raise ApiError(415, f"{request.method} {request.url.path} takes {what} as Content-Type: {expected}, got {shown}")


async def read_body(request: Request, limit: int) -> bytes:
    """The whole body, refusing (413) anything over `limit` bytes before or while reading it."""
    encoding = request.headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("", "identity"):
        raise ApiError(415, f"Content-Encoding {encoding!r} is not supported: send the body uncompressed")
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            size = int(declared)
        except ValueError:
            raise ApiError(400, f"Content-Length {declared!r} is not a number") from None
        if size > limit:
            raise ApiError(413, f"body of {size} bytes is over the limit of {limit} bytes (start the server with a larger --max-body-bytes)")
    chunks, total = [], 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > limit:
            raise ApiError(413, f"body is over the limit of {limit} bytes (start the server with a larger --max-body-bytes)")
        chunks.append(chunk)
    return b"".join(chunks)


def parse_json(body: bytes, what: str = "the JSON body"):
    """Parses `body`; NaN/Infinity literals and malformed JSON are 400s naming `what`."""
    if not body:
        raise ApiError(400, "malformed JSON: the body is empty")
    try:
        return json.loads(body, parse_constant=_reject_constant)
    except _NonFinite as e:
        raise ApiError(400, f"non-finite number {e} in {what}: inputs must be finite") from None
    except (ValueError, UnicodeDecodeError) as e:
        raise ApiError(400, f"malformed JSON: {e}") from None


def type_name(v) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(v), type(v).__name__
    )
