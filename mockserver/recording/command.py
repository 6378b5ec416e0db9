"""``crocodial-mock record``: bind, announce, proxy until Ctrl-C or SIGTERM, then the summary."""

from __future__ import annotations

import json
import logging
import signal
import sys
from pathlib import Path
from urllib.parse import urlsplit

from crocodial_mock.spec_file import SpecUnreadable
from mockserver import __version__, serving
from mockserver.recording.proxy import SUMMARY_FILE, RecordingProxy, display_url
from mockserver.recording.pseudonyms import Pseudonyms
from mockserver.recording.redaction import Redactor

DEFAULT_TIMEOUT = 30.0
THREADS = 8


def target_problem(target: str) -> str | None:
    """Why ``--target`` is unusable, or None."""
    parts = urlsplit(target)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"--target must be an http:// or https:// URL with a host, got {display_url(target)!r}"
    if parts.query or parts.fragment:
        return "--target is the base URL (scheme, host, optional path), without a query or fragment"
    return None


def record(
    target: str,
    out: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8080,
    seed: str = "1",
    allow_writes: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    spec: Path | None = None,
    quiet: bool = False,
) -> int:
    """Record until Ctrl-C or SIGTERM (exit 0, summary written); 1 with a one-line reason when it
    cannot start."""
    from mockserver.cli import _raise_interrupt, listen_problem
    from mockserver.contract import load_catalogue

    logging.basicConfig(level=logging.WARNING if quiet else logging.INFO, format="%(message)s")
    problem = target_problem(target)
    if problem:
        print(f"crocodial-mock: error: {problem}", file=sys.stderr)
        return 1
    try:
        catalogue = load_catalogue(spec)
        out.mkdir(parents=True, exist_ok=True)
    except SpecUnreadable as error:
        print(f"crocodial-mock: error: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"crocodial-mock: error: cannot create {out}: {error.strerror or error}", file=sys.stderr)
        return 1
    proxy = RecordingProxy(
        target, out, catalogue, Redactor(Pseudonyms(seed)), allow_writes=allow_writes, timeout=timeout
    )
    try:
        sock = serving.listen(host, port)
    except OSError as error:
        print(f"crocodial-mock: error: {listen_problem(host, port, error)}", file=sys.stderr)
        return 1
    signal.signal(signal.SIGINT, _raise_interrupt)
    signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        shown_host = f"[{host}]" if ":" in host else host
        writes = (
            "forwarded (--allow-writes)" if allow_writes else "refused (403; --allow-writes forwards them)"
        )
        print(
            f"crocodial-mock {__version__} recording on http://{shown_host}:{sock.getsockname()[1]}"
            f" -> {display_url(target)}\n  stubs into {out} (replay: crocodial-mock serve --mappings {out})\n"
            f"  writes: {writes}   Ctrl-C to stop",
            flush=True,
        )
        serving.run("waitress", sock, lambda: proxy, 1, THREADS)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        if sock.fileno() != -1:
            sock.close()
    summary = proxy.tally.as_json(display_url(target))
    _write_summary(out, summary)
    print(summary_text(summary, out), flush=True)
    return 0


def _write_summary(out: Path, summary: dict) -> None:
    """``{"mappings": [], "summary": ...}``: the folder's stub loaders read it as a file of no stubs."""
    document = {"mappings": [], "summary": summary}
    (out / SUMMARY_FILE).write_text(json.dumps(document, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def summary_text(summary: dict, out: Path) -> str:
    lines = [
        f"crocodial-mock record stopped: {summary['exchanges']} exchanges, {summary['files']} stub files"
        f" in {out} (summary: {out / SUMMARY_FILE})"
    ]
    for action, counts in summary["actions"].items():
        lines.append(f"  {action}: {counts['exchanges']} exchanges, {counts['files']} files")
    if summary["refused_writes"]:
        refused = ", ".join(f"{name} x{count}" for name, count in summary["refused_writes"].items())
        lines.append(f"  refused (not forwarded): {refused}")
    redacted = ", ".join(f"{kind} {count}" for kind, count in summary["redacted"].items()) or "nothing"
    lines.append(f"  redacted: {redacted}")
    if summary["target_errors"]:
        lines.append(f"  target unreachable: {summary['target_errors']} requests answered 502")
    return "\n".join(lines)
