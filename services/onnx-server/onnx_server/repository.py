"""The model repository extension: load requests (with the model file inline) and the model folder.

A load request is Triton's: `{"parameters": {"config": "<model config as a
JSON string>", "file:<version>/model.onnx": "<base64 of the file>"}}`. Without
a file, the model is read from the `--model-repository` folder, laid out as
Triton's (`NAME/<version>/model.onnx`, the highest version wins) or as
MLServer's (`NAME/model.onnx`, beside its `model-settings.json`), so one
folder serves all three servers.
"""

from __future__ import annotations

import base64
import binascii
import json
import pathlib
import re
from dataclasses import dataclass

from .registry import MODEL_ID, ModelError
from .responses import ApiError, parse_json, type_name

MODEL_FILE = "model.onnx"
_FILE_PARAMETER = re.compile(r"^file:([0-9]{1,9})/(.*)$")
_BACKENDS = {"backend": "onnxruntime", "platform": "onnxruntime_onnx"}


@dataclass
class ModelFile:
    """ONNX bytes and the version they load as."""

    data: bytes
    version: str


def parse_load_request(body: bytes, name: str) -> ModelFile | None:
    """The model file carried by a load request, or None when it names none (read the folder then)."""
    parameters = _parameters(body, "load")
    config_given = "config" in parameters
    if config_given:
        _check_config(parameters["config"], name)
    files = {}
    for key, value in parameters.items():
        if key == "config":
            continue
        match = _FILE_PARAMETER.match(key)
        if match is None:
            raise ApiError(400, f'unknown load parameter "{key[:80]}": this server takes "config" and "file:<version>/{MODEL_FILE}"')
        if match.group(2) != MODEL_FILE:
            raise ApiError(400, f'load parameter "{key[:80]}": this server loads one ONNX file per model, named "file:<version>/{MODEL_FILE}"')
        files[match.group(1)] = (key, value)
    if not files:
        return None
    if len(files) > 1:
        raise ApiError(400, f"the load request has files for versions {', '.join(sorted(files))}: send one version of the model")
    if not config_given:
        raise ApiError(400, 'a load request with a model file needs a "config" parameter too (the model configuration as a JSON string, "{}" will do), as Triton requires')
    version, (key, encoded) = next(iter(files.items()))
    if type(encoded) is not str:
        raise ApiError(400, f'load parameter "{key}" must be the file as a base64 string, got {type_name(encoded)}')
    try:
        data = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError) as e:
        raise ApiError(400, f'load parameter "{key}" is not valid base64: {e}') from None
    if not data:
        raise ApiError(400, f'load parameter "{key}" is empty: expected the bytes of an ONNX model')
    return ModelFile(data, str(int(version)))


def parse_unload_request(body: bytes) -> None:
    """Checks an unload body: empty, or `{"parameters": {"unload_dependents": bool}}`."""
    parameters = _parameters(body, "unload")
    for key, value in parameters.items():
        if key != "unload_dependents":
            raise ApiError(400, f'unknown unload parameter "{key[:80]}": this server takes "unload_dependents"')
        if type(value) is not bool:
            raise ApiError(400, f"unload parameter unload_dependents must be true or false, got {type_name(value)}")


def parse_index_request(body: bytes) -> bool:
    """The `ready` flag of an index body (empty or `{"ready": bool}`)."""
    if not body.strip():
        return False
    payload = parse_json(body, "the index request")
    if type(payload) is not dict:
        raise ApiError(400, f'the index request must be a JSON object {{"ready": true}}, got {type_name(payload)}')
    ready = payload.get("ready", False)
    if type(ready) is not bool:
        raise ApiError(400, f'"ready" must be true or false, got {type_name(ready)}')
    return ready


def _parameters(body: bytes, what: str) -> dict:
    if not body.strip():
        return {}
    payload = parse_json(body, f"the {what} request")
    if type(payload) is not dict:
        raise ApiError(400, f'the {what} request must be a JSON object {{"parameters": {{...}}}}, got {type_name(payload)}')
    parameters = payload.get("parameters", {})
    if type(parameters) is not dict:
        raise ApiError(400, f'"parameters" of the {what} request must be an object, got {type_name(parameters)}')
    return parameters


def _check_config(config, name: str) -> None:
    if type(config) is not str:
        raise ApiError(400, f'load parameter "config" must be the model configuration as a JSON string, got {type_name(config)}')
    try:
        parsed = json.loads(config) if config.strip() else {}
    except ValueError as e:
        raise ApiError(400, f'load parameter "config" is not valid JSON: {e}') from None
    if type(parsed) is not dict:
        raise ApiError(400, f'load parameter "config" must hold a JSON object, got {type_name(parsed)}')
    if "name" in parsed and parsed["name"] != name:
        raise ApiError(400, f'load parameter "config" names model {str(parsed["name"])[:80]!r}, but the request loads {name!r}')
    for key, wanted in _BACKENDS.items():
        if key in parsed and parsed[key] != wanted:
            raise ApiError(400, f'load parameter "config" asks for {key} {str(parsed[key])[:80]!r}; this server runs ONNX models ({key} "{wanted}")')


class ModelFolder:
    """The `--model-repository` folder: which models it holds and their files."""

    def __init__(self, root: str | None) -> None:
        self.root = pathlib.Path(root) if root else None

    def names(self) -> list[str]:
        """Models the folder holds (sub-folders with a model.onnx, directly or in a version folder)."""
        if self.root is None:
            return []
        try:
            entries = sorted(p for p in self.root.iterdir() if p.is_dir() and MODEL_ID.match(p.name))
        except OSError:
            return []
        return [p.name for p in entries if self._file(p) is not None]

    def read(self, name: str) -> ModelFile:
        """The model `name` from the folder; raises ApiError (400 without a folder, 404 when absent)."""
        if self.root is None:
            raise ApiError(
                400,
                f'the load request for {name!r} carries no model file and the server has no model repository: '
                f'send "file:1/{MODEL_FILE}" (base64) with a "config", or start the server with --model-repository DIR',
            )
        found = self._file(self.root / name)
        if found is None:
            raise ApiError(
                404,
                f"model {name!r} is not in the model repository {self.root} "
                f"(looked for {name}/{MODEL_FILE} and {name}/<version>/{MODEL_FILE})",
            )
        path, version = found
        try:
            return ModelFile(path.read_bytes(), version)
        except OSError as e:
            raise ModelError(400, f"cannot read {path}: {e.strerror}") from None

    @staticmethod
    def _file(folder: pathlib.Path) -> tuple[pathlib.Path, str] | None:
        try:
            versions = [(int(p.name), p) for p in folder.iterdir() if p.is_dir() and p.name.isdigit() and (p / MODEL_FILE).is_file()]
        except OSError:
            return None
        if versions:
            v, path = max(versions)
            return path / MODEL_FILE, str(v)
        flat = folder / MODEL_FILE
        return (flat, "1") if flat.is_file() else None
