"""The last drift report the contract kit wrote into the report folder (``serve --report-dir DIR``):
its summary read from ``drift-report.json``, and its self-contained ``drift-report.html`` as written."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

JSON_NAME = "drift-report.json"
HTML_NAME = "drift-report.html"
KIT_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
"""The policy the kit's page declares for itself (contract_tests/html_report.py), sent as a header too."""
MAX_BYTES = 50 * 1024 * 1024
"""A report folder is the user's; a file bigger than this is not read into memory."""


@dataclass
class DriftReport:
    """What the console knows of the report folder: ``problem`` says why there is no summary."""

    folder: str | None
    problem: str = ""
    written: str = ""
    has_html: bool = False
    target: str = ""
    contract: str = ""
    started: str = ""
    seconds: float | None = None
    exit_code: Any = None
    complete: bool = True
    verdicts: list[tuple[str, int]] = field(default_factory=list)
    findings: dict[str, Any] = field(default_factory=dict)
    causes: list[dict[str, Any]] = field(default_factory=list)
    operations: list[dict[str, Any]] = field(default_factory=list)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def read(folder: str | None) -> DriftReport:
    if not folder:
        return DriftReport(folder, problem="no report folder")
    directory = Path(folder)
    path = directory / JSON_NAME
    report = DriftReport(folder, has_html=(directory / HTML_NAME).is_file())
    try:
        if path.stat().st_size > MAX_BYTES:
            report.problem = f"{JSON_NAME} is larger than {MAX_BYTES // 1024 // 1024} MB"
            return report
        document = json.loads(path.read_text(encoding="utf-8"))
        report.written = datetime.fromtimestamp(path.stat().st_mtime, UTC).strftime("%Y-%m-%d %H:%M:%S")
    except FileNotFoundError:
        report.problem = f"no {JSON_NAME} in the folder yet"
        return report
    except (OSError, ValueError) as error:
        report.problem = f"{JSON_NAME} cannot be read: {error}"
        return report
    if not isinstance(document, dict):
        report.problem = f"{JSON_NAME} is not a drift report (not a JSON object)"
        return report
    _summarize(report, document)
    return report


def _summarize(report: DriftReport, document: dict[str, Any]) -> None:
    """Copy what the page shows, tolerating a report from another version of the kit (missing keys)."""
    report.target = _text(document.get("target"))
    report.contract = _text(document.get("contract"))
    report.started = _text(document.get("started"))
    seconds = document.get("seconds")
    report.seconds = seconds if isinstance(seconds, int | float) else None
    report.exit_code = document.get("exit_code")
    report.complete = document.get("complete") is not False
    verdicts = document.get("verdicts")
    if isinstance(verdicts, dict):
        report.verdicts = [(_text(name), count) for name, count in verdicts.items() if isinstance(count, int)]
    findings = document.get("findings")
    report.findings = findings if isinstance(findings, dict) else {}
    causes = document.get("causes")
    report.causes = [c for c in causes if isinstance(c, dict)] if isinstance(causes, list) else []
    operations = document.get("operations")
    if isinstance(operations, list):
        report.operations = [
            {
                "operation": _text(op.get("operation")),
                "module": _text(op.get("module")),
                "verdict": _text(op.get("verdict")),
                "requests": _text(op.get("requests")),
                "findings": len(op["findings"]) if isinstance(op.get("findings"), list) else 0,
            }
            for op in operations
            if isinstance(op, dict)
        ]


def html_page(folder: str | None) -> bytes | None:
    """The kit's HTML report as written, or None when there is none (or it is too big to serve)."""
    if not folder:
        return None
    path = Path(folder) / HTML_NAME
    try:
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            return None
        return path.read_bytes()
    except OSError:
        return None
