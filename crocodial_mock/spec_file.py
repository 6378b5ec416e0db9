"""Reading a contract file (the packaged one or ``--spec PATH``), with a one-line reason when it is unusable.

Both CLIs print that reason instead of a traceback: a missing file, a file that is not YAML, or YAML that
is not an OpenAPI document.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's loader when present: about 10x faster."""


class SpecUnreadable(ValueError):
    """The contract file cannot be used; ``str()`` is the path and the reason, on one line."""


def unreadable(path: Path, error: OSError) -> SpecUnreadable:
    """The file system's reason (no such file, a directory, permission denied) as a SpecUnreadable."""
    reason = (error.strerror or type(error).__name__).lower()
    return SpecUnreadable(f"cannot read contract {path}: {reason}")


def read_spec(path: Path) -> dict[str, Any]:
    """The parsed OpenAPI document at ``path``."""
    return construct_spec(path, compose_spec(path))


def compose_spec(path: Path) -> yaml.Node:
    """The YAML node tree of the file at ``path``: parsing is most of the cost of reading a contract, and a
    caller that needs the document as two loaders read it (the kit and schemathesis) parses only once."""
    try:
        with path.open("rb") as stream:
            loader = _LOADER(stream)
            try:
                node = loader.get_single_node()
            finally:
                loader.dispose()
    except OSError as error:
        raise unreadable(path, error) from error
    except yaml.YAMLError as error:
        raise SpecUnreadable(f"contract {path} is not YAML: {_yaml_reason(error)}") from error
    return node


def construct_spec(path: Path, node: yaml.Node | None) -> dict[str, Any]:
    """The OpenAPI document of ``compose_spec(path)``'s node tree, as ``yaml.safe_load`` reads it."""
    try:
        document = _LOADER("").construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        raise SpecUnreadable(f"contract {path} is not YAML: {_yaml_reason(error)}") from error
    except ValueError as error:  # a plain scalar YAML types but cannot build, such as the date 2025-13-45
        raise SpecUnreadable(f"contract {path} is not YAML: {error}") from error
    if not isinstance(document, dict) or not str(document.get("openapi", "")).startswith("3."):
        raise SpecUnreadable(f"contract {path} is not an OpenAPI 3 document (no 'openapi: 3.x' at its top)")
    if not isinstance(document.get("paths"), dict):
        raise SpecUnreadable(f"contract {path} is not an OpenAPI 3 document (no 'paths' mapping)")
    return document


def _yaml_reason(error: yaml.YAMLError) -> str:
    problem = getattr(error, "problem", None) or getattr(error, "reason", None) or str(error)
    mark = getattr(error, "problem_mark", None)
    where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
    return " ".join(f"{problem}{where}".split())
