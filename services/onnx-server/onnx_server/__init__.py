"""An ONNX Runtime inference service with the same HTTP API as `dashboard serve`.

See docs/onnx.md in the repository for how to start it and what each route does.
"""

from .app import create_app, create_app_from_env
from .registry import ModelError, ModelRegistry
from .settings import Settings

__all__ = ["create_app", "create_app_from_env", "ModelError", "ModelRegistry", "Settings"]
