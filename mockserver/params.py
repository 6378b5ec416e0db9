"""The handler's view of a request's parameters, already merged the way PHP's $_REQUEST would be."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

ParamValue = str | list[str] | Mapping[str, Any]
"""``name=v`` -> str; ``name[]=a&name[]=b`` -> list[str]; ``name[k]=v`` or nested arrays -> a mapping
(string keys, values of the same three kinds), as PHP builds them."""


@dataclass(frozen=True)
class Params:
    """Parameters after PHP name mangling and GET/POST precedence.

    A value is a ``str`` for ``name=value`` and a ``list[str]`` for ``name[]=a&name[]=b``.
    Handlers never see the raw request, so they cannot depend on transport details.
    """

    values: Mapping[str, ParamValue] = field(default_factory=dict)

    def get(self, name: str) -> str | None:
        """The scalar value, or None when absent. An array given where a scalar is expected is
        treated as absent, as PHP code testing ``isset($x) && $x != ''`` on a string would."""
        value = self.values.get(name)
        return value if isinstance(value, str) else None

    def get_list(self, name: str) -> list[str]:
        """The values of a PHP-array parameter; a plain ``name=value`` counts as one element and
        empty strings are dropped, so ``tenant[]=AAA`` and ``tenant=AAA`` filter alike."""
        value = self.values.get(name)
        if value is None:
            return []
        if isinstance(value, str):
            items = [value]
        elif isinstance(value, Mapping):  # name[key]=v: PHP code iterating the array sees the values
            items = [item for item in value.values() if isinstance(item, str)]
        else:
            items = list(value)
        return [item for item in items if item != ""]

    def has(self, name: str) -> bool:
        """True when the parameter was sent with a non-empty value (PHP ``!empty``-ish)."""
        value = self.values.get(name)
        if isinstance(value, str):
            return value != ""
        return bool(value)
