"""The drift model: what a run found, how bad it is, and the verdict per operation.

Two classes, as a client would feel them: *breaking* (something a client relies on changed or broke)
and *additive* (the service says more than the contract: an undocumented field or enum value).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
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
    NO_SUCH_ENDPOINT = "no such endpoint"
    NOT_DEPLOYED = "action not deployed"
    INCONSISTENT = "inconsistent data"
    FILTER_IGNORED = "filter not respected"
    UNDOCUMENTED_FIELD = "undocumented field"
    UNDOCUMENTED_ENUM_VALUE = "undocumented enum value"

    @property
    def severity(self) -> Severity:
        return Severity.ADDITIVE if self in _ADDITIVE else Severity.BREAKING


_ADDITIVE = {Kind.UNDOCUMENTED_FIELD, Kind.UNDOCUMENTED_ENUM_VALUE}
_PRESENCE = {Kind.FIELD_MISSING, Kind.UNDOCUMENTED_FIELD}


@dataclass(frozen=True)
class Finding:
    """One difference between the contract and an answer, with everything needed to reproduce it.

    ``operation`` is the operationId, ``path`` a JSON-pointer-like location in the answer
    (``/data/rows/0/agent``; for lmapi the line), ``curl`` the reproducing request, credentials as
    ``$CROCODIAL_USER``/``$CROCODIAL_PASSWORD``.
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
    def identity(self) -> tuple[str, Kind, str, str]:
        """Findings with the same identity are one drift seen by several answers; report it once.
        Rows and digits are generalised, so ``/data/rows/3`` and ``/data/rows/0`` or two dates in
        the same layout are one drift, while a different envelope or layout is another."""
        shape = "" if self.kind in _PRESENCE else seen_shape(self.seen)  # there or not, whatever the value
        return (self.operation, self.kind, generalise(self.path), shape)

    @property
    def key(self) -> str:
        """The identity as one stable string: what a baseline compares."""
        operation, kind, path, shape = self.identity
        return f"{operation} | {kind.value} | {path} | {shape}"


def generalise(path: str) -> str:
    """``/data/rows/3/agent`` and ``/data/rows/0/agent`` are the same drift."""
    return "/".join("*" if part.isdigit() else part for part in path.split("/"))


def seen_shape(seen: str) -> str:
    """What was seen with its digits generalised: ``'2025/05/12'`` and ``'2025/05/13'`` are one layout."""
    return re.sub(r"\d+", "9", seen)


MAX_EXAMPLES = 3
"""Distinct examples kept per finding (a different seen value or a different request)."""


@dataclass
class Coverage:
    """Which success shapes the run judged with data, and why not when it did not."""

    json: bool = False
    xml: bool = False
    json_reason: str = "no success answer with data was judged"
    xml_reason: str = "no success answer with data was judged"
    compared: bool = False

    def verified(self, needs_xml: bool) -> bool:
        return self.json and (self.xml or not needs_xml)


@dataclass
class OperationResult:
    """Everything a run learnt about one operation."""

    operation: str
    action: str
    module: str
    requests: int = 0
    skipped: str = ""
    findings: list[Finding] | None = None
    occurrences: dict[tuple[str, Kind, str, str], int] | None = None
    """How many answers showed each finding (keyed by ``Finding.identity``)."""
    examples: dict[tuple[str, Kind, str, str], list[Finding]] | None = None
    """Up to ``MAX_EXAMPLES`` distinct examples of each finding, the first being ``findings``' own."""
    not_deployed: str = ""
    """Why the target does not know this action (its answer to a well-formed request), if it does not."""
    unreachable: str = ""
    """Why the run could not judge this operation: the target was lost before or while it ran."""
    kit_errors: list[str] = field(default_factory=list)
    """Errors inside the kit (generation, decoding): reported, never swallowed."""
    coverage: Coverage = field(default_factory=Coverage)
    needs_success: bool = True
    """Read operations must show a verified success shape; writes and skipped ones need not."""
    needs_xml: bool = True
    """goAPI answers in JSON and XML; lmapi only in text."""

    def __post_init__(self) -> None:
        if self.findings is None:
            self.findings = []
        if self.occurrences is None:
            self.occurrences = {}
        if self.examples is None:
            self.examples = {}

    def add(self, finding: Finding) -> None:
        """Record a finding of one answer; call once per answer and identity."""
        assert self.findings is not None and self.occurrences is not None and self.examples is not None
        identity = finding.identity
        seen = self.occurrences.get(identity, 0)
        if not seen:
            self.findings.append(finding)
        self.occurrences[identity] = seen + 1
        kept = self.examples.setdefault(identity, [])
        distinct = all(finding.seen != e.seen and finding.curl != e.curl for e in kept)
        if len(kept) < MAX_EXAMPLES and (not kept or distinct):
            kept.append(finding)

    def times_seen(self, finding: Finding) -> int:
        return (self.occurrences or {}).get(finding.identity, 0)

    def examples_of(self, finding: Finding) -> list[Finding]:
        return (self.examples or {}).get(finding.identity, [finding])

    @property
    def verified(self) -> bool:
        return self.coverage.verified(self.needs_xml)

    @property
    def verdict(self) -> str:
        """pass, breaking, additive, not-deployed, unverified, unreachable or skipped."""
        assert self.findings is not None
        if self.skipped:
            return "skipped"
        if self.unreachable:
            return "unreachable"
        if self.not_deployed:
            return "not-deployed"
        if any(f.severity is Severity.BREAKING for f in self.findings):
            return "breaking"
        if self.needs_success and not self.verified:
            return "unverified"
        if self.findings:
            return "additive"
        return "pass"


VERDICTS = ("breaking", "not-deployed", "unreachable", "unverified", "additive", "pass", "skipped")


def exit_code(
    results: list[OperationResult],
    fail_on_additive: bool = False,
    require_verified: bool = False,
    new_breaking: int | None = None,
) -> int:
    """0 nothing to act on; 1 breaking drift (not-deployed actions included; only new breaking
    findings when ``new_breaking`` counts them against a baseline), additive drift with
    ``fail_on_additive``, unverified operations with ``require_verified``. A lost target is 2, decided
    by the caller."""
    verdicts = {result.verdict for result in results}
    failing = bool({"breaking", "not-deployed"} & verdicts) if new_breaking is None else new_breaking > 0
    if fail_on_additive and "additive" in verdicts:
        failing = True
    if require_verified and "unverified" in verdicts:
        failing = True
    return 1 if failing else 0
