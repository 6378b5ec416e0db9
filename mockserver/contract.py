"""The action catalogue, read from the OpenAPI contract: the dispatcher's only table.

Like stripe-mock, the emulator learns from the spec where each goAction lives, which parameters it
requires and whether it writes, so adding an action is a spec operation plus a handler, and the
emulator cannot drift from the contract it is tested against.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crocodial_mock.paths import SPEC_PATH
from crocodial_mock.spec_file import SpecUnreadable, read_spec, unreadable

GOAPI_MODULES = ("goReports", "goDashboard", "goUsers", "goCalltimes", "goCampaigns", "goAgent")
LMAPI_MODULE = "lmapi"
TRANSPORT_PARAMETERS = frozenset({"goAction", "goUser", "goPass", "responsetype"})
"""Checked by the dispatcher itself (credentials, action, format), never as an action's requirement."""


@dataclass(frozen=True)
class ActionSpec:
    """What the contract says about one goAction (or lmapi function)."""

    name: str
    module: str
    required: tuple[str, ...]
    required_one_of: tuple[tuple[str, ...], ...]
    write: bool
    operation_ids: tuple[str, ...]

    def missing_parameters(self, present: Any) -> bool:
        """True when a required parameter (or every member of a one-of group) is absent;
        ``present(name)`` says whether the request carries a usable value."""
        if any(not present(name) for name in self.required):
            return True
        return any(not any(present(name) for name in group) for group in self.required_one_of)


@dataclass(frozen=True)
class Catalogue:
    """Every action of the contract, by name."""

    actions: Mapping[str, ActionSpec]

    def get(self, name: str) -> ActionSpec | None:
        return self.actions.get(name)

    def on_module(self, module: str) -> list[ActionSpec]:
        return [spec for spec in self.actions.values() if spec.module == module]


def _parameter_name(raw: str) -> str:
    """``tenant[]`` in the contract is ``tenant`` once PHP has parsed the request."""
    return raw[:-2] if raw.endswith("[]") else raw


def _one_of_groups(raw: Any) -> tuple[tuple[str, ...], ...]:
    """``x-crocodial-required-one-of``: one group as a flat list, or a list of groups."""
    if not raw:
        return ()
    if all(isinstance(item, str) for item in raw):
        return (tuple(_parameter_name(item) for item in raw),)
    return tuple(tuple(_parameter_name(item) for item in group) for group in raw)


def catalogue_from_document(document: Mapping[str, Any]) -> Catalogue:
    """Build the catalogue from a parsed OpenAPI document keyed the project's way
    (``/goAPIv2/<module>/goAPI.php#<goAction>``, ``x-crocodial-*`` extensions)."""
    found: dict[str, dict[str, Any]] = {}
    for path_item in document.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in ("get", "post") or not isinstance(operation, Mapping):
                continue
            name = operation.get("x-crocodial-action")
            module = operation.get("x-crocodial-module")
            if not name or not module:
                continue
            entry = found.setdefault(
                name,
                {"module": module, "required": None, "one_of": (), "write": False, "ids": []},
            )
            entry["ids"].append(operation.get("operationId", f"{name}_{method}"))
            entry["write"] = entry["write"] or bool(operation.get("x-crocodial-write"))
            entry["one_of"] = entry["one_of"] or _one_of_groups(operation.get("x-crocodial-required-one-of"))
            if method == "get":
                entry["required"] = tuple(
                    _parameter_name(parameter["name"])
                    for parameter in operation.get("parameters", [])
                    if parameter.get("in") == "query"
                    and parameter.get("required")
                    and _parameter_name(parameter["name"]) not in TRANSPORT_PARAMETERS
                )
    return Catalogue(
        {
            name: ActionSpec(
                name=name,
                module=entry["module"],
                required=entry["required"] or (),
                required_one_of=entry["one_of"],
                write=entry["write"],
                operation_ids=tuple(entry["ids"]),
            )
            for name, entry in found.items()
        }
    )


def load_document(path: Path) -> dict[str, Any]:
    """The parsed contract; SpecUnreadable (one line: missing, not YAML, not OpenAPI) otherwise."""
    return read_spec(path)


@functools.lru_cache(maxsize=8)
def _cached_catalogue(path: str, mtime_ns: int) -> Catalogue:
    return catalogue_from_document(load_document(Path(path)))


def load_catalogue(path: Path | str | None = None) -> Catalogue:
    """The catalogue of ``path`` (default: the project's contract), parsed once per file version."""
    spec_path = Path(path) if path is not None else SPEC_PATH
    try:
        version = spec_path.stat().st_mtime_ns
    except OSError as error:
        raise unreadable(spec_path, error) from error
    catalogue = _cached_catalogue(str(spec_path.resolve()), version)
    if not catalogue.actions:
        raise SpecUnreadable(f"contract {spec_path} describes no CrocoDial action (no x-crocodial-action)")
    return catalogue
