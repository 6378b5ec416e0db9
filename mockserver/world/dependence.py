"""What an answer depended on besides seed and configuration, so its encoded bytes can be kept.

The seeded world is a pure function of seed and clock; an answer built only from it (and from days that
are over under the clock in force) never changes, and the dispatcher may reuse its bytes. Reading the
mutable state (added leads, the hopper) or "now" under a live clock makes an answer volatile. Readers
report what they touched with :func:`touch`; :func:`watching` collects it for one answer.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass
class Dependence:
    """Set while an answer is built: did it read the mutable state, or a live "now"?"""

    state: bool = False
    time: bool = False

    @property
    def volatile(self) -> bool:
        return self.state or self.time


_current: ContextVar[Dependence | None] = ContextVar("crocodial_dependence", default=None)


@contextmanager
def watching() -> Iterator[Dependence]:
    """Collect what the code run inside the block reads (per thread: each request has its own)."""
    dependence = Dependence()
    token = _current.set(dependence)
    try:
        yield dependence
    finally:
        _current.reset(token)


def touch(*, state: bool = False, time: bool = False) -> None:
    """Record a read of the mutable state or of a live clock (a no-op outside :func:`watching`)."""
    dependence = _current.get()
    if dependence is not None:
        dependence.state |= state
        dependence.time |= time
