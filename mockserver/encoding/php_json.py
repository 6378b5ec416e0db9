"""PHP's ``json_encode`` with ``JSON_PRESERVE_ZERO_FRACTION``, byte for byte (ERRATA W3, W22).

Clients written against the real server see ``\\/`` and ``\\uXXXX`` escapes, empty PHP arrays as
``[]`` and PHP's float forms (``14.0``, ``1.0e-5``, ``1.0e+25``); an emulator that printed Python's
defaults would hide parsing bugs (e.g. a client splitting on ``/``) until production.
"""

from __future__ import annotations

import json
import math
import re
import secrets
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from mockserver.encoding.php_numbers import json_float, json_matches_python

_CANONICAL_INT = re.compile(r"-?(0|[1-9][0-9]*)\Z")


def php_array_key(key: Any) -> int | str:
    """The key PHP stores: canonical decimal integer strings become integers ("12" -> 12, not "012")."""
    if isinstance(key, bool):
        return int(key)
    if isinstance(key, int):
        return key
    text = str(key)
    if not text or text[0] not in "-0123456789":
        return text  # the common case (field names) needs no regex
    if _CANONICAL_INT.match(text) and text != "-0":
        number = int(text)
        if -(2**63) <= number < 2**63:
            return number
    return text


def is_php_list(mapping: Mapping[Any, Any]) -> bool:
    """True when a PHP array with these keys is a list (keys 0..n-1 in order), as json_encode decides."""
    return all(php_array_key(key) == index for index, key in enumerate(mapping))


_PLAIN_TYPES = frozenset({str, int, type(None)})
"""Exact types only: ``bool`` is not ``int`` here, and a rare subclass takes the general path, which
prints it the same way."""


@lru_cache(maxsize=256)
def _plain_keys(keys: tuple[Any, ...]) -> bool:
    """Field names PHP keeps as they are (strings, not empty, not read as integers); cached by the
    whole tuple of names: a report's 66,000 rows repeat the same fifteen."""
    return all(type(key) is str and key and key[0] not in "-0123456789" for key in keys)


def _is_plain_record(mapping: dict[Any, Any]) -> bool:
    """True for a non-empty dict of named fields holding only strings, integers and null (C-level
    checks: this runs once per report row)."""
    if not mapping:
        return False  # PHP prints an empty array as [], never {}
    return _PLAIN_TYPES.issuperset(map(type, mapping.values())) and _plain_keys(tuple(mapping))


_RAW_FLOAT = f"\ue000php-float-{secrets.token_hex(8)}:"
"""Marks a float whose PHP text differs from Python's (exponent forms); ``encode`` writes it bare."""
_RAW_FLOAT_IN_JSON = re.compile('"' + re.escape(json.dumps(_RAW_FLOAT)[1:-1]) + '([^"]*)"')


def to_php_value(value: Any) -> Any:
    """Normalise a handler's result to what json_encode would see: dicts with list keys become lists,
    empty dicts become ``[]`` (PHP cannot tell an empty map from an empty list), tuples are lists."""
    if isinstance(value, str | int | float | None):
        if isinstance(value, float):
            if not math.isfinite(value):
                return 0  # json_encode fails on INF/NAN; with PARTIAL_OUTPUT semantics it writes 0
            if not json_matches_python(value):
                return _RAW_FLOAT + json_float(value)
        return value
    if type(value) is dict and _is_plain_record(value):
        return value  # a report row: nothing for PHP to change, and copying 1M cells is slow
    if isinstance(value, Mapping):
        if is_php_list(value):
            return [to_php_value(item) for item in value.values()]
        return {str(php_array_key(key)): to_php_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_php_value(item) for item in value]
    return value


CHUNK_ITEMS = 500
"""A long list is encoded this many items at a time: one C call over a 24 MB report would hold the GIL
for a third of a second and stall every other request of the process."""

_dumps = json.JSONEncoder(ensure_ascii=True, separators=(",", ":"), allow_nan=False).encode


def encode(value: Any) -> str:
    """The exact text ``json_encode($value, JSON_PRESERVE_ZERO_FRACTION)`` prints: compact, ``/``
    escaped, non-ASCII as ``\\uXXXX``, floats in PHP's forms."""
    parts: list[str] = []
    _encode_into(to_php_value(value), parts)
    return "".join(parts)


def _encode_into(value: Any, parts: list[str]) -> None:
    if isinstance(value, list) and len(value) > CHUNK_ITEMS:
        chunks = [value[i : i + CHUNK_ITEMS] for i in range(0, len(value), CHUNK_ITEMS)]
        parts.append("[")
        for index, chunk in enumerate(chunks):
            parts.append("," if index else "")
            parts.append(_escaped(_dumps(chunk))[1:-1])
        parts.append("]")
    elif isinstance(value, dict) and any(isinstance(item, list | dict) for item in value.values()):
        parts.append("{")
        for index, (key, item) in enumerate(value.items()):
            parts.append(("," if index else "") + _escaped(_dumps(key)) + ":")
            _encode_into(item, parts)
        parts.append("}")
    else:
        parts.append(_escaped(_dumps(value)))


def _escaped(text: str) -> str:
    # "/" can only occur inside JSON strings, so a plain replace escapes exactly PHP's way.
    text = text.replace("/", "\\/")
    if "php-float-" in text:
        text = _RAW_FLOAT_IN_JSON.sub(lambda match: match.group(1), text)
    return text
