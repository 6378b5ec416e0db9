"""Where the contract and fixtures live, so every module finds the same files, installed or not.

They are package data of ``crocodial_mock.data`` read through ``importlib.resources``: the same code finds
them in a checkout, an editable install, a wheel or an sdist install, never by a path relative to a
repository that an installed package does not have.
"""

from __future__ import annotations

import atexit
from contextlib import ExitStack
from importlib.resources import as_file, files
from pathlib import Path

_extracted = ExitStack()
atexit.register(_extracted.close)


def _data_path(name: str) -> Path:
    """A real file system path to a packaged file (extracted for the process's life if the package is
    zipped, since YAML loaders and schemathesis want paths)."""
    resource = files("crocodial_mock.data") / name
    if isinstance(resource, Path):
        return resource
    return _extracted.enter_context(as_file(resource))


SPEC_PATH = _data_path("crocodial.yaml")
ERRATA_PATH = _data_path("ERRATA.md")
IDENTITIES_PATH = _data_path("identities.yaml")
EXAMPLES_DIR = _data_path("examples")
