"""Read a folder of recorded exchanges (``crocodial-mock record --out DIR``) without the emulator's code.

The files are the control plane's stub format, documented JSON (README, "Stubs and scenarios"): each
``*.json`` holds one stub, a list, or ``{"mappings": [...]}`` (the recording's summary is such a file
with no stubs). A recorded stub's ``request`` names ``module``, ``action``, ``method``, ``parameters``
(``{"equalTo": value}``) and ``credentials`` (``valid``/``invalid``); its ``response`` carries
``status``, ``headers`` and the raw ``body`` (lmapi ``lines`` are read too). The kit reads them here
itself (the file layout through the neutral ``crocodial_mock.stub_files``), so judging a recording never
borrows the emulator's stub code.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crocodial_mock.stub_files import StubFileUnreadable, stubs_in


class RecordingUnreadable(ValueError):
    """The folder or one of its files cannot be read as a recording: the message says which and why."""


@dataclass(frozen=True)
class RecordedExchange:
    """One recorded request (credentials already removed by the recorder) and its answer."""

    file: str
    module: str | None
    action: str | None
    method: str
    parameters: tuple[tuple[str, str], ...]
    credentials: str | None
    status: int
    content_type: str
    body: bytes


def read_recording(folder: Path) -> tuple[list[RecordedExchange], list[str]]:
    """(the exchanges, in file order; notes on stubs that hold no recorded answer)."""
    if not folder.is_dir():
        raise RecordingUnreadable(f"recording {folder} is not a folder")
    exchanges: list[RecordedExchange] = []
    notes: list[str] = []
    for path in sorted(folder.glob("*.json")):
        for index, stub in enumerate(_stubs_in(path), 1):
            where = path.name if index == 1 else f"{path.name} stub {index}"
            exchange = _exchange(where, stub)
            if isinstance(exchange, str):
                notes.append(f"{where}: {exchange}")
            else:
                exchanges.append(exchange)
    return exchanges, notes


def _stubs_in(path: Path) -> list[Any]:
    try:
        return stubs_in(path)
    except StubFileUnreadable as error:
        raise RecordingUnreadable(f"recording file {path}: {error}") from None


def _exchange(where: str, stub: Any) -> RecordedExchange | str:
    """The exchange, or why this stub holds none."""
    if not isinstance(stub, dict) or not isinstance(stub.get("request"), dict):
        return "not a stub (no request object)"
    request, response = stub["request"], stub.get("response")
    if not isinstance(response, dict):
        return "no response object"
    if isinstance(response.get("body"), str):
        body = response["body"]
    elif isinstance(response.get("lines"), list):
        body = "".join(f"{line}\n" for line in response["lines"])
    else:
        return "no recorded body (a hand-written json or fault stub is not a recording)"
    parameters = []
    for name, matcher in sorted((request.get("parameters") or {}).items()):
        if isinstance(matcher, dict) and isinstance(matcher.get("equalTo"), str):
            parameters.append((name, matcher["equalTo"]))
    headers = response.get("headers") or {}
    content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
    status = response.get("status", 200)
    if not isinstance(status, int):
        return "status is not a number"
    return RecordedExchange(
        file=where,
        module=request.get("module") or request.get("endpoint"),
        action=request.get("action"),
        method=str(request.get("method") or "GET").upper(),
        parameters=tuple(parameters),
        credentials=request.get("credentials"),
        status=status,
        content_type=str(content_type),
        body=body.encode("utf-8"),
    )
