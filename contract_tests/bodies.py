"""Recognise and decode an answer body whatever label it travels under.

CrocoDial labels JSON, XML and lmapi text alike as ``text/html`` (ERRATA W2), so the kit sniffs the
body instead of trusting Content-Type. The same decoders back the schemathesis deserialisers.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Literal

from contract_tests import goapi_reader

BodyKind = Literal["json", "xml", "text", "empty"]

INVALID_RESPONSETYPE = re.compile(
    r"result=error;message=This API function only accepts XML or JSON value on responsetype;?"
)
"""ERRATA W5: the plain-text answer to a responsetype other than json/xml (with or without final ``;``)."""


class UnparseableBody(ValueError):
    """The body claims a format (starts like JSON or XML) but cannot be read as it."""


@dataclass(frozen=True)
class DecodedBody:
    kind: BodyKind
    text: str
    data: Any = None
    """json: the decoded value; xml: the kit reader's GoApiXml; text: the list of lines."""


def sniff(text: str) -> BodyKind:
    stripped = text.lstrip()
    if not stripped:
        return "empty"
    if stripped.startswith(("{", "[")):
        return "json"
    if stripped.startswith("<"):
        return "xml"
    return "text"


def decode(content: bytes | str) -> DecodedBody:
    """Decode by content; raise UnparseableBody when the body starts like a format it does not follow."""
    text = content.decode("utf-8", errors="replace") if isinstance(content, bytes) else content
    kind = sniff(text)
    if kind == "json":
        try:
            return DecodedBody(kind, text, json.loads(text))
        except ValueError as exc:
            raise UnparseableBody(f"not JSON: {exc}") from exc
    if kind == "xml":
        try:
            return DecodedBody(kind, text, goapi_reader.read(text))
        except Exception as exc:
            raise UnparseableBody(f"not goAPI XML: {exc}") from exc
    if kind == "text":
        return DecodedBody(kind, text, text_lines(text))
    return DecodedBody(kind, text, None)


def text_lines(text: str) -> list[str]:
    """lmapi answers one message per line (ERRATA L6); blank lines carry nothing."""
    return [line for line in text.splitlines() if line.strip()]


def nodes_to_data(nodes: list[Any]) -> Any:
    """An XML node list as plain data for schemathesis (repeated tags become lists)."""
    result: dict[str, Any] = {}
    for tag, value in nodes:
        item = nodes_to_data(value) if isinstance(value, list) else value
        if tag in result:
            existing = result[tag]
            result[tag] = [*existing, item] if isinstance(existing, list) else [existing, item]
        else:
            result[tag] = item
    return result
