"""Judge a decoded value against the contract's schemas and say *how* it differs, not just *that*.

jsonschema says whether an answer is valid; a drift report needs the difference classified. The
judge validates twice: as the contract says (lenient) and with ``additionalProperties: false`` on
every plain object (strict), so undocumented fields show up as additive findings.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

from contract_tests.findings import Kind

_FORMAT_KEYWORDS = {
    "pattern",
    "format",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
}
_COMBINATORS = ("oneOf", "anyOf", "allOf")
_NOT_MONOTONE = frozenset(
    {"not", "oneOf", "if", "maxContains", "unevaluatedProperties", "unevaluatedItems", "$dynamicRef"}
)
"""Keywords under which a stricter subschema can make a value valid that was not (a ``not`` of it, a
``oneOf`` that no longer matches twice...). Without them, strict-valid implies valid."""


@dataclass(frozen=True)
class Difference:
    kind: Kind
    path: str
    expected: str
    seen: str


def pointer(parts: Any) -> str:
    return "/" + "/".join(str(p) for p in parts) if parts else "/"


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def short(value: Any, limit: int = 80) -> str:
    import json

    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class SchemaJudge:
    """Validators for named schemas (``#/components/schemas/X``) of one contract document."""

    def __init__(self, document: Mapping[str, Any]):
        self._components = document.get("components", {})
        self._strict_components = _strictify(copy.deepcopy(self._components))

    @lru_cache(maxsize=512)  # noqa: B019  (one judge per run; the cache dies with it)
    def validator(self, ref: str, strict: bool = False) -> Draft202012Validator:
        root = {"$ref": ref, "components": self._strict_components if strict else self._components}
        return Draft202012Validator(root, format_checker=Draft202012Validator.FORMAT_CHECKER)

    def is_valid(self, ref: str, value: Any) -> bool:
        return self.validator(ref).is_valid(value)

    def valid_differences(self, ref: str, value: Any) -> list[Difference] | None:
        """None when ``value`` is not valid against ``ref``; else its (additive) differences, as
        ``differences(ref, value, valid=True)``. A value the strict schema accepts has none, and is
        valid when adding ``additionalProperties: false`` can only narrow the schema: then one
        validation pass says all, instead of two for every success answer."""
        if self._monotone(ref) and self.validator(ref, strict=True).is_valid(value):
            return []
        if not self.is_valid(ref, value):
            return None
        return self.differences(ref, value, valid=True)

    @lru_cache(maxsize=512)  # noqa: B019  (one judge per run; the cache dies with it)
    def _monotone(self, ref: str) -> bool:
        seen: set[str] = set()
        pending = [ref]
        while pending:
            current = pending.pop()
            if current in seen:
                continue
            seen.add(current)
            for key, value in _walk(self.schema(current)):
                if key in _NOT_MONOTONE:
                    return False
                if key == "$ref":
                    if not (isinstance(value, str) and value.startswith("#/components/")):
                        return False
                    pending.append(value)
        return True

    def differences(self, ref: str, value: Any, valid: bool = False) -> list[Difference]:
        """Every difference of ``value`` from schema ``ref``, classified; additive ones only count
        where the lenient schema accepts the value there (strictness must not hide a real break).
        ``valid``: the caller already saw the lenient schema accept ``value``, so only the strict pass
        is left to run (a success answer is otherwise validated three times)."""
        found: list[Difference | None] = []
        if not valid:
            found = [_classify(e) for e in _leaves(self.validator(ref).iter_errors(value))]
        found = [d for d in found if d is not None]
        for error in _leaves(self.validator(ref, strict=True).iter_errors(value)):
            if error.validator in ("additionalProperties", "unevaluatedProperties"):
                found += _extra_fields(error)
        return _unique(found)

    def schema(self, ref: str) -> Any:
        node: Any = {"components": self._components}
        for part in ref[2:].split("/"):
            node = node[part]
        return node


def _walk(node: Any) -> Iterator[tuple[str, Any]]:
    """Every (keyword, value) pair of a schema, at any depth."""
    if isinstance(node, Mapping):
        for key, value in node.items():
            yield key, value
            yield from _walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


def _strictify(node: Any, in_combinator: bool = False) -> Any:
    if isinstance(node, dict):
        composed = any(k in node for k in _COMBINATORS)
        for key, value in node.items():
            node[key] = _strictify(value, in_combinator=key == "allOf")
        if (
            "properties" in node
            and "additionalProperties" not in node
            and "unevaluatedProperties" not in node
            and "patternProperties" not in node
            and not composed
            and not in_combinator
        ):
            node["additionalProperties"] = False
        return node
    if isinstance(node, list):
        return [_strictify(item, in_combinator) for item in node]
    return node


def _leaves(errors: Iterator[ValidationError]) -> Iterator[ValidationError]:
    """Descend into oneOf/anyOf failures to the branch that came closest."""
    for error in errors:
        if error.validator in ("oneOf", "anyOf") and error.context:
            closest = best_match(error.context)
            if closest is not None and closest.validator not in ("oneOf", "anyOf"):
                yield closest
                continue
            if closest is not None:
                yield from _leaves(iter([closest]))
                continue
        yield error


def _classify(error: ValidationError) -> Difference | None:
    path = pointer(error.absolute_path)
    keyword = error.validator
    if keyword == "required":
        present = set(error.instance) if isinstance(error.instance, dict) else set()
        missing = [name for name in error.validator_value if name not in present]
        name = missing[0] if missing else "?"
        return Difference(Kind.FIELD_MISSING, _join(path, name), f"field {name!r}", "absent")
    if keyword in ("additionalProperties", "unevaluatedProperties"):
        return None  # reported by the strict pass, where it is additive
    if keyword == "type":
        return Difference(Kind.TYPE_CHANGED, path, _types(error.validator_value), _seen(error.instance))
    if keyword in ("enum", "const"):
        allowed = error.validator_value if keyword == "enum" else [error.validator_value]
        same_type = any(json_type(a) == json_type(error.instance) for a in allowed)
        kind = Kind.UNDOCUMENTED_ENUM_VALUE if same_type else Kind.TYPE_CHANGED
        if keyword == "const" and same_type:
            kind = Kind.FORMAT_CHANGED  # a constant is not an enum that grew: the value is simply wrong
        return Difference(kind, path, f"one of {short(allowed)}", _seen(error.instance))
    if keyword in _FORMAT_KEYWORDS:
        return Difference(
            Kind.FORMAT_CHANGED, path, f"{keyword} {short(error.validator_value)}", _seen(error.instance)
        )
    return Difference(
        Kind.FORMAT_CHANGED, path, f"{keyword} {short(error.validator_value)}", _seen(error.instance)
    )


def _extra_fields(error: ValidationError) -> list[Difference]:
    schema = error.schema if isinstance(error.schema, dict) else {}
    known = set(schema.get("properties", {}))
    instance = error.instance if isinstance(error.instance, dict) else {}
    path = pointer(error.absolute_path)
    return [
        Difference(Kind.UNDOCUMENTED_FIELD, _join(path, name), "no such field", _seen(instance[name]))
        for name in instance
        if name not in known
    ]


def _join(path: str, name: Any) -> str:
    return f"{path.rstrip('/')}/{name}"


def _types(value: Any) -> str:
    return " or ".join(value) if isinstance(value, list) else str(value)


def _seen(value: Any) -> str:
    return f"{json_type(value)} {short(value, 60)}"


def _unique(items: list[Difference]) -> list[Difference]:
    seen: set[tuple[Kind, str]] = set()
    unique = []
    for item in items:
        if (item.kind, item.path) not in seen:
            seen.add((item.kind, item.path))
            unique.append(item)
    return unique
