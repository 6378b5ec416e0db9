"""A path-routed variant of the contract for tools that cannot tell fragment keys apart.

Prism's mock server and other tools route by path and method alone, so the fragment-keyed operations
of the contract all look like one endpoint to them. This variant merges each module's actions into
one GET and one POST per real URL: `goAction` becomes an enum, the answer any of the module's
envelopes, and every reference example stays available by name (Prism: `Prefer: example=<action>`).
It is derived from the contract on demand and never edited by hand.
"""

from __future__ import annotations

import copy
from typing import Any


def _merge_parameters(operations: list[dict[str, Any]], actions: list[str]) -> list[dict[str, Any]]:
    merged: dict[str, dict[str, Any]] = {}
    for op in operations:
        for param in op.get("parameters", []):
            if param["name"] in merged:
                continue
            param = copy.deepcopy(param)
            param.pop("example", None)
            if param["name"] == "goAction":
                param["schema"] = {"type": "string", "enum": actions}
                param["description"] = "The action to run: " + ", ".join(actions) + "."
            elif not param.get("x-crocodial-common"):
                param["required"] = False  # each action requires its own; see the full contract
            merged[param["name"]] = param
    return list(merged.values())


def _merge_body(operations: list[dict[str, Any]], actions: list[str]) -> dict[str, Any]:
    first = copy.deepcopy(operations[0]["requestBody"])
    media = first["content"]["application/x-www-form-urlencoded"]
    properties: dict[str, Any] = {}
    encoding: dict[str, Any] = {}
    for op in operations:
        other = op["requestBody"]["content"]["application/x-www-form-urlencoded"]
        for name, prop in other["schema"]["properties"].items():
            properties.setdefault(name, copy.deepcopy(prop))
        encoding.update(other.get("encoding", {}))
    properties["goAction"] = {"type": "string", "enum": actions, "description": "The action to run."}
    media["schema"]["properties"] = properties
    media["schema"]["required"] = ["goAction", "goUser", "goPass", "responsetype"]
    if encoding:
        media["encoding"] = encoding
    media.pop("example", None)
    media["examples"] = {
        op["x-crocodial-action"]: {
            "value": op["requestBody"]["content"]["application/x-www-form-urlencoded"]["example"]
        }
        for op in operations
    }
    return first


def _merge_responses(operations: list[dict[str, Any]]) -> dict[str, Any]:
    response = copy.deepcopy(operations[0]["responses"]["200"])
    response.pop("links", None)  # links name the fragment-keyed operations, which this variant merges
    json_media = response["content"]["application/json"]
    branches: list[dict[str, str]] = []
    examples: dict[str, Any] = {}
    for op in operations:
        media = op["responses"]["200"]["content"]["application/json"]
        for branch in media["schema"]["oneOf"]:
            if branch not in branches:
                branches.append(branch)
        for name, example in media.get("examples", {}).items():
            action = op["x-crocodial-action"]
            examples[action if name == "reference" else f"{action}.{name}"] = example
    json_media["schema"] = {"anyOf": branches}
    json_media["examples"] = examples
    return {"200": response}


def _merge(operations: list[dict[str, Any]], method: str, module: str) -> dict[str, Any]:
    actions = [op["x-crocodial-action"] for op in operations]
    merged: dict[str, Any] = {
        "operationId": f"{module}_{method}",
        "summary": f"{module} actions ({method.upper()})",
        "description": "One of: " + ", ".join(actions) + ". Each action's exact parameters, required "
        "parameters and answer are in the fragment-keyed contract (openapi/crocodial.yaml).",
        "tags": [module],
    }
    if method == "get":
        merged["parameters"] = _merge_parameters(operations, actions)
    else:
        merged["requestBody"] = _merge_body(operations, actions)
    merged["responses"] = _merge_responses(operations)
    merged["x-crocodial-module"] = module
    merged["x-crocodial-actions"] = actions
    return merged


def flatten(contract: dict[str, Any]) -> dict[str, Any]:
    """The contract with one operation per real URL and method."""
    flat = copy.deepcopy(contract)
    flat.pop("x-hasEquivalentPaths", None)
    flat["info"]["title"] += " (path-routed variant)"
    flat["info"]["description"] = (__doc__ or "").strip()
    grouped: dict[str, dict[str, list[dict[str, Any]]]] = {}
    paths: dict[str, Any] = {}
    for key, item in contract["paths"].items():
        url = key.split("#", 1)[0]
        if item["get"]["x-crocodial-module"] == "lmapi":
            paths[url] = copy.deepcopy(item)
            continue
        for method, op in item.items():
            grouped.setdefault(url, {}).setdefault(method, []).append(op)
    for url, methods in grouped.items():
        module = methods["get"][0]["x-crocodial-module"]
        paths[url] = {method: _merge(ops, method, module) for method, ops in methods.items()}
    flat["paths"] = dict(sorted(paths.items()))
    return flat
