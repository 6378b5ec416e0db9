"""The Content-Type each answer is labelled with (ERRATA W2).

Upstream never sets one for goAPI, so PHP's default ``text/html; charset=UTF-8`` labels JSON and XML
alike; lmapi sets ``text/html; charset=utf-8`` itself. ``accurate`` mode labels what the body is, for
clients (and tools) that dispatch on the media type.
"""

from __future__ import annotations

from typing import Literal

AnswerKind = Literal["json", "xml", "text", "lmapi"]

UPSTREAM_GOAPI = "text/html; charset=UTF-8"
UPSTREAM_LMAPI = "text/html; charset=utf-8"
ACCURATE = {
    "json": "application/json",
    "xml": "application/xml; charset=UTF-8",
    "text": "text/plain; charset=UTF-8",
    "lmapi": "text/plain; charset=utf-8",
}


def content_type(kind: AnswerKind, mode: str) -> str:
    """The header value for an answer of ``kind`` under ``--content-type upstream|accurate``."""
    if mode == "accurate":
        return ACCURATE[kind]
    return UPSTREAM_LMAPI if kind == "lmapi" else UPSTREAM_GOAPI
