"""The error envelopes CrocoDial answers with, in one catalogue so every module says them alike.

Every envelope is a plain dict in PHP key order; the renderer turns it into JSON, goAPI XML or text.
Texts are byte-exact (trailing spaces and all); see openapi/ERRATA.md for where each one comes from.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class ApiError(Exception):
    """Raised by a handler to answer with an error envelope instead of a success body."""

    def __init__(self, body: Mapping[str, Any]):
        super().__init__(str(body))
        self.body: dict[str, Any] = dict(body)


def invalid_credentials() -> dict[str, Any]:
    """Documented: bad goUser/goPass, checked before the action is looked up."""
    return {"result": "error", "message": "Invalid Username/Password"}


def command_not_found() -> dict[str, Any]:
    """From upstream: unknown, empty or foreign goAction on a root-dispatched module."""
    return {"result": "error", "message": "Command Not Found"}


def agent_command_not_found() -> dict[str, Any]:
    """From upstream goAgent dispatcher: an unknown goAction (note the capital NOT)."""
    return {"result": "error", "message": "Command NOT Found"}


def agent_empty_action() -> dict[str, Any]:
    """From upstream goAgent dispatcher: goAction missing or empty."""
    return {"result": "error", "message": "goAction should NOT be empty"}


def missing_parameters() -> dict[str, Any]:
    """Documented 40001: a required parameter is missing (CrocoDial uses "message", not "result")."""
    return {"code": "40001", "message": "Error: Missing required parameters"}


def invalid_value(param: str) -> dict[str, Any]:
    """41004 for a parameter whose value the action cannot use (bad date, unknown id, bad enum).

    Upstream's error_handle appends "in <param>"; CrocoDial's documented 40001 moved the text to
    "message", so this envelope does the same (inferred, see ERRATA.md)."""
    return {"code": "41004", "message": f"Invalid value in {param}"}


INVALID_RESPONSETYPE_TEXT = (
    "result=error;message=This API function only accepts XML or JSON value on responsetype;"
)
"""Plain-text body for a responsetype other than json/xml (upstream; no trailing newline)."""
