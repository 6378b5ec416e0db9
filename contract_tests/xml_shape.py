"""Check a goAPI XML answer against the JSON schema of the same operation.

Upstream's XML is lossy (ERRATA W6): every scalar becomes a string (null and false become empty,
true becomes "1"), lists of objects repeat their tag without a wrapper, lists of scalars lose their key
to numeric tags, and empty arrays vanish. So the JSON schema is read "with scalars as strings" and
with those losses forgiven; everything else (a documented field missing, a value that cannot be the
documented type, an undocumented tag) is reported like a JSON difference.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from contract_tests.findings import Kind
from contract_tests.schemas import Difference, json_type, short

XmlNode = tuple[str, Any]
Resolve = Callable[[Any], Any]

_INTEGER = re.compile(r"-?\d+")
_NUMBER = re.compile(r"-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?")


def xml_differences(nodes: list[XmlNode], schema: Any, resolve: Resolve) -> list[Difference]:
    found: list[Difference] = []
    _check_value(nodes, resolve(schema), "", resolve, found)
    return found


def _types(schema: Mapping[str, Any]) -> set[str]:
    declared = schema.get("type")
    if isinstance(declared, list):
        return set(declared)
    if isinstance(declared, str):
        return {declared}
    if "properties" in schema:
        return {"object"}
    if "items" in schema:
        return {"array"}
    if "const" in schema or "enum" in schema:
        values = [schema["const"]] if "const" in schema else schema["enum"]
        return {json_type(v) for v in values}
    return set()


def _check_value(value: Any, schema: Any, path: str, resolve: Resolve, found: list[Difference]) -> None:
    schema = resolve(schema)
    if not isinstance(schema, Mapping):
        return
    for combinator in ("oneOf", "anyOf"):
        if combinator in schema:
            _check_branches(value, schema[combinator], path, resolve, found)
            return
    if "allOf" in schema:
        for branch in schema["allOf"]:
            _check_value(value, branch, path, resolve, found)
        return
    types = _types(schema)
    if isinstance(value, list):
        if not types or types & {"object", "array"}:
            if "object" in types or "properties" in schema or not types:
                _check_object(value, schema, path, resolve, found)
            return
        found.append(Difference(Kind.TYPE_CHANGED, path or "/", " or ".join(sorted(types)), "element"))
        return
    _check_scalar(str(value), schema, types, path, found)


def _check_branches(
    value: Any, branches: list[Any], path: str, resolve: Resolve, found: list[Difference]
) -> None:
    best: list[Difference] | None = None
    for branch in branches:
        attempt: list[Difference] = []
        _check_value(value, branch, path, resolve, attempt)
        breaking = [d for d in attempt if d.kind.severity.value == "breaking"]
        if not breaking:
            found.extend(attempt)
            return
        if best is None or len(breaking) < len([d for d in best if d.kind.severity.value == "breaking"]):
            best = attempt
    found.extend(best or [])


def _check_scalar(
    text: str, schema: Mapping[str, Any], types: set[str], path: str, found: list[Difference]
) -> None:
    if not types:
        return
    if text == "" and types & {"null", "boolean", "object", "array"}:
        return  # null/false print <k></k>; an empty PHP array prints nothing, and an empty tag is close
    if "enum" in schema or "const" in schema:
        allowed = [schema["const"]] if "const" in schema else schema["enum"]
        if text not in {_as_php_string(a) for a in allowed}:
            kind = Kind.FORMAT_CHANGED if "const" in schema else Kind.UNDOCUMENTED_ENUM_VALUE
            found.append(Difference(kind, path or "/", f"one of {short(allowed)}", short(text, 60)))
        return
    fits = (
        "string" in types
        or ("integer" in types and _INTEGER.fullmatch(text))
        or ("number" in types and _NUMBER.fullmatch(text))
        or ("boolean" in types and text in ("1", ""))
    )
    if not fits:
        found.append(Difference(Kind.TYPE_CHANGED, path or "/", " or ".join(sorted(types)), short(text, 60)))
        return
    pattern = schema.get("pattern")
    if "string" in types and pattern and not re.search(pattern, text):
        found.append(Difference(Kind.FORMAT_CHANGED, path or "/", f"pattern {pattern}", short(text, 60)))


def _as_php_string(value: Any) -> str:
    if value is None or value is False:
        return ""
    if value is True:
        return "1"
    return str(value)


def _check_object(
    nodes: list[XmlNode], schema: Mapping[str, Any], path: str, resolve: Resolve, found: list[Difference]
) -> None:
    properties: Mapping[str, Any] = schema.get("properties", {}) or {}
    grouped: dict[str, list[Any]] = {}
    for tag, value in nodes:
        grouped.setdefault(tag, []).append(value)
    for name in schema.get("required", []):
        if name not in grouped and not _may_vanish(resolve(properties.get(name, {})), resolve):
            found.append(Difference(Kind.FIELD_MISSING, f"{path}/{name}", f"element <{name}>", "absent"))
    extra_allowed = (
        schema.get("additionalProperties", None) not in (None, False) or "patternProperties" in schema
    )
    for tag, values in grouped.items():
        if tag.isdigit():
            continue  # a list of scalars lost its key upstream; nothing to attribute it to
        if tag not in properties:
            if not extra_allowed:
                found.append(
                    Difference(
                        Kind.UNDOCUMENTED_FIELD,
                        f"{path}/{tag}",
                        "no such element",
                        short(_text(values[0]), 60),
                    )
                )
            continue
        prop = resolve(properties[tag])
        item_schema = resolve(prop.get("items")) if "array" in _types(prop) else None
        if item_schema is not None:
            for index, value in enumerate(values):
                _check_value(value, item_schema, f"{path}/{tag}/{index}", resolve, found)
        else:
            _check_value(values[0], prop, f"{path}/{tag}", resolve, found)


def _may_vanish(schema: Any, resolve: Resolve) -> bool:
    """Arrays (empty, or of scalars) and objects (an empty PHP array) may print no element at all."""
    if not isinstance(schema, Mapping):
        return True
    types = _types(schema)
    if types & {"array", "object"} or not types:
        return True
    return any(_may_vanish(resolve(b), resolve) for c in ("oneOf", "anyOf") for b in schema.get(c, []))


def _text(value: Any) -> str:
    return value if isinstance(value, str) else "<element>"
