"""crocodial-mock for Python test suites: the emulator in a thread, and the contract kit as a function.

``with crocodial_mock.running(seed=7) as server: requests.get(server.goapi_url("goUsers"), ...)`` and
``crocodial_mock.check_contract(in_process=True).exit_code``. The pytest plugin
(``crocodial_mock.pytest_plugin``) yields the same server object from its ``crocodial`` fixture.

It is also the distribution's neutral base, which judges nothing: where the packaged contract and
fixtures live (``paths``, ``data``), how a contract file is read (``spec_file``), the CLIs' option
formatting (``cli_options``) and the version. The emulator and the kit both build on it, so the kit never
imports emulator code to find its contract.

The names are imported on first use: pytest loads the plugin (and so this package) at every start,
and a test session that never touches the emulator should not pay for Flask and the world.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
"""The distribution's version; the emulator, the kit and both CLIs report this one."""

if TYPE_CHECKING:
    from crocodial_mock.contract import ContractResult, check_contract
    from crocodial_mock.emulator import Emulator, EmulatorClient, RecordedRequest, running

__all__ = ["ContractResult", "Emulator", "EmulatorClient", "RecordedRequest", "check_contract", "running"]

_HOMES = {
    "ContractResult": "crocodial_mock.contract",
    "check_contract": "crocodial_mock.contract",
    "Emulator": "crocodial_mock.emulator",
    "EmulatorClient": "crocodial_mock.emulator",
    "RecordedRequest": "crocodial_mock.emulator",
    "running": "crocodial_mock.emulator",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'crocodial_mock' has no attribute {name!r}")
    return getattr(import_module(home), name)
