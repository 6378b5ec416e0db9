"""The drift model: what a run found, how bad it is, and the verdict per operation.

Two classes, as a client would feel them: *breaking* (something a client relies on changed or broke)
and *additive* (the service says more than the contract: an undocumented field or enum value).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    BREAKING = "breaking"
    ADDITIVE = "additive"


class Kind(StrEnum):
    """What changed. Each kind has one fixed severity, so classification cannot drift between checks."""

    FIELD_MISSING = "documented field missing"
    TYPE_CHANGED = "type changed"
    FORMAT_CHANGED = "format changed"
    ERROR_ENVELOPE_CHANGED = "error envelope changed"
    SUCCESS_BECAME_ERROR = "success turned into an error"
    SERVER_ERROR = "server error (5xx)"
    NO_ANSWER = "no answer within the timeout"
    UNPARSEABLE = "body unparseable"
    WRONG_STATUS = "status other than 200"
    INVALID_INPUT_ACCEPTED = "invalid input accepted"
    FORMATS_DISAGREE = "JSON and XML disagree"
    INCONSISTENT = "inconsistent data"
    FILTER_IGNORED = "filter not respected"
    UNDOCUMENTED_FIELD = "undocumented field"
    UNDOCUMENTED_ENUM_VALUE = "undocumented enum value"

    @property
    def severity(self) -> Severity:
        return Severity.ADDITIVE if self in _ADDITIVE else Severity.BREAKING


_ADDITIVE = {Kind.UNDOCUMENTED_FIELD, Kind.UNDOCUMENTED_ENUM_VALUE}


@dataclass(frozen=True)
class Finding:
    """One difference between the contract and an answer, with everything needed to reproduce it.

    ``operation`` is the operationId, ``path`` a JSON-pointer-like location in the answer
    (``/data/rows/0/agent``; for lmapi the line), ``curl`` the reproducing request, credentials masked.
    """

    operation: str
    kind: Kind
    path: str
    expected: str
    seen: str
    curl: str = ""
    response_excerpt: str = ""

    @property
    def severity(self) -> Severity:
        return self.kind.severity

    @property
    def identity(self) -> tuple[str, Kind, str]:
        """Findings with the same identity are one drift seen by several requests; report it once."""
        return (self.operation, self.kind, _generalise(self.path))


def _generalise(path: str) -> str:
    """``/data/rows/3/agent`` and ``/data/rows/0/agent`` are the same drift."""
    return "/".join("*" if part.isdigit() else part for part in path.split("/"))


@dataclass
class OperationResult:
    """Everything a run learnt about one operation."""

    operation: str
    action: str
    module: str
    requests: int = 0
    skipped: str = ""
    findings: list[Finding] | None = None
    occurrences: dict[tuple[str, Kind, str], int] | None = None
    """How many answers showed each finding (keyed by ``Finding.identity``)."""

    def __post_init__(self) -> None:
        if self.findings is None:
            self.findings = []
        if self.occurrences is None:
            self.occurrences = {}

    def add(self, finding: Finding) -> None:
        """Record a finding of one answer; call once per answer and identity."""
        assert self.findings is not None and self.occurrences is not None
        seen = self.occurrences.get(finding.identity, 0)
        if not seen:
            self.findings.append(finding)
        self.occurrences[finding.identity] = seen + 1

    def times_seen(self, finding: Finding) -> int:
        return (self.occurrences or {}).get(finding.identity, 0)

    @property
    def verdict(self) -> str:
        assert self.findings is not None
        if self.skipped:
            return "skipped"
        if any(f.severity is Severity.BREAKING for f in self.findings):
            return "breaking"
        if self.findings:
            return "additive"
        return "pass"


def exit_code(results: list[OperationResult], fail_on_additive: bool) -> int:
    """0 nothing breaking; 1 something breaking (or additive when asked to fail on it)."""
    verdicts = {result.verdict for result in results}
    if "breaking" in verdicts or (fail_on_additive and "additive" in verdicts):
        return 1
    return 0
