"""``drift-report.html``: the drift report as one self-contained page people look at.

Everything is inline (styles, a few lines of script, no fonts, images or CDN), and a
Content-Security-Policy forbids any request, so the file opens the same from a CI artefact, a mail
attachment or a laptop offline. It is rendered from the JSON report's document, so both always agree.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from contract_tests.findings import VERDICTS
from contract_tests.redaction import Redactor

COLOURS = {
    "pass": "#1e7b34",
    "breaking": "#b3261e",
    "additive": "#9a6700",
    "not-deployed": "#8e24aa",
    "unverified": "#5f6b7a",
    "unreachable": "#37474f",
    "skipped": "#9aa0a6",
    "kit error": "#d84315",
}

STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
header{background:#24292f;color:#fff;padding:16px 24px}
header h1{margin:0 0 6px;font-size:20px}
header p{margin:2px 0;color:#d0d7de}
main{padding:16px 24px;max-width:1400px}
section{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:12px 16px;margin:0 0 16px}
h2{font-size:16px;margin:0 0 10px}
h3{font-size:14px;margin:14px 0 6px}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;color:#fff;font-size:12px;font-weight:600}
.totals .badge{margin-right:6px}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eaeef2;vertical-align:top}
th{background:#f6f8fa}
tr.verdict td:first-child{border-left:4px solid var(--c)}
ul.causes{margin:0;padding-left:18px}
ul.causes li{margin:4px 0}
.side{display:grid;grid-template-columns:1fr 1fr;gap:8px}
.side div{background:#f6f8fa;padding:6px 8px;border-radius:4px}
.side b{display:block;font-size:12px;color:#57606a}
code,pre{font:12px/1.4 ui-monospace,Menlo,Consolas,monospace}
pre{white-space:pre-wrap;word-break:break-all;margin:4px 0;background:#f6f8fa;padding:6px 8px}
.repro{display:flex;gap:6px;align-items:flex-start}
.repro pre{flex:1}
button{font:12px system-ui;border:1px solid #d0d7de;background:#fff;padding:3px 8px;cursor:pointer}
.finding{border-top:1px solid #eaeef2;padding-top:6px}
.muted{color:#57606a}
label.filter{font-weight:normal;font-size:13px;margin-left:12px}
"""

SCRIPT = """
document.querySelectorAll('button.copy').forEach(function (button) {
  button.addEventListener('click', function () {
    var text = button.parentNode.querySelector('pre').textContent;
    var done = function () { button.textContent = 'copied'; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { select(button); });
    } else { select(button); }
  });
});
function select(button) {
  var range = document.createRange();
  range.selectNodeContents(button.parentNode.querySelector('pre'));
  var selection = window.getSelection(); selection.removeAllRanges(); selection.addRange(range);
  button.textContent = 'selected: press Ctrl+C';
}
var only = document.getElementById('only-problems');
only.addEventListener('change', function () {
  document.querySelectorAll('tr.verdict').forEach(function (row) {
    var quiet = row.dataset.verdict === 'pass' || row.dataset.verdict === 'skipped';
    row.hidden = only.checked && quiet;
  });
});
document.body.dataset.ready = 'yes';
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


def write_html(document: dict[str, Any], path: Path, redact: Redactor) -> None:
    path.write_text(redact(render(document)), encoding="utf-8")


def render(document: dict[str, Any]) -> str:
    operations = document.get("operations", [])
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>CrocoDial contract drift report</title>",
        f"<style>{STYLE}</style></head><body>",
        _header(document),
        "<main>",
        _causes(document),
        _verdict_table(operations),
        _details(operations, "baseline" in document),
        "</main>",
        f"<script>{SCRIPT}</script>",
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _badge(verdict: str) -> str:
    colour = COLOURS.get(verdict, "#57606a")
    return f'<span class="badge" style="background:{colour}">{escape(verdict)}</span>'


def _header(document: dict[str, Any]) -> str:
    verdicts = document.get("verdicts", {})
    findings = document.get("findings", {})
    totals = " ".join(f"{_badge(v)}{verdicts[v]}" for v in VERDICTS if verdicts.get(v))
    lines = [
        "<header><h1>CrocoDial contract drift report</h1>",
        f"<p>Target <code>{escape(str(document.get('target', '')))}</code> · contract "
        f"{escape(str(document.get('contract', '')))} · "
        f"started {escape(str(document.get('started', '')))} UTC"
        f" · {document.get('seconds', 0)} s{_exit(document.get('exit_code'))}</p>",
        f'<p class="totals">{totals} · findings: {findings.get("breaking", 0)} breaking, '
        f"{findings.get('additive', 0)} additive</p>",
    ]
    if document.get("stopped"):
        lines.append(f"<p><b>Stopped early (partial report):</b> {escape(document['stopped'])}</p>")
    baseline = document.get("baseline")
    if baseline:
        lines.append(
            f"<p>Against baseline <code>{escape(str(baseline['path']))}</code>: {baseline['new']} new "
            f"({baseline['new_breaking']} breaking), {baseline['unchanged']} unchanged, "
            f"{baseline['resolved']} resolved</p>"
        )
    lines.append("</header>")
    return "\n".join(lines)


def _exit(code: Any) -> str:
    return "" if code is None else f" · exit {code}"


def _causes(document: dict[str, Any]) -> str:
    causes = document.get("causes") or []
    if not causes:
        nothing = "<p>No drift: every answer matched the contract.</p>"
        return f'<section id="causes"><h2>Causes</h2>{nothing}</section>'
    items = "".join(f"<li>{_badge(c['severity'])} {escape(c['text'])}</li>" for c in causes)
    return f'<section id="causes"><h2>Causes</h2><ul class="causes">{items}</ul></section>'


def _verdict_table(operations: list[dict[str, Any]]) -> str:
    rows = []
    for op in operations:
        verified = op.get("success_verified") or {}
        colour = COLOURS.get(op["verdict"], "#57606a")
        note = op.get("skipped") or op.get("not_deployed") or op.get("unreachable") or ""
        rows.append(
            f'<tr class="verdict" data-verdict="{escape(op["verdict"])}" style="--c:{colour}">'
            f'<td><a href="#op-{escape(op["operation"])}">{escape(op["operation"])}</a></td>'
            f"<td>{escape(op['module'])}</td><td>{_badge(op['verdict'])}</td>"
            f"<td>{_yes(verified.get('json'))}</td><td>{_yes(verified.get('xml'))}</td>"
            f"<td>{op.get('requests', 0)}</td><td>{len(op.get('findings') or [])}</td>"
            f'<td class="muted">{escape(note)}</td></tr>'
        )
    return (
        '<section id="verdicts"><h2>Verdicts per action'
        '<label class="filter"><input type="checkbox" id="only-problems"> only problems</label></h2>'
        "<table><thead><tr><th>operation</th><th>module</th><th>verdict</th><th>success JSON</th>"
        "<th>success XML</th><th>requests</th><th>findings</th><th>note</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></section>"
    )


def _yes(value: Any) -> str:
    return "n/a" if value is None else ("yes" if value else "<b>no</b>")


def _details(operations: list[dict[str, Any]], with_baseline: bool) -> str:
    blocks = []
    for op in operations:
        verified = op.get("success_verified") or {}
        notes = []
        if op["verdict"] == "unverified":
            notes.append(f"JSON: {verified.get('json_reason')}")
            if verified.get("xml") is not None:
                notes.append(f"XML: {verified.get('xml_reason')}")
        notes += [f"kit error: {e}" for e in op.get("kit_errors") or []]
        for key in ("not_deployed", "unreachable"):
            if op.get(key):
                notes.append(f"{key.replace('_', ' ')}: {op[key]}")
        if not notes and not op.get("findings"):
            continue
        name = escape(op["operation"])
        html = [f'<section id="op-{name}"><h2>{name} {_badge(op["verdict"])}</h2>']
        html += [f'<p class="muted">{escape(n)}</p>' for n in notes]
        for number, finding in enumerate(op.get("findings") or [], 1):
            status = f" · <b>{escape(finding.get('baseline', ''))}</b>" if with_baseline else ""
            html.append(
                f'<div class="finding"><h3>{number}. {_badge(finding["severity"])} '
                f"{escape(finding['kind'])} at "
                f'<code>{escape(finding["path"])}</code> <span class="muted">(in {finding["answers"]} of '
                f"{op.get('requests', 0)} answers){status}</span></h3>"
            )
            for example in finding.get("examples") or [finding]:
                html.append(
                    '<div class="side"><div><b>expected</b>'
                    f"<code>{escape(finding['expected'])}</code></div>"
                    f"<div><b>seen</b><code>{escape(example.get('seen', ''))}</code></div></div>"
                )
                if example.get("curl"):
                    html.append(
                        '<div class="repro"><pre>'
                        + escape(example["curl"])
                        + '</pre><button class="copy" type="button">copy</button></div>'
                    )
            html.append("</div>")
        html.append("</section>")
        blocks.append("".join(html))
    return "\n".join(blocks)
