"""Runs the service: `python -m onnx_server [--host H] [--port P] [--model FILE] [--model-repository DIR]`."""

from __future__ import annotations

import argparse
import logging
import sys

import uvicorn

from .app import create_app
from .settings import DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_TENSOR_ELEMENTS, Settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m onnx_server",
        description="ONNX Runtime inference service with the same HTTP API as `dashboard serve`, "
                    "and the Open Inference Protocol (KServe v2) under /v2.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, loopback only)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    parser.add_argument("--model", metavar="FILE", help="an .onnx file to load at start as the default model")
    parser.add_argument("--model-id", metavar="ID", help="id of the --model file (default: its name without .onnx)")
    parser.add_argument("--model-repository", metavar="DIR",
                        help="folder that POST /v2/repository/models/NAME/load reads NAME/model.onnx "
                             "or NAME/<version>/model.onnx from when the request carries no file")
    parser.add_argument("--max-tensor-elements", type=int, default=DEFAULT_MAX_TENSOR_ELEMENTS,
                        help=f"largest input tensor of a v2 request, in values (default: {DEFAULT_MAX_TENSOR_ELEMENTS})")
    parser.add_argument("--max-body-bytes", type=int, default=DEFAULT_MAX_BODY_BYTES,
                        help=f"largest request body accepted, larger ones get 413 (default: {DEFAULT_MAX_BODY_BYTES})")
    parser.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"],
                        help="'info' logs every request as `POST /infer - 200 - 0.12ms`; 'warning' silences that")
    args = parser.parse_args(argv)
    if args.max_body_bytes <= 0:
        parser.error(f"--max-body-bytes must be positive, got {args.max_body_bytes}")
    if args.max_tensor_elements <= 0:
        parser.error(f"--max-tensor-elements must be positive, got {args.max_tensor_elements}")
    if not 0 <= args.port <= 65535:
        parser.error(f"--port must be 0...65535, got {args.port}")

    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s",
                        stream=sys.stderr)
    settings = Settings(model_path=args.model, model_id=args.model_id, max_body_bytes=args.max_body_bytes,
                        log_level=args.log_level, model_repository=args.model_repository,
                        max_tensor_elements=args.max_tensor_elements)
    app = create_app(settings)
    # One worker: models live in the process that received the upload.
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level, access_log=False, workers=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
