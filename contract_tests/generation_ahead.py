"""Generate a run's requests in a forked worker process while the run sends and judges.

Drawing requests from the contract (schemathesis, hypothesis) costs about as much CPU as sending and
judging them and does not depend on any answer, so a worker process (or several, each every n-th job)
draws the operations' requests in the order the run will need them while the run sends and judges.
Generation is derandomised per operation, so the requests are the same whichever process draws them,
and they are taken in the run's order: the report does not depend on how far ahead the worker is.

Only where ``fork`` exists (the worker inherits the loaded contract instead of reading it again) and
the process has no other thread: a child forked beside a running thread (an emulator served from a
test, ``check_contract`` called from a threaded app) inherits whatever locks that thread held, and may
hang on one. Elsewhere, or when the worker is gone, the run generates in process as before.
"""

from __future__ import annotations

import gc
import multiprocessing
import queue
import sys
import threading
import traceback
from collections.abc import Callable
from typing import Any

from contract_tests.generation import GenerationFailed
from contract_tests.requests_model import ApiRequest

Job = tuple[str, bool]
"""(operationId, negative)."""
Generate = Callable[[str, bool], list[ApiRequest]]

_POLL_SECONDS = 0.5
WORKERS = 1
"""One worker keeps ahead of a run of the packaged contract (2.7 s of its CPU against 2.2 s of the run's
own). A second one made the run slower on two cores (4.1-4.3 s instead of 3.7-3.8 s): it warms its own
caches (0.2 s more CPU) and takes the second core from the run and the target when they need it."""


def can_fork_safely() -> bool:
    """``fork`` exists and nothing but this thread runs (see the module's docstring)."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


class GeneratedAhead:
    """The requests of ``jobs``, drawn by ``generate`` in a worker process, taken in any order."""

    def __init__(self, jobs: list[Job], generate: Generate, workers: int = WORKERS):
        self._jobs = set(jobs)
        self._ready: dict[Job, tuple[str, Any]] = {}
        self._processes: list[Any] = []
        self._owner: dict[Job, int] = {job: index % workers for index, job in enumerate(jobs)}
        if not jobs or not can_fork_safely():
            return
        context = multiprocessing.get_context("fork")
        self._queue = context.Queue()
        for stream in (sys.stdout, sys.stderr):  # a worker must not write the parent's pending output
            stream.flush()
        # What exists now is the workers' read-only inheritance: frozen, their garbage collections skip
        # it instead of walking (and so copying) every inherited page.
        gc.freeze()
        try:
            for first in range(min(workers, len(jobs))):
                share = jobs[first::workers]
                process = context.Process(target=_work, args=(share, generate, self._queue), daemon=True)
                process.start()
                self._processes.append(process)
        finally:
            gc.unfreeze()

    def take(self, job: Job) -> list[ApiRequest] | None:
        """The job's requests (GenerationFailed as the inline generation raises it), or None when the
        job was not given to the worker or the worker is gone: the caller then generates itself."""
        if not self._processes or job not in self._jobs:
            return None
        owner_gone = False
        while job not in self._ready:
            try:
                key, outcome, value = self._queue.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                if self._processes[self._owner[job]].is_alive():
                    continue
                if owner_gone:  # gone, and nothing arrived after it was seen gone
                    return None
                owner_gone = True
                continue
            self._ready[key] = (outcome, value)
        self._jobs.discard(job)
        outcome, value = self._ready.pop(job)
        if outcome == "failed":
            raise GenerationFailed(value)
        if outcome == "crashed":
            raise RuntimeError(f"generating requests failed in the worker process:\n{value}")
        return value

    def close(self) -> None:
        if not self._processes:
            return
        for process in self._processes:
            process.terminate()
        for process in self._processes:
            process.join()
        self._queue.close()
        self._queue.cancel_join_thread()
        self._processes = []


def _work(jobs: list[Job], generate: Generate, results: Any) -> None:
    for job in jobs:
        try:
            results.put((job, "ok", generate(*job)))
        except GenerationFailed as exc:
            results.put((job, "failed", str(exc)))
        except Exception:
            results.put((job, "crashed", traceback.format_exc()))
    results.close()
    results.join_thread()
