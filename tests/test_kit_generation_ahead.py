"""Requests drawn ahead in a worker process are the ones the run would draw itself, failures included."""

from __future__ import annotations

import gc
import os
import threading

import pytest

from contract_tests.contract import Contract
from contract_tests.generation import GenerationFailed, generate, load_schema, schema_operations
from contract_tests.generation_ahead import GeneratedAhead
from crocodial_mock.paths import SPEC_PATH

OPERATIONS = ("goGetAllUsers_get", "agent_cdr_post")


@pytest.fixture(autouse=True)
def single_threaded() -> None:
    """Workers fork only in a process with no other thread: one left running by an earlier test would
    turn these tests into tests of the in-process fallback."""
    others = [thread.name for thread in threading.enumerate() if thread is not threading.current_thread()]
    assert others == [], f"threads left running by an earlier test: {others}"


@pytest.fixture(scope="module")
def drawn() -> tuple[Contract, dict]:
    contract = Contract.load(SPEC_PATH)
    return contract, schema_operations(load_schema(SPEC_PATH))


@pytest.mark.parametrize("workers", [1, 2])
def test_the_worker_draws_the_requests_the_run_would_draw(drawn: tuple[Contract, dict], workers: int) -> None:
    contract, api_operations = drawn

    def draw(operation_id: str, negative: bool) -> list:
        op = contract.operation(operation_id)
        return generate(api_operations[operation_id], op, negative=negative, max_examples=3)

    jobs = [(name, negative) for name in OPERATIONS for negative in (False, True)]
    ahead = GeneratedAhead(jobs, draw, workers=workers)
    try:
        for job in reversed(jobs):  # taken in any order
            taken = ahead.take(job)
            assert taken and taken == draw(*job)
            assert [r.label for r in taken] == [r.label for r in draw(*job)]
    finally:
        ahead.close()


def test_a_failed_draw_is_raised_where_it_is_taken_and_others_still_arrive() -> None:
    def draw(operation_id: str, negative: bool) -> list:
        if operation_id == "broken":
            raise GenerationFailed("generating positive requests for broken failed: ValueError: no")
        return [operation_id]

    ahead = GeneratedAhead([("broken", False), ("fine", False)], draw)
    try:
        with pytest.raises(GenerationFailed, match="for broken failed: ValueError: no"):
            ahead.take(("broken", False))
        assert ahead.take(("fine", False)) == ["fine"]
    finally:
        ahead.close()


def test_a_job_never_given_or_a_lost_worker_leaves_the_draw_to_the_caller() -> None:
    def draw(operation_id: str, negative: bool) -> list:
        os._exit(3)

    ahead = GeneratedAhead([("dies", False), ("after", False)], draw)
    try:
        assert ahead.take(("never given", False)) is None
        assert ahead.take(("dies", False)) is None
        assert ahead.take(("after", False)) is None
    finally:
        ahead.close()


def test_an_unexpected_error_in_the_worker_is_not_swallowed() -> None:
    def draw(operation_id: str, negative: bool) -> list:
        raise KeyError("a kit bug")

    ahead = GeneratedAhead([("any", True)], draw)
    try:
        with pytest.raises(RuntimeError, match="KeyError: 'a kit bug'"):
            ahead.take(("any", True))
    finally:
        ahead.close()


def test_no_worker_is_forked_beside_another_thread() -> None:
    """A thread holding a lock at fork time would leave the child waiting on it forever."""
    stop = threading.Event()
    server = threading.Thread(target=stop.wait, daemon=True)  # as an emulator served from a test
    server.start()
    try:
        ahead = GeneratedAhead([("any", False)], lambda operation_id, negative: [operation_id])
        assert ahead.take(("any", False)) is None  # no worker: the caller draws in process
        ahead.close()
    finally:
        stop.set()
        server.join()


def test_the_parent_garbage_collector_is_left_as_it_was() -> None:
    """Inherited objects are frozen only for the fork: the run's own garbage must still be collected."""
    ahead = GeneratedAhead([("any", False)], lambda operation_id, negative: [operation_id])
    try:
        assert ahead.take(("any", False)) == ["any"]
        assert gc.get_freeze_count() == 0
    finally:
        ahead.close()
