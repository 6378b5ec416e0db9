"""The drift report (Markdown for people, JSON for tools) and JUnit XML (for CI), all redacted once more
on the way out. Every report opens with the causes, grouped, then the verdict of each operation, then
the details: distinct findings with their examples and reproduce lines."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from contract_tests.baseline import BaselineDiff
from contract_tests.causes import Cause, group_causes
from contract_tests.findings import VERDICTS, Finding, OperationResult, Severity
from contract_tests.redaction import Redactor


@dataclass(frozen=True)
class RunInfo:
    target: str
    contract: str
    started: str
    seconds: float
    max_examples: int
    writes: str
    stopped: str = ""
    """Why the run ended early (the target was lost), or empty."""
    discovery: dict[str, Any] = field(default_factory=dict)
    baseline: BaselineDiff | None = None
    exit_code: int | None = None


def summary_counts(results: list[OperationResult]) -> Counter[str]:
    return Counter(result.verdict for result in results)


def verdict_line(results: list[OperationResult]) -> str:
    counts = summary_counts(results)
    return ", ".join(f"{counts[v]} {v}" for v in VERDICTS if counts[v])


def coverage_text(result: OperationResult, fmt: str) -> str:
    if not result.needs_success or (fmt == "xml" and not result.needs_xml):
        return "n/a"
    return "yes" if getattr(result.coverage, fmt) else "no"


def write_markdown(results: list[OperationResult], info: RunInfo, path: Path, redact: Redactor) -> None:
    findings = [f for r in results for f in r.findings or []]
    breaking = sum(f.severity is Severity.BREAKING for f in findings)
    additive = len(findings) - breaking
    lines = [
        "# CrocoDial contract drift report",
        "",
        f"- Target: `{info.target}`",
        f"- Contract: `{info.contract}`",
        f"- Started: {info.started} UTC, took {info.seconds:.1f} s",
        f"- Generated examples per operation and mode: {info.max_examples}; write operations: {info.writes}",
        f"- Operations: {len(results)} ({verdict_line(results)}); "
        f"requests: {sum(r.requests for r in results)}",
        f"- Findings: **{breaking} breaking**, {additive} additive",
    ]
    if info.baseline is not None:
        counts = info.baseline.counts()
        lines.append(
            f"- Against baseline `{info.baseline.path}`: **{counts['new']} new** "
            f"({counts['new_breaking']} breaking), {counts['unchanged']} unchanged, "
            f"{counts['resolved']} resolved"
        )
    if info.stopped:
        lines.append(f"- **Stopped early:** {info.stopped} (partial report)")
    causes = group_causes(results, info.stopped)
    lines += ["", "## Causes", ""]
    lines += [f"- **{c.severity}**: {c.text}" for c in causes] or [
        "No drift: every answer matched the contract."
    ]
    lines += [
        "",
        "## Verdicts",
        "",
        "| operation | action | module | verdict | success JSON | success XML | requests | findings |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        note = f" ({r.skipped})" if r.skipped else ""
        cells = [
            f"`{r.operation}`",
            r.action,
            r.module,
            r.verdict + note,
            coverage_text(r, "json"),
            coverage_text(r, "xml"),
            r.requests,
            len(r.findings or []),
        ]
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    if not findings:
        lines += ["", "No drift: every answer matched the contract."]
    for r in results:
        details = _operation_details(r, info.baseline)
        if details:
            lines += ["", f"## `{r.operation}` — {r.verdict}", "", *details]
    if info.baseline is not None and info.baseline.resolved:
        lines += ["", "## Resolved since the baseline", ""]
        lines += [
            f"- `{f.get('operation')}`: {f.get('kind')} at `{f.get('path')}`" for f in info.baseline.resolved
        ]
    path.write_text(redact("\n".join(lines).rstrip() + "\n"), encoding="utf-8")


def _operation_details(r: OperationResult, baseline: BaselineDiff | None) -> list[str]:
    lines: list[str] = []
    if r.not_deployed:
        lines.append(f"- not deployed: {r.not_deployed}")
    if r.unreachable:
        lines.append(f"- unreachable: {r.unreachable}")
    if r.needs_success and not r.skipped and not r.unreachable and not r.not_deployed and not r.verified:
        lines.append(f"- success JSON: {r.coverage.json_reason}")
        if r.needs_xml:
            lines.append(f"- success XML: {r.coverage.xml_reason}")
    lines += [f"- kit error: {e}" for e in r.kit_errors]
    if lines:
        lines.append("")
    for number, f in enumerate(r.findings or [], 1):
        status = f" — **{baseline.status.get(f.key, 'new')}**" if baseline is not None else ""
        lines += [
            f"### {number}. {f.severity.value}: {f.kind.value} at `{f.path}` "
            f"(in {r.times_seen(f)} of {r.requests} answers){status}",
            "",
            f"- expected: {_inline(f.expected)}",
        ]
        for example in r.examples_of(f):
            lines.append(f"- seen: {_inline(example.seen)}")
            if example.curl:
                lines += ["  - reproduce:", "", "    ```bash", f"    {example.curl}", "    ```"]
            if example.response_excerpt:
                lines += [
                    "  - answer (excerpt):",
                    "",
                    "    ```",
                    *[f"    {x}" for x in example.response_excerpt.splitlines()],
                    "    ```",
                ]
        lines.append("")
    return lines


def _inline(text: str) -> str:
    return "`" + text.replace("`", "'") + "`" if text else "(nothing)"


def write_junit(results: list[OperationResult], info: RunInfo, path: Path, redact: Redactor) -> None:
    counts = summary_counts(results)
    suite = ET.Element(
        "testsuite",
        name="crocodial-contract",
        tests=str(len(results)),
        failures=str(counts["breaking"] + counts["not-deployed"]),
        skipped=str(counts["skipped"]),
        errors=str(counts["unreachable"]),
        time=f"{info.seconds:.3f}",
    )
    for r in results:
        case = ET.SubElement(suite, "testcase", classname=f"crocodial.{r.module}", name=r.operation)
        if r.skipped:
            ET.SubElement(case, "skipped", message=redact(r.skipped))
            continue
        if r.unreachable:
            ET.SubElement(case, "error", message=redact(r.unreachable))
            continue
        breaking = [f for f in r.findings or [] if f.severity is Severity.BREAKING]
        additive = [f for f in r.findings or [] if f.severity is Severity.ADDITIVE]
        if breaking:
            failure = ET.SubElement(
                case,
                "failure",
                message=redact(f"{len(breaking)} breaking: {breaking[0].kind.value} at {breaking[0].path}"),
            )
            failure.text = redact("\n\n".join(_describe(f) for f in breaking))
        notes = [_describe(f) for f in additive]
        if r.verdict == "unverified":
            notes.insert(0, f"unverified: JSON: {r.coverage.json_reason}; XML: {r.coverage.xml_reason}")
        if notes:
            out = ET.SubElement(case, "system-out")
            out.text = redact("\n\n".join(notes))
    ET.indent(suite)
    ET.ElementTree(suite).write(path, encoding="utf-8", xml_declaration=True)


def _describe(f: Finding) -> str:
    return (
        f"{f.severity.value}: {f.kind.value} at {f.path}\n"
        f"expected: {f.expected}\nseen: {f.seen}\nreproduce: {f.curl}"
    )


def report_document(results: list[OperationResult], info: RunInfo) -> dict[str, Any]:
    """The JSON report's content (README: "The JSON report"): what tools, baselines and the HTML read."""
    findings = [f for r in results for f in r.findings or []]
    breaking = sum(f.severity is Severity.BREAKING for f in findings)
    document: dict[str, Any] = {
        "target": info.target,
        "contract": info.contract,
        "started": info.started,
        "seconds": round(info.seconds, 3),
        "complete": not info.stopped,
        "stopped": info.stopped or None,
        "exit_code": info.exit_code,
        "verdicts": {v: n for v, n in summary_counts(results).items()},
        "findings": {"breaking": breaking, "additive": len(findings) - breaking},
        "causes": [_cause(c) for c in group_causes(results, info.stopped)],
        "discovery": info.discovery,
        "operations": [_operation(r, info.baseline) for r in results],
    }
    if info.baseline is not None:
        document["baseline"] = {
            "path": info.baseline.path,
            **info.baseline.counts(),
            "resolved_findings": info.baseline.resolved,
        }
    return document


def _cause(cause: Cause) -> dict[str, Any]:
    return {"severity": cause.severity, "text": cause.text, "operations": cause.operations}


def _operation(r: OperationResult, baseline: BaselineDiff | None) -> dict[str, Any]:
    coverage = r.coverage
    return {
        "operation": r.operation,
        "action": r.action,
        "module": r.module,
        "verdict": r.verdict,
        "requests": r.requests,
        "skipped": r.skipped or None,
        "not_deployed": r.not_deployed or None,
        "unreachable": r.unreachable or None,
        "kit_errors": list(r.kit_errors),
        "success_verified": {
            "json": coverage.json if r.needs_success else None,
            "xml": coverage.xml if r.needs_success and r.needs_xml else None,
            "json_reason": coverage.json_reason if r.needs_success else "not required (write or skipped)",
            "xml_reason": coverage.xml_reason if r.needs_success and r.needs_xml else "not required",
            "formats_compared": coverage.compared,
        },
        "findings": [
            {
                "key": f.key,
                "severity": f.severity.value,
                "kind": f.kind.value,
                "path": f.path,
                "expected": f.expected,
                "seen": f.seen,
                "answers": r.times_seen(f),
                "curl": f.curl,
                "examples": [
                    {"seen": e.seen, "curl": e.curl, "answer_excerpt": e.response_excerpt}
                    for e in r.examples_of(f)
                ],
                **({"baseline": baseline.status.get(f.key, "new")} if baseline is not None else {}),
            }
            for f in r.findings or []
        ],
    }


def write_json(results: list[OperationResult], info: RunInfo, path: Path, redact: Redactor) -> None:
    """The same content for tools: the causes, then one object per operation with its verdict."""
    text = json.dumps(report_document(results, info), indent=2, ensure_ascii=False)
    path.write_text(redact(text) + "\n", encoding="utf-8")


def write_reports(results: list[OperationResult], info: RunInfo, directory: Path, redact: Redactor) -> None:
    """Every report of a run into ``directory``: Markdown, HTML, JSON, JUnit."""
    from contract_tests.html_report import write_html

    write_markdown(results, info, directory / "drift-report.md", redact)
    write_junit(results, info, directory / "junit.xml", redact)
    write_json(results, info, directory / "drift-report.json", redact)
    write_html(report_document(results, info), directory / "drift-report.html", redact)
