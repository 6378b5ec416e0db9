"""The contract suite, in-process: every operation of the contract against the emulator (WSGI).

Runs in the default ``pytest`` run and in every CI job, so it is bounded: a fixed seed and clock, a
small world, a few derandomised examples per operation. Each answer goes through the kit's own
check (``crocodial_conformance``: documented envelope, HTTP 200 errors for invalid input instead of
schemathesis' 4xx expectation, lmapi lines, sums and filters) plus ``not_a_server_error``; the kit's
deserialisers make sure the ``text/html``-labelled bodies are never silently skipped.
"""

from __future__ import annotations

import warnings

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import CustomFailure, FailureGroup

from contract_tests.known_issues import KnownDiscrepancy, known_cause
from contract_tests.st_integration import crocodial_conformance, with_credentials
from crocodial_mock.paths import SPEC_PATH
from mockserver.app import create_app
from mockserver.config import EmulatorConfig
from mockserver.world import WorldSize

SEED = 7
NOW = "2025-05-14T15:30:00"
SMALL_WORLD = WorldSize(users=30, campaigns=6, calls_per_day=300, leads=600)
schema = schemathesis.openapi.from_path(str(SPEC_PATH))
schema.app = create_app(EmulatorConfig(seed=SEED, now=NOW, size=SMALL_WORLD))


@schema.parametrize()
@settings(
    max_examples=6, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
)
def test_operation_conforms(case: schemathesis.Case) -> None:
    with_credentials(case, "MyUser", "MyPass")
    response = case.call()
    try:
        case.validate_response(response, checks=[not_a_server_error, crocodial_conformance])
    except FailureGroup as group:
        found = [
            line
            for failure in group.exceptions
            if isinstance(failure, CustomFailure)
            for line in failure.message.splitlines()
            if line.strip()
        ]
        causes = [known_cause(line) for line in found]
        if len(found) < len(group.exceptions) or not all(causes):
            raise
        for cause in sorted(set(causes)):  # type: ignore[arg-type]
            warnings.warn(f"{case.operation.label}: {cause}", KnownDiscrepancy, stacklevel=1)
