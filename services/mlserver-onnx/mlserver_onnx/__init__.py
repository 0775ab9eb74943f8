"""An MLServer inference runtime for ONNX models, on ONNX Runtime, and a faster model repository.

In a model's `model-settings.json`: `"implementation": "mlserver_onnx.OnnxRuntimeModel"`.
In the server's `settings.json` (optional, for loading many models one by one):
`"model_repository_implementation": "mlserver_onnx.FolderModelRepository"`.
See services/mlserver-onnx/README.md.
"""

from .repository import FolderModelRepository
from .runtime import OnnxRuntimeModel

__all__ = ["FolderModelRepository", "OnnxRuntimeModel"]
