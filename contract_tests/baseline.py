"""Drift over time: compare this run's findings with a previous ``drift-report.json``.

Each finding is new, unchanged, or (in the baseline only) resolved. A finding of an operation this run
did not judge (skipped, unreachable, not selected) is not called resolved: nobody looked.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from contract_tests.findings import OperationResult


class BaselineUnreadable(ValueError):
    """The --baseline file is not a drift-report.json of this kit."""


@dataclass
class BaselineDiff:
    path: str
    status: dict[str, str] = field(default_factory=dict)
    """finding key -> new or unchanged."""
    resolved: list[dict[str, Any]] = field(default_factory=list)
    """The baseline's findings this run judged and no longer saw."""

    breaking_keys: set[str] = field(default_factory=set)

    @property
    def new_breaking(self) -> int:
        return sum(1 for key, status in self.status.items() if status == "new" and key in self.breaking_keys)

    def counts(self) -> dict[str, int]:
        values = list(self.status.values())
        return {
            "new": values.count("new"),
            "unchanged": values.count("unchanged"),
            "resolved": len(self.resolved),
            "new_breaking": self.new_breaking,
        }


def load_baseline(path: Path) -> dict[str, Any]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BaselineUnreadable(f"cannot read baseline {path}: {exc}") from exc
    if not isinstance(document, dict) or not isinstance(document.get("operations"), list):
        raise BaselineUnreadable(f"{path} is not a drift-report.json (no operations list)")
    return document


def compare(results: list[OperationResult], baseline: dict[str, Any], path: str) -> BaselineDiff:
    diff = BaselineDiff(path)
    before: dict[str, dict[str, Any]] = {}
    for operation in baseline["operations"]:
        for finding in operation.get("findings") or []:
            if finding.get("key"):
                before[finding["key"]] = {**finding, "operation": operation.get("operation")}
    judged = {r.operation for r in results if not (r.skipped or r.unreachable)}
    now: set[str] = set()
    for result in results:
        for finding in result.findings or []:
            now.add(finding.key)
            diff.status[finding.key] = "unchanged" if finding.key in before else "new"
            if finding.severity.value == "breaking":
                diff.breaking_keys.add(finding.key)
    for key, finding in before.items():
        if key not in now and finding.get("operation") in judged:
            diff.resolved.append(finding)
    return diff
