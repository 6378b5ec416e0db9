"""Stub files as ``serve --mappings`` loads them and ``crocodial-mock record`` writes them.

A file holds one stub, a list of stubs, or WireMock's ``{"mappings": [...]}``. The emulator (loading
them) and the contract kit (judging a recording) read files through this one function, so they cannot
disagree on what a file holds; what a stub means stays each reader's own business.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


class StubFileUnreadable(ValueError):
    """The file cannot be read as JSON; the message says why (the caller names the file)."""


def stubs_in(path: Path) -> list[Any]:
    """The stubs a file holds, unchecked."""
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise StubFileUnreadable(f"not a JSON file: {error}") from None
    if isinstance(content, dict) and "mappings" in content:
        content = content["mappings"]
    return content if isinstance(content, list) else [content]
