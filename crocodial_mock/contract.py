"""The contract kit as a function: ``check_contract(...)`` runs what ``crocodial-contract`` runs and returns
the verdicts instead of writing files, against a base URL or an emulator in this process (no socket).

The result is a thin view over the runner's ``OperationResult`` list, so it says exactly what the
drift report would say.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from contract_tests.findings import Finding, OperationResult, Severity, exit_code
from contract_tests.runner import DEFAULT_MAX_EXAMPLES
from contract_tests.transport import DEFAULT_RATE_LIMIT, DEFAULT_TIMEOUT
from crocodial_mock.emulator import DEFAULT_PASSWORD, DEFAULT_USER, Emulator


@dataclass(frozen=True)
class ContractResult:
    """What one run found. ``exit_code`` is the one ``crocodial-contract`` would exit with."""

    operations: list[OperationResult]
    fail_on_additive: bool
    seconds: float

    @property
    def verdicts(self) -> dict[str, str]:
        """operationId -> ``pass``, ``additive``, ``breaking`` or ``skipped``."""
        return {result.operation: result.verdict for result in self.operations}

    @property
    def findings(self) -> list[Finding]:
        return [finding for result in self.operations for finding in result.findings or []]

    @property
    def breaking(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.severity is Severity.BREAKING]

    @property
    def additive(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.severity is Severity.ADDITIVE]

    @property
    def requests(self) -> int:
        return sum(result.requests for result in self.operations)

    @property
    def exit_code(self) -> int:
        return exit_code(self.operations, self.fail_on_additive)

    @property
    def ok(self) -> bool:
        return self.exit_code == 0

    def summary(self) -> str:
        counts = {
            verdict: list(self.verdicts.values()).count(verdict) for verdict in set(self.verdicts.values())
        }
        verdicts = ", ".join(
            f"{counts[v]} {v}" for v in ("pass", "additive", "breaking", "skipped") if v in counts
        )
        return (
            f"{len(self.operations)} operations ({verdicts}), {self.requests} requests, "
            f"{len(self.breaking)} breaking and {len(self.additive)} additive findings; exit {self.exit_code}"
        )


def check_contract(
    base_url: str | None = None,
    *,
    user: str | None = None,
    password: str | None = None,
    app: Any = None,
    in_process: bool = False,
    operations: Iterable[str] | None = None,
    max_examples: int = DEFAULT_MAX_EXAMPLES,
    negative: bool = True,
    allow_writes: bool = False,
    test_list_id: str | None = None,
    rate_limit: float | None = DEFAULT_RATE_LIMIT,
    timeout: float = DEFAULT_TIMEOUT,
    fail_on_additive: bool = False,
    spec: str | Path | None = None,
    progress: Callable[[int, int, OperationResult], None] | None = None,
    **emulator_options: Any,
) -> ContractResult:
    """Check one target against the contract: ``base_url`` (a live service or ``crocodial-mock serve``),
    ``app`` (a WSGI app or an ``Emulator``, called in-process), or ``in_process=True`` (a new emulator
    built from ``emulator_options``: ``seed``, ``now``, ``users``...). The emulator's own account is the
    default in-process; a base URL needs ``user`` and ``password``. Read-only unless ``allow_writes``
    with ``test_list_id``, as on the command line. An unreachable base URL raises ``TargetUnreachable``.
    """
    from contract_tests.runner import ContractRun, RunOptions
    from contract_tests.transport import HttpTarget, WsgiTarget
    from crocodial_mock.paths import SPEC_PATH

    if sum((base_url is not None, app is not None, in_process)) != 1:
        raise ValueError("give exactly one target: base_url, app, or in_process=True")
    if emulator_options and not in_process:
        raise TypeError(f"{', '.join(sorted(emulator_options))}: emulator options need in_process=True")
    if allow_writes and not test_list_id:
        raise ValueError("allow_writes needs test_list_id: writes only ever go to that list")
    if base_url is not None and not (user and password):
        raise ValueError("a base_url needs user and password")
    contract, schema = _loaded(str(Path(spec or SPEC_PATH).resolve()))
    only = set(operations) if operations is not None else None
    unknown = (only or set()) - {op.operation_id for op in contract.operations}
    if unknown:
        raise ValueError(f"unknown operation(s): {', '.join(sorted(unknown))}")
    if base_url is not None:
        target: Any = HttpTarget(base_url, timeout=timeout, rate_limit=rate_limit or None)
    else:
        emulator = Emulator(**emulator_options) if in_process else app
        target = WsgiTarget(emulator.app if isinstance(emulator, Emulator) else emulator)
    options = RunOptions(
        max_examples=max_examples, negative=negative, allow_writes=allow_writes, test_list_id=test_list_id
    )
    credentials = (user or DEFAULT_USER, password or DEFAULT_PASSWORD)
    run = ContractRun(contract, target, *credentials, options, schema=schema)
    started = time.perf_counter()
    try:
        results = run.run(progress, only=only)
    finally:
        target.close()
    return ContractResult(results, fail_on_additive, time.perf_counter() - started)


@functools.lru_cache(maxsize=4)
def _loaded(spec: str) -> tuple[Any, Any]:
    """The contract and its schemathesis schema, read once per process: reading them is most of the
    cost of a small run, and a suite may call ``check_contract`` many times."""
    from contract_tests.contract import Contract

    contract = Contract.load(Path(spec))
    return contract, contract.schemathesis_schema
