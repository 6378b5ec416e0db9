"""The emulator's options as the Python API, the pytest marker, ini files and command lines spell them.

One table, so ``running(seed=7)``, ``@pytest.mark.crocodial(seed=7)``, ``crocodial_seed = 7`` and
``--crocodial-seed 7`` cannot drift apart. Only the standard library here: the pytest plugin reads this
module at every pytest start.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

INSTANT_FORMAT = "%Y-%m-%dT%H:%M:%S"


@dataclass(frozen=True)
class Option:
    name: str
    parse: Callable[[Any], Any]
    help: str
    metavar: str = "VALUE"

    @property
    def flag(self) -> str:
        return "--crocodial-" + self.name.replace("_", "-")

    @property
    def ini(self) -> str:
        return "crocodial_" + self.name


def _integer(minimum: int | None = None) -> Callable[[Any], int]:
    def parse(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise ValueError(f"expected an integer, got {value!r}")
        try:
            number = int(value)
        except ValueError:
            raise ValueError(f"expected an integer, got {value!r}") from None
        if minimum is not None and number < minimum:
            raise ValueError(f"must be >= {minimum}, got {number}")
        return number

    return parse


def _choice(*choices: str) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        if value not in choices:
            raise ValueError(f"expected one of {', '.join(choices)}, got {value!r}")
        return value

    return parse


def _instant(value: Any) -> str:
    """A frozen clock as ``YYYY-MM-DDTHH:MM:SS`` (a ``datetime`` is accepted too)."""
    if isinstance(value, datetime):
        return value.replace(microsecond=0, tzinfo=None).strftime(INSTANT_FORMAT)
    try:
        datetime.strptime(str(value), INSTANT_FORMAT)
    except ValueError:
        raise ValueError(f"expected YYYY-MM-DDTHH:MM:SS, got {value!r}") from None
    return str(value)


def _users(value: Any) -> int:
    if isinstance(value, Mapping) or (isinstance(value, str) and ":" in value):
        raise ValueError(
            "users is the number of generated agents (as crocodial-mock serve --users); "
            "extra API accounts go in accounts={name: password}"
        )
    return _integer(0)(value)


def _accounts(value: Any) -> tuple[tuple[str, str], ...]:
    """Extra API accounts: ``{name: password}``, or ``"name:password,other:secret"`` in ini files."""
    if isinstance(value, str):
        pairs = []
        for item in value.replace(",", " ").split():
            name, separator, password = item.partition(":")
            if not separator or not name or not password:
                raise ValueError("expected NAME:PASSWORD[,NAME:PASSWORD...]")
            pairs.append((name, password))
        return tuple(sorted(pairs))
    if isinstance(value, tuple | list) and all(
        isinstance(pair, tuple | list) and len(pair) == 2 for pair in value
    ):
        value = dict(value)  # already normalized: (name, password) pairs
    if isinstance(value, Mapping) and all(
        isinstance(name, str) and name and isinstance(password, str) and password
        for name, password in value.items()
    ):
        return tuple(sorted(value.items()))
    raise ValueError("expected a mapping of account name to password")


def _folder(value: Any) -> str:
    """An existing folder, made absolute: a test's working directory may change after it is read."""
    if not isinstance(value, str | os.PathLike) or not str(value):
        raise ValueError(f"expected a folder path, got {value!r}")
    folder = Path(value).expanduser().resolve()
    if not folder.is_dir():
        raise ValueError(f"no such folder: {value}")
    return str(folder)


OPTIONS = (
    Option("seed", _integer(), "world seed: the same seed and clock give the same answers (default 1)", "N"),
    Option("now", _instant, "freeze the clock at YYYY-MM-DDTHH:MM:SS (default: the live clock)", "INSTANT"),
    Option("xml", _choice("upstream", "wellformed"), "goAPI XML layout: upstream (default) or wellformed"),
    Option(
        "content_type",
        _choice("upstream", "accurate"),
        "Content-Type labels: upstream text/html (default) or accurate",
    ),
    Option("users", _users, "generated agents (default 150)", "N"),
    Option("campaigns", _integer(0), "campaigns at least (default 12)", "N"),
    Option("calls_per_day", _integer(0), "calls per weekday (default 4000)", "N"),
    Option("leads", _integer(0), "seeded leads (default 20000)", "N"),
    Option("accounts", _accounts, "extra API accounts, NAME:PASSWORD[,NAME:PASSWORD]", "ACCOUNTS"),
    Option(
        "mappings",
        _folder,
        "stubs from DIR/*.json (hand-written or a recording) at start and after every reset",
        "DIR",
    ),
    Option("report_dir", _folder, "the contract kit's report folder the console shows (default none)", "DIR"),
)
BY_NAME = {option.name: option for option in OPTIONS}


def normalize(options: Mapping[str, Any]) -> dict[str, Any]:
    """Checked, canonical option values (None means the emulator's default and is dropped)."""
    unknown = set(options) - set(BY_NAME)
    if unknown:
        raise TypeError(
            f"unknown crocodial option(s) {', '.join(sorted(unknown))}; known: {', '.join(BY_NAME)}"
        )
    checked = {}
    for name, value in options.items():
        if value is None:
            continue
        try:
            checked[name] = BY_NAME[name].parse(value)
        except ValueError as error:
            raise ValueError(f"crocodial option {name}: {error}") from None
    return checked


def key(options: Mapping[str, Any]) -> tuple[tuple[str, Any], ...]:
    """A hashable identity of normalized options: one emulator per distinct configuration."""
    return tuple(sorted(options.items()))
