"""The drift report (Markdown for people) and JUnit XML (for CI), both redacted once more on the way out."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from contract_tests.findings import Finding, OperationResult, Severity
from contract_tests.redaction import Redactor


@dataclass(frozen=True)
class RunInfo:
    target: str
    contract: str
    started: str
    seconds: float
    max_examples: int
    writes: str


def summary_counts(results: list[OperationResult]) -> Counter[str]:
    return Counter(result.verdict for result in results)


def write_markdown(results: list[OperationResult], info: RunInfo, path: Path, redact: Redactor) -> None:
    findings = [f for r in results for f in r.findings or []]
    breaking = sum(f.severity is Severity.BREAKING for f in findings)
    additive = len(findings) - breaking
    counts = summary_counts(results)
    lines = [
        "# CrocoDial contract drift report",
        "",
        f"- Target: `{info.target}`",
        f"- Contract: `{info.contract}`",
        f"- Started: {info.started} UTC, took {info.seconds:.1f} s",
        f"- Generated examples per operation and mode: {info.max_examples}; write operations: {info.writes}",
        f"- Operations: {len(results)} ({counts['pass']} pass, {counts['additive']} additive, "
        f"{counts['breaking']} breaking, {counts['skipped']} skipped); "
        f"requests: {sum(r.requests for r in results)}",
        f"- Findings: **{breaking} breaking**, {additive} additive",
        "",
        "| operation | action | module | verdict | requests | findings |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        note = f" ({r.skipped})" if r.skipped else ""
        cells = [f"`{r.operation}`", r.action, r.module, r.verdict + note, r.requests, len(r.findings or [])]
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    if not findings:
        lines += ["", "No drift: every answer matched the contract."]
    for r in results:
        if not r.findings:
            continue
        lines += ["", f"## `{r.operation}` — {r.verdict}", ""]
        for number, f in enumerate(r.findings, 1):
            lines += [
                f"### {number}. {f.severity.value}: {f.kind.value} at `{f.path}` "
                f"(in {r.times_seen(f)} of {r.requests} answers)",
                "",
                f"- expected: {_inline(f.expected)}",
                f"- seen: {_inline(f.seen)}",
            ]
            if f.curl:
                lines += ["- reproduce:", "", "  ```bash", f"  {f.curl}", "  ```"]
            if f.response_excerpt:
                lines += [
                    "- answer (excerpt):",
                    "",
                    "  ```",
                    *[f"  {x}" for x in f.response_excerpt.splitlines()],
                    "  ```",
                ]
            lines.append("")
    path.write_text(redact("\n".join(lines).rstrip() + "\n"), encoding="utf-8")


def _inline(text: str) -> str:
    return "`" + text.replace("`", "'") + "`" if text else "(nothing)"


def write_junit(results: list[OperationResult], info: RunInfo, path: Path, redact: Redactor) -> None:
    counts = summary_counts(results)
    suite = ET.Element(
        "testsuite",
        name="crocodial-contract",
        tests=str(len(results)),
        failures=str(counts["breaking"]),
        skipped=str(counts["skipped"]),
        errors="0",
        time=f"{info.seconds:.3f}",
    )
    for r in results:
        case = ET.SubElement(suite, "testcase", classname=f"crocodial.{r.module}", name=r.operation)
        if r.skipped:
            ET.SubElement(case, "skipped", message=redact(r.skipped))
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
        if additive:
            out = ET.SubElement(case, "system-out")
            out.text = redact("\n\n".join(_describe(f) for f in additive))
    ET.indent(suite)
    ET.ElementTree(suite).write(path, encoding="utf-8", xml_declaration=True)


def _describe(f: Finding) -> str:
    return (
        f"{f.severity.value}: {f.kind.value} at {f.path}\n"
        f"expected: {f.expected}\nseen: {f.seen}\nreproduce: {f.curl}"
    )


def write_json(results: list[OperationResult], info: RunInfo, path: Path, redact: Redactor) -> None:
    """The same content for tools: one object per operation with its verdict and findings."""
    document = {
        "target": info.target,
        "contract": info.contract,
        "started": info.started,
        "seconds": round(info.seconds, 3),
        "operations": [
            {
                "operation": r.operation,
                "action": r.action,
                "module": r.module,
                "verdict": r.verdict,
                "requests": r.requests,
                "skipped": r.skipped or None,
                "findings": [
                    {
                        "severity": f.severity.value,
                        "kind": f.kind.value,
                        "path": f.path,
                        "expected": f.expected,
                        "seen": f.seen,
                        "answers": r.times_seen(f),
                        "curl": f.curl,
                    }
                    for f in r.findings or []
                ],
            }
            for r in results
        ],
    }
    path.write_text(redact(json.dumps(document, indent=2, ensure_ascii=False)) + "\n", encoding="utf-8")
