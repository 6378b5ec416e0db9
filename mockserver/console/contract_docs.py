"""The contract's documentation as the console renders it: every operation of the OpenAPI document the
emulator serves, with its parameters, answers and errors, read straight from the YAML (no Swagger UI,
no script: the page is plain HTML and reads the same offline)."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crocodial_mock.spec_file import SpecUnreadable, read_spec

METHODS = ("get", "post", "put", "patch", "delete", "head", "options", "trace")
REF_PREFIX = "#/components/schemas/"
MAX_PATTERN = 120
"""Longer patterns (lmapi's every possible line) are cut in the summary; the schema shows them whole."""


@dataclass(frozen=True)
class Parameter:
    name: str
    where: str
    required: bool
    kind: str
    description: str


@dataclass(frozen=True)
class Answer:
    status: str
    description: str
    media_type: str
    schemas: tuple[str, ...]
    """Names of the component schemas the body may be (``oneOf``), or ``type`` when inline."""
    note: str
    example: str


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    path: str
    module: str
    action: str
    summary: str
    description: str
    write: bool
    parameters: tuple[Parameter, ...]
    answers: tuple[Answer, ...]
    errors: tuple[str, ...]
    lines: tuple[tuple[str, bool], ...]
    """lmapi's possible answer lines: (kind, documented by the vendor)."""
    errata: tuple[str, ...]


@dataclass(frozen=True)
class ContractDocs:
    title: str
    version: str
    description: str
    problem: str
    modules: tuple[tuple[str, tuple[Operation, ...]], ...]
    schemas: tuple[tuple[str, str], ...]
    """(name, the schema as indented JSON)."""

    @property
    def operations(self) -> list[Operation]:
        return [op for _, ops in self.modules for op in ops]

    @property
    def schema_names(self) -> frozenset[str]:
        return frozenset(name for name, _ in self.schemas)


def load(path: Path) -> ContractDocs:
    try:
        version = path.stat().st_mtime_ns
    except OSError as error:
        return _unreadable(f"cannot read contract {path}: {error.strerror or error}")
    return _load(str(path), version)


def _unreadable(problem: str) -> ContractDocs:
    return ContractDocs("", "", "", problem, (), ())


@functools.lru_cache(maxsize=4)
def _load(path: str, version: int) -> ContractDocs:
    """Parsed once per file version (the document is large; the page is read often)."""
    try:
        document = read_spec(Path(path))
    except SpecUnreadable as error:
        return _unreadable(str(error))
    info = document.get("info") if isinstance(document.get("info"), dict) else {}
    by_module: dict[str, list[Operation]] = {}
    for op in _operations(document):
        by_module.setdefault(op.module, []).append(op)
    components = document.get("components") or {}
    schemas = components.get("schemas") if isinstance(components, dict) else None
    return ContractDocs(
        title=str(info.get("title", "")),
        version=str(info.get("version", "")),
        description=str(info.get("description", "")),
        problem="",
        modules=tuple((module, tuple(ops)) for module, ops in by_module.items()),
        schemas=tuple(
            (str(name), json.dumps(schema, indent=2, ensure_ascii=False, default=str))
            for name, schema in (schemas or {}).items()
        ),
    )


def _operations(document: dict[str, Any]) -> list[Operation]:
    found = []
    for path, item in document["paths"].items():
        if not isinstance(item, dict):
            continue
        for method in METHODS:
            op = item.get(method)
            if isinstance(op, dict):
                found.append(_operation(str(path), method, op))
    return found


def _operation(path: str, method: str, op: dict[str, Any]) -> Operation:
    tags = op.get("tags") or [""]
    module = str(op.get("x-crocodial-module") or tags[0])
    answers, lines = [], []
    for status, response in (op.get("responses") or {}).items():
        if not isinstance(response, dict):
            continue
        for media_type, content in (response.get("content") or {"": {}}).items():
            content = content if isinstance(content, dict) else {}
            answers.append(_answer(str(status), response, str(media_type), content))
            lines.extend(
                (str(line.get("kind", "")), bool(line.get("documented")))
                for line in content.get("x-crocodial-lines") or ()
                if isinstance(line, dict)
            )
    return Operation(
        operation_id=str(op.get("operationId", f"{method} {path}")),
        method=method.upper(),
        path=path,
        module=module,
        action=str(op.get("x-crocodial-action", "")),
        summary=str(op.get("summary", "")),
        description=str(op.get("description", "")),
        write=bool(op.get("x-crocodial-write")),
        parameters=tuple(_parameters(op)),
        answers=tuple(answers),
        errors=tuple(_schema_name(ref) for ref in op.get("x-crocodial-error-schemas") or ()),
        lines=tuple(lines),
        errata=tuple(str(e) for e in op.get("x-errata") or ()),
    )


def _parameters(op: dict[str, Any]) -> list[Parameter]:
    """Query parameters of a GET, form fields of a POST's body."""
    found = [
        Parameter(
            str(p.get("name", "")),
            str(p.get("in", "")),
            bool(p.get("required")),
            _kind(p.get("schema")),
            str(p.get("description", "")),
        )
        for p in op.get("parameters") or ()
        if isinstance(p, dict)
    ]
    content = ((op.get("requestBody") or {}).get("content")) or {}
    for media_type, body in content.items():
        schema = body.get("schema") if isinstance(body, dict) else None
        if not isinstance(schema, dict):
            continue
        required = set(schema.get("required") or ())
        for name, prop in (schema.get("properties") or {}).items():
            prop = prop if isinstance(prop, dict) else {}
            where = "form" if "form" in media_type else "body"
            found.append(
                Parameter(str(name), where, name in required, _kind(prop), str(prop.get("description", "")))
            )
    return found


def _kind(schema: Any) -> str:
    """A schema in a few words: ``string = getAgentStatus``, ``one of json, xml``, ``integer``."""
    if not isinstance(schema, dict):
        return ""
    if "const" in schema:
        return f"{schema.get('type', '')} = {schema['const']}".strip()
    if "enum" in schema:
        return "one of " + ", ".join(str(v) for v in schema["enum"])
    if "$ref" in schema:
        return _schema_name(schema["$ref"])
    kind = schema.get("type", "")
    if kind == "array":
        return f"array of {_kind(schema.get('items')) or 'values'}"
    text = " or ".join(kind) if isinstance(kind, list) else str(kind)
    if "pattern" in schema:
        pattern = str(schema["pattern"])
        text += f" matching {pattern if len(pattern) <= MAX_PATTERN else pattern[:MAX_PATTERN] + '…'}"
    if "format" in schema:
        text += f" ({schema['format']})"
    return text


def _schema_name(ref: Any) -> str:
    text = str(ref)
    return text[len(REF_PREFIX) :] if text.startswith(REF_PREFIX) else text


def _answer(status: str, response: dict[str, Any], media_type: str, content: dict[str, Any]) -> Answer:
    schema = content.get("schema") if isinstance(content.get("schema"), dict) else {}
    alternatives = schema.get("oneOf") or schema.get("anyOf") or [schema]
    schemas = tuple(_kind(s) for s in alternatives if isinstance(s, dict) and s)
    note = content.get("x-crocodial-answer-to") or (
        f"the same answer as {content['x-crocodial-xml-of']}, in goAPI's XML"
        if "x-crocodial-xml-of" in content
        else ""
    )
    return Answer(
        status,
        str(response.get("description", "")),
        media_type,
        schemas,
        str(note),
        _example(content),
    )


def _example(content: dict[str, Any]) -> str:
    if "example" in content:
        example = content["example"]
    else:
        examples = content.get("examples") or {}
        first = next(iter(examples.values()), None) if isinstance(examples, dict) else None
        if not isinstance(first, dict) or "value" not in first:
            return ""
        example = first["value"]
    if isinstance(example, str):
        return example
    return json.dumps(example, indent=2, ensure_ascii=False, default=str)
