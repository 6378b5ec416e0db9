"""Group a run's findings into root causes: one line per cause, naming the actions it touches.

One cause seen by many operations (a module answering an undocumented error to everything, a date
layout changed in every report) is one line to act on, not fifty findings to read.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from contract_tests.findings import Finding, Kind, OperationResult, Severity, generalise, seen_shape

_PRESENCE_KINDS = {Kind.FIELD_MISSING, Kind.UNDOCUMENTED_FIELD}
_ENVELOPE_KINDS = {Kind.SUCCESS_BECAME_ERROR, Kind.ERROR_ENVELOPE_CHANGED, Kind.NOT_DEPLOYED}


@dataclass
class Cause:
    text: str
    severity: str
    """breaking, additive, or the verdict it explains (unverified, unreachable, kit error)."""
    operations: list[str] = field(default_factory=list)
    answers: int = 0


def group_causes(results: list[OperationResult], stopped: str = "") -> list[Cause]:
    """Causes, most serious and widest first."""
    causes: list[Cause] = []
    if stopped:
        lost = [r.operation for r in results if r.unreachable]
        causes.append(Cause(f"{stopped}; {_count(lost, 'operation')} not judged", "unreachable", lost))
    deployed_not = [r for r in results if r.not_deployed]
    if deployed_not:
        names = _names(deployed_not, results)
        verb = "is" if len(names) == 1 else "are"
        causes.append(
            Cause(
                f"{_count(names, 'action')} {verb} not deployed on this target: {', '.join(names)}",
                "breaking",
                [r.operation for r in deployed_not],
            )
        )
    groups: dict[tuple[str, str, str], list[tuple[OperationResult, Finding]]] = defaultdict(list)
    for result in results:
        if result.not_deployed:
            continue
        for finding in result.findings or []:
            groups[_key(finding)].append((result, finding))
    finding_causes = []
    for (_, path, _), members in groups.items():
        touched = list({id(r): r for r, _ in members}.values())
        first = members[0][1]
        kind = first.kind
        scope = _scope(touched, results)
        if kind in _ENVELOPE_KINDS and path in ("/", ""):
            text = f"{scope} answers `{first.seen}`, an answer the contract does not document here"
        else:
            text = f"{kind.value} at `{path}` in {scope}: expected {first.expected}, seen `{first.seen}`"
        answers = sum(r.times_seen(f) for r, f in members)
        finding_causes.append(Cause(text, kind.severity.value, [r.operation for r in touched], answers))
    finding_causes.sort(key=lambda c: (c.severity != Severity.BREAKING.value, -len(c.operations), c.text))
    causes += finding_causes
    unverified = [r for r in results if r.verdict == "unverified"]
    if unverified:
        names = _names(unverified, results)
        causes.append(
            Cause(
                f"{_count(names, 'action')} could not be verified with data (see each one's reason): "
                + ", ".join(names),
                "unverified",
                [r.operation for r in unverified],
            )
        )
    broken_kit = [r for r in results if r.kit_errors]
    if broken_kit:
        causes.append(
            Cause(
                f"the kit itself failed on {_count(broken_kit, 'operation')}: "
                + "; ".join(f"{r.operation}: {r.kit_errors[0]}" for r in broken_kit[:5]),
                "kit error",
                [r.operation for r in broken_kit],
            )
        )
    return causes


def _key(finding: Finding) -> tuple[str, str, str]:
    """One cause per (kind, place, seen layout); an undocumented answer is one cause whatever the
    request expected (a success, an error envelope), compared without spacing or JSON escapes."""
    path = generalise(finding.path)
    if finding.kind in _ENVELOPE_KINDS and path in ("/", ""):
        return ("answer", path, re.sub(r"[\s\\]", "", seen_shape(finding.seen)))
    if finding.kind in _PRESENCE_KINDS:  # a field there or not: JSON's "integer 2" and XML's "2" agree
        return (finding.kind.value, path, "")
    return (finding.kind.value, path, seen_shape(finding.seen))


def _count(items: list, noun: str) -> str:
    return f"{len(items)} {noun}{'' if len(items) == 1 else 's'}"


def _names(touched: list[OperationResult], results: list[OperationResult]) -> list[str]:
    """Actions whose every operation in the run is touched, else the operation ids themselves."""
    touched_ids = {r.operation for r in touched}
    names: list[str] = []
    for result in touched:
        siblings = {r.operation for r in results if r.action == result.action}
        name = result.action if siblings <= touched_ids else result.operation
        if name not in names:
            names.append(name)
    return names


def _scope(touched: list[OperationResult], results: list[OperationResult]) -> str:
    """ "every goUsers action" when a whole module is touched, else the actions' names."""
    touched_ids = {r.operation for r in touched}
    modules = sorted({r.module for r in touched})
    whole = [m for m in modules if {r.operation for r in results if r.module == m} <= touched_ids]
    if whole and len(whole) == len(modules) and len({r.action for r in results if r.module in whole}) > 1:
        if len(whole) == len({r.module for r in results}) and len(whole) > 1:
            return "every action"
        return "every " + " and every ".join(whole) + " action"
    names = _names(touched, results)
    return ", ".join(names) if len(names) <= 6 else f"{len(names)} actions ({', '.join(names[:6])}, ...)"
