"""The pytest plugin of crocodial-mock (entry point ``pytest11``): the ``crocodial`` and ``crocodial_client``
fixtures, the ``crocodial`` marker, the ``crocodial_*`` ini options and the ``--crocodial-*`` flags.

pytest imports this module at every start of every suite on a machine where the package is installed,
so it imports nothing heavy: the emulator (Flask, the world) is imported the first time a test asks.
Emulators are cached per configuration for the session and reset before each test that uses them.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

from crocodial_mock.options import OPTIONS, key, normalize

if TYPE_CHECKING:
    from crocodial_mock.emulator import Emulator, EmulatorClient

MARKER = "crocodial"
POOL_SIZE = 4
"""Distinct configurations kept alive at once; the least recently used beyond this is stopped."""
_SESSION_OPTIONS = pytest.StashKey[dict[str, Any]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("crocodial", "crocodial-mock (the CrocoDial emulator fixtures)")
    for option in OPTIONS:
        group.addoption(
            option.flag, dest=option.ini, metavar=option.metavar, default=None, help=f"{option.help}."
        )
        parser.addini(option.ini, f"crocodial-mock: {option.help}", default=None)


def pytest_configure(config: pytest.Config) -> None:
    names = ", ".join(f"{option.name}=" for option in OPTIONS)
    config.addinivalue_line(
        "markers",
        f"{MARKER}({names}): the emulator the crocodial / crocodial_client fixtures give this test",
    )
    chosen = {}
    for option in OPTIONS:
        value = config.getoption(option.ini, default=None)
        if value is None:
            value = config.getini(option.ini) or None
        chosen[option.name] = value
    try:
        config.stash[_SESSION_OPTIONS] = normalize(chosen)
    except ValueError as error:
        raise pytest.UsageError(f"{error} (from --crocodial-* or crocodial_* in the ini file)") from None


class EmulatorPool:
    """One emulator per distinct configuration, for the whole session (each xdist worker has its own)."""

    def __init__(self, size: int = POOL_SIZE):
        self.size = size
        self._emulators: OrderedDict[tuple, Emulator] = OrderedDict()

    def get(self, options: dict[str, Any]) -> Emulator:
        identity = key(options)
        emulator = self._emulators.get(identity)
        if emulator is None:
            from crocodial_mock.emulator import Emulator

            emulator = self._emulators[identity] = Emulator(**options)
            while len(self._emulators) > self.size:
                _, oldest = self._emulators.popitem(last=False)
                oldest.stop()
        self._emulators.move_to_end(identity)
        return emulator

    def close(self) -> None:
        while self._emulators:
            _, emulator = self._emulators.popitem()
            emulator.stop()


def options_for(item: pytest.Item | pytest.FixtureRequest) -> dict[str, Any]:
    """The session's options, overridden by ``crocodial`` markers (module, class, then the test's own)."""
    node = item.node if isinstance(item, pytest.FixtureRequest) else item
    config = node.config
    options = {option.name: None for option in OPTIONS} | config.stash[_SESSION_OPTIONS]
    for marker in reversed(list(node.iter_markers(MARKER))):
        if marker.args:
            raise TypeError(f"@pytest.mark.{MARKER} takes keywords only, e.g. seed=7")
        options.update(marker.kwargs)
    return normalize(options)


@pytest.fixture(scope="session")
def crocodial_emulators() -> Iterator[EmulatorPool]:
    """The session's emulators, one per configuration; stopped when the session ends."""
    pool = EmulatorPool()
    yield pool
    pool.close()


@pytest.fixture
def crocodial(request: pytest.FixtureRequest, crocodial_emulators: EmulatorPool) -> Emulator:
    """A CrocoDial emulator serving HTTP on 127.0.0.1 (a free port) in this process, freshly reset.

    ``crocodial.url``, ``.user``/``.password``, ``.goapi_url(module)``, ``.lmapi_url``,
    ``.requests(**filters)``, ``.add_fault(...)``, ``.now``, ``.reset()``. Configure with
    ``@pytest.mark.crocodial(seed=7, ...)``, ``crocodial_*`` ini options or ``--crocodial-*`` flags.
    """
    emulator = crocodial_emulators.get(options_for(request)).start()
    emulator.reset()
    return emulator


@pytest.fixture
def crocodial_client(request: pytest.FixtureRequest, crocodial_emulators: EmulatorPool) -> EmulatorClient:
    """A Flask test client of the emulator (no socket), freshly reset; ``crocodial_client.emulator``
    has the journal, faults and clock. Same configuration, and same state, as ``crocodial``."""
    emulator = crocodial_emulators.get(options_for(request))
    emulator.reset()
    return emulator.test_client()
