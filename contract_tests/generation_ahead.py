"""Generate a run's requests in a forked worker process while the run sends and judges.

Drawing requests from the contract (schemathesis, hypothesis) is about a third of a run's CPU and
does not depend on any answer, so a second process can draw the operations' requests in the order the
run will need them while the first sends and judges. Generation is derandomised per operation, so
the requests are the same whichever process draws them, and they are taken in the run's order: the
report does not depend on how far ahead the worker is.

Only where ``fork`` exists (the worker inherits the loaded contract instead of reading it again);
elsewhere, or when the worker is gone, the run generates in process as before.
"""

from __future__ import annotations

import multiprocessing
import queue
import sys
import traceback
from collections.abc import Callable
from typing import Any

from contract_tests.generation import GenerationFailed
from contract_tests.requests_model import ApiRequest

Job = tuple[str, bool]
"""(operationId, negative)."""
Generate = Callable[[str, bool], list[ApiRequest]]

_POLL_SECONDS = 0.5


class GeneratedAhead:
    """The requests of ``jobs``, drawn by ``generate`` in a worker process, taken in any order."""

    def __init__(self, jobs: list[Job], generate: Generate):
        self._jobs = set(jobs)
        self._ready: dict[Job, tuple[str, Any]] = {}
        self._process: Any = None
        if not jobs or "fork" not in multiprocessing.get_all_start_methods():
            return
        context = multiprocessing.get_context("fork")
        self._queue = context.Queue()
        for stream in (sys.stdout, sys.stderr):  # the worker must not write the parent's pending output
            stream.flush()
        self._process = context.Process(target=_work, args=(jobs, generate, self._queue), daemon=True)
        self._process.start()

    def take(self, job: Job) -> list[ApiRequest] | None:
        """The job's requests (GenerationFailed as the inline generation raises it), or None when the
        job was not given to the worker or the worker is gone: the caller then generates itself."""
        if self._process is None or job not in self._jobs:
            return None
        while job not in self._ready:
            try:
                key, outcome, value = self._queue.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                if not self._process.is_alive():
                    return None
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
        if self._process is None:
            return
        self._process.terminate()
        self._process.join()
        self._queue.close()
        self._queue.cancel_join_thread()
        self._process = None


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
