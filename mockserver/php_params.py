"""PHP's request-variable semantics, so the emulator reads a request exactly as goAPI.php would.

Clients get these details wrong in ways only a PHP server reveals: ``phone number=`` arriving as
``phone_number``, ``tenant[]`` vs ``tenant``, GET beating POST for goAction but not for goUser, a JSON
body silently ignored. This module reproduces ``php_default_treat_data`` + ``php_register_variable_ex``
(PHP 8) and the ``$_REQUEST`` merge (``request_order=GP``), then applies goAPI's and lmapi's own
precedence rules (upstream-facts A2 and D).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import unquote_to_bytes

from mockserver.encoding.php_json import php_array_key
from mockserver.params import Params

MAX_INPUT_VARS = 1000
"""php.ini ``max_input_vars``: variables past this count are dropped (PHP warns and goes on)."""
MAX_INPUT_NESTING_LEVEL = 64
POST_MAX_SIZE = 8 * 1024 * 1024
"""php.ini ``post_max_size``: a larger body leaves ``$_POST`` empty instead of failing the request."""

PhpArray = dict[int | str, Any]
"""A PHP array: insertion-ordered, integer or string keys, scalars (str) or nested arrays."""

GET_FIRST = ("goAction", "responsetype", "goURL")
"""Read by goAPI.php from ``$_GET`` and only then ``$_POST``."""
CREDENTIAL_PARAMETERS = ("goPass", "pass", "log_pass")


def decode(raw: bytes) -> str:
    """PHP keeps bytes; Python needs text. Invalid UTF-8 becomes U+FFFD instead of failing."""
    return raw.decode("utf-8", "replace")


def php_urldecode(raw: bytes) -> bytes:
    """``urldecode``: ``+`` is a space, ``%XX`` a byte, a malformed ``%`` stays as it is."""
    return unquote_to_bytes(raw.replace(b"+", b" "))


def parse_urlencoded(raw: bytes) -> list[tuple[str, str]]:
    """Split a query string or form body the way ``php_default_treat_data`` does (separator ``&``)."""
    pairs: list[tuple[str, str]] = []
    for part in raw.split(b"&"):
        if not part:
            continue
        name, separator, value = part.partition(b"=")
        pairs.append((decode(php_urldecode(name)), decode(php_urldecode(value)) if separator else ""))
    return pairs


def _symtable_key(index: str) -> int | str:
    """PHP's ZEND_HANDLE_NUMERIC_STR: canonical decimal integers become integer keys."""
    return php_array_key(index)


def _next_index(array: PhpArray) -> int:
    integers = [key for key in array if isinstance(key, int)]
    return max(integers) + 1 if integers and max(integers) >= 0 else 0


def _split_name(name: str) -> tuple[str, list[str | None]] | None:
    """``php_register_variable_ex``'s name handling: the base name and the list of array indices
    (None for ``[]``), or None when PHP drops the variable."""
    name = name.split("\x00", 1)[0].lstrip(" ")
    bracket = name.find("[")
    base = (name if bracket < 0 else name[:bracket]).replace(" ", "_").replace(".", "_")
    if not base:
        return None
    if bracket < 0:
        return base, []
    indices: list[str | None] = []
    position = bracket
    while True:
        index_start = position + 1
        cursor = index_start + 1 if name[index_start : index_start + 1] == " " else index_start
        if name[cursor : cursor + 1] == "]":
            index: str | None = None
            close = cursor
        else:
            close = name.find("]", cursor)
            if close < 0:
                if not indices:
                    # Not an index after all: "a[b" is the plain variable "a_b".
                    rest = name[index_start:].replace(" ", "_").replace(".", "_").replace("[", "_")
                    return base + "_" + rest, []
                return base, indices  # later garbage is ignored
            index = name[index_start:close]
        indices.append(index)
        if len(indices) >= MAX_INPUT_NESTING_LEVEL:
            return base, indices
        if name[close + 1 : close + 2] != "[":
            return base, indices
        position = close + 1


def register_variables(pairs: Iterable[tuple[str, str]]) -> PhpArray:
    """Build one superglobal (``$_GET`` or ``$_POST``) from decoded name/value pairs."""
    table: PhpArray = {}
    for count, (name, value) in enumerate(pairs):
        if count >= MAX_INPUT_VARS:
            break
        parsed = _split_name(name)
        if parsed is None:
            continue
        base, indices = parsed
        if len(indices) >= MAX_INPUT_NESTING_LEVEL:
            table.pop(base, None)
            continue
        if not indices:
            table[base] = value
            continue
        current = table.get(base)
        if not isinstance(current, dict):
            current = {}
            table[base] = current
        for depth, index in enumerate(indices):
            last = depth == len(indices) - 1
            key = _next_index(current) if index is None else _symtable_key(index)
            if last:
                current[key] = value
                break
            child = current.get(key)
            if not isinstance(child, dict):
                child = {}
                current[key] = child
            current = child
    return table


def merge_request(get: PhpArray, post: PhpArray) -> PhpArray:
    """``$_REQUEST`` with ``request_order=GP``: POST overrides GET, arrays merge key by key
    (``php_autoglobal_merge``), so ``a[]=1&a[]=2`` in GET and ``a[]=3`` in POST give ``[3, 2]``."""
    merged: PhpArray = {key: _copy(value) for key, value in get.items()}
    _merge_into(merged, post)
    return merged


def _copy(value: Any) -> Any:
    return {key: _copy(item) for key, item in value.items()} if isinstance(value, dict) else value


def _merge_into(destination: PhpArray, source: PhpArray) -> None:
    for key, value in source.items():
        existing = destination.get(key)
        if isinstance(value, dict) and isinstance(existing, dict):
            _merge_into(existing, value)
        else:
            destination[key] = _copy(value)


def to_param_value(value: Any) -> Any:
    """A PHP value as Params holds it: str, list[str] for a plain list of strings, else a dict
    with string keys (nested arrays, ``name[key]=`` maps)."""
    if not isinstance(value, dict):
        return value
    keys = list(value)
    if keys == list(range(len(keys))) and all(isinstance(item, str) for item in value.values()):
        return list(value.values())
    return {str(key): to_param_value(item) for key, item in value.items()}


def to_params(table: Mapping[int | str, Any]) -> Params:
    return Params({str(key): to_param_value(value) for key, value in table.items()})


def goapi_values(get: PhpArray, post: PhpArray) -> PhpArray:
    """goAPI.php's reading: ``$_REQUEST`` for everything, except goAction/responsetype/goURL from GET
    first, and ``log_pass`` replacing ``goPass`` (upstream-facts A2)."""
    values = merge_request(get, post)
    for name in GET_FIRST:
        if name in get:
            values[name] = _copy(get[name])
        elif name in post:
            values[name] = _copy(post[name])
    if "log_pass" in values:
        values["goPass"] = values["log_pass"]
    return values


def lmapi_values(get: PhpArray, post: PhpArray) -> PhpArray:
    """non_agent_api.php reads every parameter from GET first, then POST, without merging arrays."""
    values = {key: _copy(value) for key, value in post.items()}
    values.update({key: _copy(value) for key, value in get.items()})
    return values


def redacted(values: Mapping[str, Any]) -> dict[str, Any]:
    """Parameters safe to log or show: passwords replaced, so journals never hold credentials."""
    return {key: ("***" if key in CREDENTIAL_PARAMETERS else value) for key, value in values.items()}
