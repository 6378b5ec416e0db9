"""``crocodial-contract``: check a running CrocoDial against the contract and write a drift report.

Exit status: 0 nothing breaking, 1 breaking drift (only new breaking findings with --fail-on new; also
additive drift with --fail-on-additive, unverified operations with --require-verified), 2 usage,
contract or connection problems: credentials rejected, wrong base URL, target unreachable or lost
mid-run (then the partial report is written) (``EXIT_CODES``, shown in ``--help``).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from contract_tests.findings import OperationResult, exit_code
from contract_tests.redaction import Redactor
from contract_tests.transport import DEFAULT_RATE_LIMIT, DEFAULT_TIMEOUT, HttpTarget, TargetUnreachable
from crocodial_mock.cli_options import HelpFormatter, env_option
from crocodial_mock.paths import SPEC_PATH
from crocodial_mock.spec_file import SpecUnreadable

USAGE_ERROR = 2


EXIT_CODES = """\
exit status:
  0  nothing breaking (additive findings do not count without --fail-on-additive, unverified
     operations without --require-verified)
  1  breaking drift found, an action not deployed (only new breaking findings with --fail-on new;
     additive drift too with --fail-on-additive, unverified operations with --require-verified)
  2  nothing was judged: a usage error, an unreadable --spec, credentials rejected on the first
     request, no such endpoint (check --base-url), or a target that cannot be reached (connection
     refused, DNS failure, TLS error, connection timeout); or the target was lost mid-run (the
     partial report is written); with --from-recording: no recorded answer, a missing folder or a
     file that is not JSON

Reports go to --report-dir: drift-report.md, drift-report.html, drift-report.json and junit.xml.
"""


def build_parser() -> argparse.ArgumentParser:
    from contract_tests.runner import DEFAULT_CREDENTIAL_PROBES, DEFAULT_MAX_EXAMPLES
    from crocodial_mock import __version__

    parser = argparse.ArgumentParser(
        prog="crocodial-contract",
        description="Check a running CrocoDial (live, staging or the emulator) against the contract. "
        "Read-only unless --allow-writes; credentials never appear in any output.",
        epilog=EXIT_CODES,
        formatter_class=HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    env_option(
        parser, "--base-url", env="CROCODIAL_BASE_URL", help="required, e.g. https://acme.croco-dial.net"
    )
    env_option(parser, "--user", env="CROCODIAL_USER", help="API user, required")
    env_option(
        parser,
        "--password",
        env="CROCODIAL_PASSWORD",
        secret=True,
        help="API password, required (prefer the variable: other users can see a command line)",
    )
    parser.add_argument(
        "--report-dir",
        type=Path,
        default=Path("contract-report"),
        help="where drift-report.md, drift-report.html, drift-report.json and junit.xml go",
    )
    parser.add_argument(
        "--max-examples",
        type=int,
        default=DEFAULT_MAX_EXAMPLES,
        help="generated requests per operation and mode; 0: reference examples and credential probes only",
    )
    parser.add_argument("--allow-writes", action="store_true", help="also run write operations (add_lead)")
    parser.add_argument(
        "--test-list-id", help="the only list add_lead may write to (required with --allow-writes)"
    )
    parser.add_argument(
        "--rate-limit", type=float, default=DEFAULT_RATE_LIMIT, help="requests per second; 0: unlimited"
    )
    parser.add_argument(
        "--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds to wait for each answer"
    )
    parser.add_argument(
        "--fail-on-additive", action="store_true", help="exit 1 on undocumented fields or values too"
    )
    parser.add_argument(
        "--require-verified",
        action="store_true",
        help="exit 1 when an operation's success shape could not be verified with data (verdict unverified)",
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        help="a previous drift-report.json: each finding is marked new, unchanged or resolved",
    )
    parser.add_argument(
        "--fail-on",
        choices=("breaking", "new"),
        default="breaking",
        help="exit 1 on any breaking finding (default) or only on new ones (needs --baseline)",
    )
    parser.add_argument(
        "--credential-probes",
        type=int,
        default=DEFAULT_CREDENTIAL_PROBES,
        help="wrong-password requests per run (one per module at most; real systems lock accounts)",
    )
    parser.add_argument("--no-negative", action="store_true", help="send only requests the contract allows")
    parser.add_argument(
        "--operation", action="append", help="run only this operationId (repeatable)"
    ).shown = "every operation"
    env_option(
        parser,
        "--spec",
        env="CROCODIAL_SPEC",
        type=Path,
        default=SPEC_PATH,
        metavar="PATH",
        shown="the contract packaged with crocodial-mock",
        help="the contract to check against",
    )
    parser.add_argument(
        "--from-recording",
        type=Path,
        metavar="DIR",
        help="judge the answers recorded in DIR by `crocodial-mock record` instead of asking a target",
    )
    local = parser.add_argument_group("in-process target (no server, no socket)")
    local.add_argument(
        "--in-process",
        action="store_true",
        help="check an emulator built inside this process instead of --base-url, "
        "with its own account MyUser/MyPass",
    )
    local.add_argument("--seed", type=int, default=1, help="with --in-process: the world seed")
    local.add_argument(
        "--now", help="with --in-process: freeze the clock at YYYY-MM-DDTHH:MM:SS"
    ).shown = "the live clock"
    return parser


def main(argv: list[str] | None = None) -> int:
    with _tuned_for_a_run():
        return _main(argv)


@contextmanager
def _tuned_for_a_run() -> Iterator[None]:
    """Process settings for the command's run, put back after it (``main`` is also called in process)."""
    # hypothesis loads every installed package's hypothesis plugin on import (trio's, for one); the
    # command uses none.
    plugins_set = "HYPOTHESIS_NO_PLUGINS" not in os.environ
    if plugins_set:
        os.environ["HYPOTHESIS_NO_PLUGINS"] = "1"
    # A run allocates decoded answers by the million and keeps few: with the default thresholds the
    # cyclic collector took 0.23 s of the judging process's 2 s (800 collections), 0.08 s with these.
    thresholds = gc.get_threshold()
    gc.set_threshold(20_000, 20, 20)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        if plugins_set:
            os.environ.pop("HYPOTHESIS_NO_PLUGINS", None)


def _main(argv: list[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    problem = _usage_problem(args)
    if problem:
        parser.print_usage(sys.stderr)
        print(f"crocodial-contract: error: {problem}", file=sys.stderr)
        return USAGE_ERROR
    redact = Redactor()
    redact.add_credentials(args.user, args.password)
    from contract_tests.baseline import BaselineUnreadable
    from contract_tests.recording import RecordingUnreadable
    from contract_tests.runner import CredentialsRejected, NoSuchEndpoint

    try:
        if args.from_recording:
            return _run_recording(args, redact)
        return _run(args, redact)
    except RecordingUnreadable as exc:
        print(f"crocodial-contract: error: {exc}", file=sys.stderr)
        return USAGE_ERROR
    except TargetUnreachable as exc:
        print(f"crocodial-contract: error: {redact(str(exc))}", file=sys.stderr)
        return USAGE_ERROR
    except (CredentialsRejected, NoSuchEndpoint, BaselineUnreadable) as exc:
        print(f"crocodial-contract: error: {redact(str(exc))}", file=sys.stderr)
        return USAGE_ERROR
    except SpecUnreadable as exc:
        print(f"crocodial-contract: error: {exc}", file=sys.stderr)
        return USAGE_ERROR


def _usage_problem(args: argparse.Namespace) -> str | None:
    if args.from_recording:
        return _recording_problem(args)
    if args.in_process:
        return _in_process_problem(args)
    if not args.base_url:
        return "--base-url (or CROCODIAL_BASE_URL) is required"
    if not args.base_url.startswith(("http://", "https://")):
        return "--base-url must start with http:// or https://"
    if not args.user or not args.password:
        return "--user and --password (or CROCODIAL_USER / CROCODIAL_PASSWORD) are required"
    if args.allow_writes and not args.test_list_id:
        return "--allow-writes needs --test-list-id: writes only ever go to that list"
    if args.test_list_id and not args.test_list_id.isdigit():
        return "--test-list-id must be a numeric list id"
    if args.max_examples < 0 or args.rate_limit < 0 or args.timeout <= 0 or args.credential_probes < 0:
        return "--max-examples, --rate-limit and --credential-probes must be >= 0, --timeout > 0"
    if args.fail_on == "new" and not args.baseline:
        return "--fail-on new needs --baseline (a previous drift-report.json)"
    if args.baseline and not args.baseline.is_file():
        return f"baseline not found: {args.baseline}"
    return None


def _recording_problem(args: argparse.Namespace) -> str | None:
    """A recording replaces the target: no base URL, no credentials, nothing sent."""
    if args.in_process or (args.base_url and args.base_url != os.environ.get("CROCODIAL_BASE_URL")):
        return "--from-recording judges a recording: it excludes --base-url and --in-process"
    if not args.from_recording.is_dir():
        return f"recording not found: {args.from_recording} is not a folder"
    if args.fail_on == "new" and not args.baseline:
        return "--fail-on new needs --baseline (a previous drift-report.json)"
    if args.baseline and not args.baseline.is_file():
        return f"baseline not found: {args.baseline}"
    return None


def _in_process_problem(args: argparse.Namespace) -> str | None:
    """``--in-process`` replaces the base URL, and the emulator's own account replaces the credentials
    (a CROCODIAL_USER meant for staging would only meet the emulator's credential error)."""
    from crocodial_mock.emulator import emulator_config

    if args.base_url and args.base_url != os.environ.get("CROCODIAL_BASE_URL"):
        return "--in-process and --base-url exclude each other"
    args.base_url = None
    args.user, args.password = "MyUser", "MyPass"
    try:
        emulator_config({"seed": args.seed, "now": args.now})
    except ValueError as error:
        return str(error).replace("crocodial option ", "--")
    return None


def _target(args: argparse.Namespace) -> tuple[Any, str]:
    """Where requests go, and how the console and the report name it (credentials masked later)."""
    if not args.in_process:
        target = HttpTarget(args.base_url, timeout=args.timeout, rate_limit=args.rate_limit or None)
        return target, args.base_url
    from contract_tests.transport import WsgiTarget
    from crocodial_mock.emulator import Emulator

    emulator = Emulator(seed=args.seed, now=args.now)
    return WsgiTarget(emulator.app), f"in-process emulator (seed {args.seed}, clock {args.now or 'live'})"


def _run(args: argparse.Namespace, redact: Redactor) -> int:
    from contract_tests.baseline import load_baseline
    from contract_tests.contract import Contract
    from contract_tests.runner import ContractRun, RunOptions

    contract = Contract.load(args.spec)
    target, target_name = _target(args)
    options = RunOptions(
        max_examples=args.max_examples,
        negative=not args.no_negative,
        allow_writes=args.allow_writes,
        test_list_id=args.test_list_id,
        credential_probes=args.credential_probes,
    )
    baseline_document = load_baseline(args.baseline) if args.baseline else None
    run = ContractRun(contract, target, args.user, args.password, options, redact)
    started = datetime.now(UTC)
    clock = time.perf_counter()
    selected = [op for op in contract.operations if not args.operation or op.operation_id in args.operation]
    unknown = set(args.operation or ()) - {op.operation_id for op in contract.operations}
    if unknown:
        print(
            f"crocodial-contract: error: unknown operation(s): {', '.join(sorted(unknown))}", file=sys.stderr
        )
        return USAGE_ERROR
    version = contract.document.get("info", {}).get("version", "?")
    target_text = redact(target_name)
    print(
        f"crocodial-contract: {len(selected)} operations of contract {version} against {target_text}",
        flush=True,
    )

    def progress(done: int, total: int, result: OperationResult) -> None:
        found = len(result.findings or [])
        detail = (
            result.skipped
            or result.unreachable
            or f"{result.requests} requests, findings: {found}"
            + (f"; {result.not_deployed}" if result.not_deployed else "")
        )
        print(redact(f"[{done}/{total}] {result.operation}: {result.verdict} ({detail})"), flush=True)

    try:
        results = run.run(progress, only=set(args.operation) if args.operation else None)
    finally:
        target.close()
    seconds = time.perf_counter() - clock
    return _finish(
        args,
        results,
        redact,
        target=target_text,
        contract=f"{args.spec.name} (version {version})",
        started=started,
        seconds=seconds,
        writes=f"allowed, list {args.test_list_id} only" if args.allow_writes else "skipped",
        stopped=run.stopped,
        discovery=run.discovered.summary(),
        baseline_document=baseline_document,
    )


def _finish(
    args: argparse.Namespace,
    results: list[OperationResult],
    redact: Redactor,
    *,
    target: str,
    contract: str,
    started: datetime,
    seconds: float,
    writes: str,
    stopped: str = "",
    discovery: dict[str, Any] | None = None,
    baseline_document: Any = None,
) -> int:
    """Exit code, reports and the closing line, the same for a run against a target or a recording."""
    from contract_tests.baseline import compare
    from contract_tests.report import RunInfo, write_reports

    args.report_dir.mkdir(parents=True, exist_ok=True)
    diff = compare(results, baseline_document, str(args.baseline)) if baseline_document else None
    code = exit_code(
        results,
        args.fail_on_additive,
        require_verified=args.require_verified,
        new_breaking=diff.new_breaking if diff is not None and args.fail_on == "new" else None,
    )
    if stopped:
        code = USAGE_ERROR
    info = RunInfo(
        target=target,
        contract=contract,
        started=started.strftime("%Y-%m-%d %H:%M:%S"),
        seconds=seconds,
        max_examples=args.max_examples,
        writes=writes,
        stopped=stopped,
        discovery=discovery or {},
        baseline=diff,
        exit_code=code,
    )
    write_reports(results, info, args.report_dir, redact)
    findings = [f for r in results for f in r.findings or []]
    breaking = sum(f.severity.value == "breaking" for f in findings)
    new = f" ({diff.counts()['new']} new, {diff.counts()['resolved']} resolved)" if diff is not None else ""
    if stopped:
        print(f"crocodial-contract: stopped early: {stopped}; partial report written", file=sys.stderr)
    print(
        f"crocodial-contract: {breaking} breaking, {len(findings) - breaking} additive findings{new} "
        f"in {seconds:.1f} s; "
        f"report: {args.report_dir / 'drift-report.md'}; exit {code}",
        flush=True,
    )
    return code


def _run_recording(args: argparse.Namespace, redact: Redactor) -> int:
    """``--from-recording DIR``: judge recorded answers; nothing is sent anywhere."""
    from contract_tests.baseline import load_baseline
    from contract_tests.contract import Contract
    from contract_tests.recorded_run import NOT_RECORDED, RecordingRun

    contract = Contract.load(args.spec)
    baseline_document = load_baseline(args.baseline) if args.baseline else None
    version = contract.document.get("info", {}).get("version", "?")
    started = datetime.now(UTC)
    clock = time.perf_counter()
    run = RecordingRun(contract, args.from_recording)

    def progress(done: int, total: int, result: OperationResult) -> None:
        found = len(result.findings or [])
        detail = result.skipped or (
            f"{result.requests} recorded answers, findings: {found}" if result.requests else NOT_RECORDED
        )
        print(redact(f"[{done}/{total}] {result.operation}: {result.verdict} ({detail})"), flush=True)

    print(
        f"crocodial-contract: {len(contract.operations)} operations of contract {version} against the "
        f"recording {args.from_recording} (no request is sent)",
        flush=True,
    )
    results = run.run(progress)
    for note in run.notes:
        print(f"crocodial-contract: not judged: {note}", file=sys.stderr)
    if not run.exchanges:
        print(
            f"crocodial-contract: error: recording {args.from_recording} holds no recorded answer",
            file=sys.stderr,
        )
        return USAGE_ERROR
    return _finish(
        args,
        results,
        redact,
        target=f"recording {args.from_recording} ({run.exchanges} recorded answers)",
        contract=f"{args.spec.name} (version {version})",
        started=started,
        seconds=time.perf_counter() - clock,
        writes="none sent (judged from a recording)",
        baseline_document=baseline_document,
    )
