"""The contract as the kit needs it: one ``Operation`` per spec operation, read from the crocodial extensions.

The spec is the single source of truth: which actions exist, where they live, what they require,
whether they write, which schemas their answers follow and the reference's own example request.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from contract_tests.requests_model import ApiRequest
from crocodial_mock.spec_file import compose_spec, construct_spec


@dataclass(frozen=True)
class Parameter:
    name: str
    required: bool
    schema: Mapping[str, Any]


@dataclass(frozen=True)
class Link:
    """An OpenAPI link: ``parameter`` of ``operation_id`` takes the value at ``pointer`` of this answer
    (``0`` in the pointer stands for every item of the list)."""

    operation_id: str
    parameter: str
    pointer: str


@dataclass(eq=False)
class Operation:
    operation_id: str
    method: str
    path_key: str
    action: str
    module: str
    write: bool
    tags: list[str]
    success_ref: str | None
    error_refs: list[str]
    parameters: list[Parameter]
    raw: Mapping[str, Any] = field(repr=False)

    @property
    def path(self) -> str:
        """The URL path: the key without its ``#action`` fragment, which never reaches the server."""
        return self.path_key.split("#", 1)[0]

    @property
    def is_lmapi(self) -> bool:
        return self.module == "lmapi"

    @property
    def credential_names(self) -> tuple[str, str]:
        return ("user", "pass") if self.is_lmapi else ("goUser", "goPass")

    @property
    def realtime(self) -> bool:
        """Data that moves between two calls on a live service (agents' states, the hopper), so two
        answers to the same request may differ (``x-crocodial-realtime``)."""
        return bool(self.raw.get("x-crocodial-realtime"))

    @property
    def today_so_far(self) -> bool:
        """Covers today from 00:00 to now (ERRATA R9): its numbers grow between two live calls."""
        return bool(self.raw.get("x-crocodial-today-so-far"))

    @property
    def data_paths(self) -> list[str]:
        """Where the success answer keeps its data (``x-crocodial-data``): empty there is no data."""
        return list(self.raw.get("x-crocodial-data") or [])

    @property
    def days_pointer(self) -> str | None:
        """Rows whose timestamps tell which days hold data (``x-crocodial-days``), ``*`` for each row."""
        return self.raw.get("x-crocodial-days")

    @property
    def links(self) -> list[Link]:
        """The OpenAPI links of the success answer: which detail operation takes which of its values."""
        found = []
        response = ((self.raw.get("responses") or {}).get("200")) or {}
        for spec in (response.get("links") or {}).values():
            for parameter, expression in (spec.get("parameters") or {}).items():
                if isinstance(expression, str) and expression.startswith("$response.body#"):
                    pointer = expression[len("$response.body#") :]
                    found.append(Link(spec["operationId"], parameter, pointer))
        return found

    @property
    def date_parameters(self) -> list[str]:
        return [p.name for p in self.parameters if (p.schema or {}).get("format") == "date"]

    @cached_property
    def line_kinds(self) -> list[tuple[str, re.Pattern[str]]]:
        """lmapi's line shapes (``x-crocodial-lines`` on the text answer): (kind, full-line regex)."""
        found = []
        for media in ((self.raw.get("responses") or {}).get("200") or {}).get("content", {}).values():
            for index, line in enumerate(media.get("x-crocodial-lines") or []):
                if isinstance(line, Mapping) and line.get("regex"):
                    found.append((str(line.get("kind", f"line{index}")), re.compile(line["regex"])))
                elif isinstance(line, str):
                    found.append((f"line{index}", re.compile(line)))
        return found

    @property
    def reference_expectation(self) -> str | None:
        """The envelope the reference example answers with when it is not a success (schema name or
        lmapi line kind), e.g. ``MissingParameters`` for an example that sends a wrong parameter name."""
        spec = self.raw.get("x-crocodial-reference-request")
        return spec.get("expect") if isinstance(spec, Mapping) else None

    @property
    def reference_answers_as(self) -> str | None:
        """The action whose answer the reference example really gets (ERRATA A7: goGetCustomerInfo's
        POST example posts agent_summary_stats to goReports, so it answers like that action)."""
        spec = self.raw.get("x-crocodial-reference-request")
        return spec.get("answers_as") if isinstance(spec, Mapping) else None

    @property
    def required_one_of(self) -> list[str]:
        return list(self.raw.get("x-crocodial-required-one-of") or [])

    def accepted_names(self) -> set[str]:
        """Documented parameter names as the server reads them (``tenant[]`` is ``tenant``)."""
        return {p.name[:-2] if p.name.endswith("[]") else p.name for p in self.parameters}

    def reference_request(self) -> ApiRequest | None:
        """The reference's own example (``x-crocodial-reference-request``), or None if the spec has none."""
        return _reference_request(self, self.raw.get("x-crocodial-reference-request"))


class Contract:
    """The loaded spec, with $ref resolution for response schemas."""

    def __init__(self, document: Mapping[str, Any], path: Path | None = None):
        self.document = document
        self.path = path
        self._tree: Any = None

    @classmethod
    def load(cls, path: Path) -> Contract:
        """The contract at ``path``; SpecUnreadable (missing, not YAML, not OpenAPI) otherwise."""
        tree = compose_spec(path)
        contract = cls(construct_spec(path, tree), path)
        contract._tree = tree
        return contract

    @cached_property
    def schemathesis_schema(self) -> Any:
        """schemathesis' schema of this contract, built from the file's node tree already parsed (the file
        is parsed once per process), which is then let go."""
        from contract_tests.schema_document import schema_from_tree

        if self.path is None:
            raise ValueError("a contract built from a document has no file for schemathesis")
        tree, self._tree = self._tree, None
        return schema_from_tree(self.path, tree)

    @cached_property
    def operations(self) -> list[Operation]:
        return list(self._iter_operations())

    def operation_for(self, action: str, method: str) -> Operation | None:
        return next((op for op in self.operations if op.action == action and op.method == method), None)

    def negative_source(self, op: Operation) -> Operation:
        """The operation whose negative requests ``op`` sends: its action's form (POST) operation when
        that takes the very same parameters, else ``op`` itself. Upstream runs one handler reading
        ``$_REQUEST`` whatever the method (W17), so an input that breaks the contract breaks it by
        either method; schemathesis draws such inputs for a form body at about half the cost of
        drawing them for a query string, and each is then sent by both methods."""
        if op.method == "POST" or op.write:
            return op
        for other in self.operations:
            if (
                other.method == "POST"
                and not other.write
                and other.path == op.path
                and other.action == op.action
                and _parameter_constraints(other) == _parameter_constraints(op)
            ):
                return other
        return op

    def operation(self, operation_id: str) -> Operation:
        for op in self.operations:
            if op.operation_id == operation_id:
                return op
        raise KeyError(operation_id)

    def resolve(self, ref_or_schema: Any) -> Any:
        """Follow local ``$ref`` chains (``#/components/schemas/X``) to the schema they name."""
        node = ref_or_schema
        seen = 0
        while isinstance(node, Mapping) and "$ref" in node and len(node) == 1 and seen < 32:
            node = self.pointer(node["$ref"])
            seen += 1
        if isinstance(node, str) and node.startswith("#/"):
            return self.resolve({"$ref": node})
        return node

    def pointer(self, ref: str) -> Any:
        if not ref.startswith("#/"):
            raise ValueError(f"only local references are supported, got {ref!r}")
        node: Any = self.document
        for part in ref[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            node = node[int(part)] if isinstance(node, list) else node[part]
        return node

    def _iter_operations(self) -> Iterator[Operation]:
        for path_key, item in (self.document.get("paths") or {}).items():
            shared = item.get("parameters", [])
            for method in ("get", "post", "put", "patch", "delete"):
                raw = item.get(method)
                if not raw:
                    continue
                action = raw.get("x-crocodial-action") or path_key.partition("#")[2]
                module = raw.get("x-crocodial-module") or _module_from_path(path_key)
                yield Operation(
                    operation_id=raw.get("operationId", f"{action}_{method}"),
                    method=method.upper(),
                    path_key=path_key,
                    action=action,
                    module=module,
                    write=bool(raw.get("x-crocodial-write")) or "write" in raw.get("tags", []),
                    tags=list(raw.get("tags", [])),
                    success_ref=_ref_of(raw.get("x-crocodial-success-schema")),
                    error_refs=[_ref_of(r) for r in raw.get("x-crocodial-error-schemas", []) if _ref_of(r)],
                    parameters=self._parameters(shared, raw),
                    raw=raw,
                )

    def _parameters(self, shared: list[Any], raw: Mapping[str, Any]) -> list[Parameter]:
        params: list[Parameter] = []
        for spec in [*shared, *raw.get("parameters", [])]:
            spec = self.resolve(spec)
            params.append(Parameter(spec["name"], bool(spec.get("required")), spec.get("schema", {})))
        content = ((raw.get("requestBody") or {}).get("content")) or {}
        form = content.get("application/x-www-form-urlencoded")
        if form:
            schema = self.resolve(form.get("schema", {}))
            required = set(schema.get("required", []))
            for name, prop in (schema.get("properties") or {}).items():
                params.append(Parameter(name, name in required, self.resolve(prop)))
        return params


_ANNOTATIONS = frozenset({"description", "example", "examples", "title"})


def _parameter_constraints(op: Operation) -> list[tuple[str, bool, Any]]:
    """The parameters as a validator sees them: names, required, schemas without their annotations."""
    return sorted(((p.name, p.required, _without_annotations(p.schema)) for p in op.parameters), key=repr)


def _without_annotations(schema: Any) -> Any:
    if isinstance(schema, Mapping):
        return {k: _without_annotations(v) for k, v in schema.items() if k not in _ANNOTATIONS}
    if isinstance(schema, list):
        return [_without_annotations(item) for item in schema]
    return schema


def _ref_of(value: Any) -> str | None:
    if isinstance(value, Mapping):
        return value.get("$ref")
    return value if isinstance(value, str) else None


def _module_from_path(path_key: str) -> str:
    if path_key.startswith("/API/lmapi.php"):
        return "lmapi"
    parts = path_key.split("/")
    return parts[2] if len(parts) > 2 else ""


def _pairs(value: Any) -> tuple[tuple[str, str], ...]:
    """Parameters given as a query string, a mapping (lists become ``name[]`` pairs) or pairs."""
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(parse_qsl(value.lstrip("?"), keep_blank_values=True))
    if isinstance(value, Mapping):
        pairs: list[tuple[str, str]] = []
        for name, item in value.items():
            if isinstance(item, list):
                key = name if name.endswith("[]") else f"{name}[]"
                pairs += [(key, str(v)) for v in item]
            else:
                pairs.append((name, _scalar(item)))
        return tuple(pairs)
    return tuple((str(k), _scalar(v)) for k, v in value)


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    return "" if value is None else str(value)


def _reference_request(op: Operation, spec: Any) -> ApiRequest | None:
    if not spec:
        return None
    method = op.method
    query: tuple[tuple[str, str], ...]
    form: tuple[tuple[str, str], ...] | None = None
    if isinstance(spec, str):
        split = urlsplit(spec)
        query = _pairs(split.query)
    else:
        method = str(spec.get("method", method)).upper()
        query = _pairs(urlsplit(spec["url"]).query) if "url" in spec else _pairs(spec.get("query"))
        body = spec.get("form", spec.get("body"))
        if body is not None:
            form = _pairs(body)
        if "parameters" in spec or "params" in spec:
            params = _pairs(spec.get("parameters", spec.get("params")))
            if method == "GET":
                query = query + params
            else:
                form = (form or ()) + params
    if method == "POST" and form is None:
        form = ()
    path = spec.get("path", op.path) if isinstance(spec, Mapping) else op.path
    return ApiRequest(
        method=method,
        path=path,
        query=query,
        form=form,
        credential_names=op.credential_names,
        label="reference example",
    )
