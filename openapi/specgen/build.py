"""Assembles the OpenAPI document from the action, parameter, schema and lmapi tables."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import discovery, lmapi, schemas
from .actions import ACTIONS, MODULES, Action
from .parameters import COMMON_PARAMETERS, PARAMETER_KINDS, goaction_parameter, query_parameter

REPO_ROOT = Path(__file__).resolve().parents[2]
EXAMPLES_DIR = REPO_ROOT / "fixtures" / "examples"

WIRE_CONTENT_TYPE = "text/html; charset=UTF-8"
XML_PATTERN = (
    r'^<\?xml version="1\.0"(?: encoding="UTF-8")?\?>(?:\\n|\s)*<goautodialapi version="4\.0">'
    r"(?:\(\\n|\s*)<action>[^<]*</action>[\s\S]*</goautodialapi>\s*$"
)
"""Upstream's quirky prefix (literal backslash-n, stray `(` and `" )`, quoted action, W6) and the
well-formed layout both match; so do the goAgent dispatcher's pretty-printed answers."""
RESPONSETYPE_ERROR_PATTERN = (
    r"^result=error;message=This API function only accepts XML or JSON value on responsetype;?$"
)


def _header(value: str, description: str) -> dict[str, Any]:
    return {"description": description, "required": False, "schema": {"type": "string", "const": value}}


CORS_ORIGIN = _header("*", "Upstream sends it on every goAPI answer (W20).")
GOAGENT_HEADERS = {
    "Access-Control-Allow-Origin": CORS_ORIGIN,
    "Access-Control-Allow-Methods": _header("POST", "goAgent's dispatcher (W20)."),
    "Access-Control-Max-Age": _header("1000", "goAgent's dispatcher (W20)."),
}
LMAPI_HEADERS = {
    "Cache-Control": _header("no-cache, must-revalidate", "VICIdial's non_agent_api.php (W20)."),
    "Pragma": _header("no-cache", "VICIdial's non_agent_api.php (W20)."),
}

MODULE_DESCRIPTIONS = {
    "goReports": "Reports: call detail records, agent activity, pause and summary statistics.",
    "goDashboard": "Real-time dashboard counters.",
    "goUsers": "Users, live agent state, portfolios and profiles.",
    "goCalltimes": "Call time (dialling window) settings.",
    "goCampaigns": "Campaigns and their hoppers.",
    "goAgent": "Agent API (its own dispatcher: the action is checked before credentials, W10).",
    "lmapi": "VICIdial non-agent API, lead loading (`/API/lmapi.php`), plain-text answers.",
    "write": "Operations that change the call centre's data; leave them out of runs against a live system.",
}


def _fixture_examples(action: str) -> dict[str, Any]:
    """Named response examples from fixtures/examples (one file, or a file holding a named map)."""
    examples: dict[str, Any] = {}
    single = EXAMPLES_DIR / f"{action}.json"
    if single.exists():
        examples["reference"] = {
            "summary": "The reference's example answer, repaired (A13, A14).",
            "value": json.loads(single.read_text()),
            "x-crocodial-fixture": f"fixtures/examples/{single.name}",
        }
    for variant in sorted(EXAMPLES_DIR.glob(f"{action}.*.json")):
        name = variant.name[len(action) + 1 : -len(".json")]
        examples[name] = {
            "summary": f"The reference's example answer ({name.replace('_', ' ')}), repaired.",
            "value": json.loads(variant.read_text()),
            "x-crocodial-fixture": f"fixtures/examples/{variant.name}",
        }
    return examples


def _goapi_response(action: Action) -> dict[str, Any]:
    refs = [schemas.ref(action.success), *(schemas.ref(e) for e in action.errors)]
    json_media: dict[str, Any] = {"schema": {"oneOf": refs}}
    examples = _fixture_examples(action.name)
    if examples:
        json_media["examples"] = examples
    links = discovery.links(action.name)
    return {
        "200": {
            **({"links": links} if links else {}),
            "description": "Every answer is HTTP 200, errors included (W1): the success body or one of the "
            "error envelopes, in the format responsetype asks for.",
            "x-wire-content-type": WIRE_CONTENT_TYPE,
            "headers": GOAGENT_HEADERS
            if action.module == "goAgent"
            else {"Access-Control-Allow-Origin": CORS_ORIGIN},
            "content": {
                "application/json": json_media,
                "application/xml": {
                    "schema": {"type": "string", "pattern": XML_PATTERN},
                    "x-crocodial-xml-of": "application/json",
                },
                "text/plain": {
                    "schema": {"type": "string", "pattern": RESPONSETYPE_ERROR_PATTERN},
                    "x-crocodial-answer-to": "a responsetype other than json or xml (W5)",
                },
            },
        }
    }


def _common_extensions(action: Action, method: str) -> dict[str, Any]:
    ext: dict[str, Any] = {
        "x-crocodial-action": action.name,
        "x-crocodial-module": action.module,
        "x-crocodial-write": False,
        "x-crocodial-success-schema": f"#/components/schemas/{action.success}",
        "x-crocodial-error-schemas": [f"#/components/schemas/{e}" for e in action.errors],
        "x-crocodial-required-params": list(action.required),
    }
    if action.required_one_of:
        ext["x-crocodial-required-one-of"] = list(action.required_one_of)
    if action.realtime:
        ext["x-crocodial-realtime"] = True
    ext.update(discovery.extensions(action.name))
    kit = {"K1", "K5", *KIT_ERRATA.get(action.name, ())}
    if {"tenant[]", "user[]", "fromDate"} & set(action.params):
        kit.add("K2")
    errata = set(action.errata) | set(_report_errata(action)) | {"W3", "W6", "W22"} | kit
    ext["x-errata"] = sorted(errata, key=_errata_key)
    ext["x-crocodial-reference-request"] = action.reference_get if method == "get" else action.reference_post
    return ext


REPORT_ERRATA = {
    "outbound_cdr": ("R4",),
    "inbound_cdr": ("R5",),
    "agent_cdr": ("R5",),
    "exportAgentReport": ("R6",),
    "exportPauseReport": ("R7",),
    "inbound_summary_stats": ("R8",),
    "agent_summary_stats": ("R9",),
    "agentTimeUsage": ("R9",),
    "getUserInfo": ("R9",),
}


KIT_ERRATA = {"getAgentStatus": ("K3",), "agent_calls_report": ("K4",)}
"""What a drift run holds a service to (K*), beyond K1 (refusals), K2 (row filters) and K5 (JSON vs XML)."""


def _report_errata(action: Action) -> list[str]:
    """The report decisions (R*) that concern an action: its own, plus the filter rules it takes."""
    ids = list(REPORT_ERRATA.get(action.name, ()))
    if action.module == "goReports":
        ids.append("R3")
    if "profile[]" in action.params:
        ids.append("R1")
    if "user[]" in action.params:
        ids.append("R2")
    return ids


def _errata_key(ident: str) -> tuple[str, int]:
    return ident[0], int(ident[1:])


def _goapi_get(action: Action) -> dict[str, Any]:
    params = [{"name": "goAction", "in": "query", "required": True, **goaction_parameter(action.name)}]
    for name, spec in COMMON_PARAMETERS.items():
        param = query_parameter(name, spec, True, action.get_example.get(name, spec["example"]))
        if name == "responsetype":
            param["x-server-default"] = "xml"
        param["x-crocodial-common"] = True
        params.append(param)
    params[0]["x-crocodial-common"] = True
    for name in action.params:
        params.append(
            query_parameter(
                name, PARAMETER_KINDS[name], name in action.required, action.get_example.get(name)
            )
        )
    return {
        "operationId": f"{action.name}_get",
        "summary": action.summary,
        "description": action.description,
        "tags": [action.module],
        "parameters": params,
        "responses": _goapi_response(action),
        **_common_extensions(action, "get"),
    }


def _form_body(
    properties: dict[str, Any],
    required: list[str],
    example: dict[str, Any],
    additional: Any = False,
) -> dict[str, Any]:
    encoding = {
        name: {"style": "form", "explode": True}
        for name, prop in properties.items()
        if prop.get("type") == "array"
    }
    media: dict[str, Any] = {
        "schema": {
            "type": "object",
            "required": required,
            "properties": properties,
            "additionalProperties": additional,
        }
    }
    if encoding:
        media["encoding"] = encoding
    media["example"] = example
    return {"required": True, "content": {"application/x-www-form-urlencoded": media}}


def _describe(spec: dict[str, Any]) -> dict[str, Any]:
    return {**spec["schema"], "description": spec["description"]}


def _goapi_post(action: Action) -> dict[str, Any]:
    properties: dict[str, Any] = {"goAction": _describe(goaction_parameter(action.name))}
    for name, spec in COMMON_PARAMETERS.items():
        properties[name] = _describe(spec)
    for name in action.params:
        properties[name] = _describe(PARAMETER_KINDS[name])
    required = ["goAction", *COMMON_PARAMETERS, *action.required]
    example = {
        "goAction": action.name,
        "goUser": "MyUser",
        "goPass": "MyPass",
        **action.post_example,
    }
    return {
        "operationId": f"{action.name}_post",
        "summary": action.summary,
        "description": action.description,
        "tags": [action.module],
        "requestBody": _form_body(properties, required, example),
        "responses": _goapi_response(action),
        **_common_extensions(action, "post"),
    }


LMAPI_ERRATA = ["W1", "W17", "W18", "W20", "W21", "E1", "E27", *(f"L{n}" for n in range(1, 25)), "K1"]


def _add_lead_response() -> dict[str, Any]:
    media: dict[str, Any] = {"schema": {"type": "string", "pattern": lmapi.body_pattern()}}
    example = EXAMPLES_DIR / "add_lead.txt"
    if example.exists():
        media["example"] = example.read_text()
        media["x-crocodial-fixture"] = "fixtures/examples/add_lead.txt"
    media["x-crocodial-lines"] = [
        {"kind": kind, "regex": f"^{regex}$", "documented": documented}
        for kind, regex, documented in lmapi.LINES
    ]
    return {
        "200": {
            "description": "Always HTTP 200: one SUCCESS/NOTICE/ERROR line per message, each ending in LF "
            "(L6). Classify lines with `x-crocodial-lines`.",
            "x-wire-content-type": "text/html; charset=utf-8",
            "headers": LMAPI_HEADERS,
            "content": {"text/plain": media},
        }
    }


def _add_lead_extensions(method: str) -> dict[str, Any]:
    return {
        "x-crocodial-action": "add_lead",
        "x-crocodial-module": "lmapi",
        "x-crocodial-write": True,
        "x-crocodial-required-params": [],
        "x-errata": LMAPI_ERRATA,
        "x-crocodial-reference-request": {
            "method": method.upper(),
            "path": "/API/lmapi.php",
            "params": dict(lmapi.ADD_LEAD_REFERENCE_PARAMS),
            "expect": "error_phone_number",
        },
    }


ADD_LEAD_DESCRIPTION = (
    "Loads one lead into a list (VICIdial non-agent API `add_lead`). The API user needs modify_leads and "
    "user_level 8 or more. Custom fields travel as extra parameters named by their field label when "
    "custom_fields=Y. Answers are plain-text lines, never JSON; a missing required parameter gives the "
    "matching ERROR line, not 40001."
)


def _add_lead_get() -> dict[str, Any]:
    params = []
    for name, (schema, description) in lmapi.ADD_LEAD_PARAMETERS.items():
        param: dict[str, Any] = {
            "name": name,
            "in": "query",
            "required": name in lmapi.ADD_LEAD_REQUIRED,
            "description": description,
            "schema": schema,
        }
        if name in lmapi.ADD_LEAD_EXAMPLE:
            param["example"] = lmapi.ADD_LEAD_EXAMPLE[name]
        params.append(param)
    return {
        "operationId": "add_lead_get",
        "summary": "Load a lead",
        "description": ADD_LEAD_DESCRIPTION,
        "tags": ["lmapi", "write"],
        "parameters": params,
        "responses": _add_lead_response(),
        **_add_lead_extensions("get"),
    }


def _add_lead_post() -> dict[str, Any]:
    properties = {
        name: {**schema, "description": description}
        for name, (schema, description) in lmapi.ADD_LEAD_PARAMETERS.items()
    }
    body = _form_body(
        properties,
        list(lmapi.ADD_LEAD_REQUIRED),
        dict(lmapi.ADD_LEAD_EXAMPLE),
        additional={"type": "string", "description": "A custom field value, named by its field label."},
    )
    body["content"]["application/x-www-form-urlencoded"]["schema"]["propertyNames"] = {
        "description": "Custom field labels are letters, digits and underscores (VICIdial field_label).",
        "pattern": "^[A-Za-z_][A-Za-z0-9_]{0,49}$",
    }
    return {
        "operationId": "add_lead_post",
        "summary": "Load a lead",
        "description": ADD_LEAD_DESCRIPTION,
        "tags": ["lmapi", "write"],
        "requestBody": body,
        "responses": _add_lead_response(),
        **_add_lead_extensions("post"),
    }


INFO_DESCRIPTION = """\
The CrocoDial call-centre API as its vendor documents it (22 goAPI actions and lmapi `add_lead`),
with every gap and contradiction of the reference decided in openapi/ERRATA.md (ids in `x-errata`).

Every goAPI action shares its module's URL and is chosen by the `goAction` parameter, so each
operation's path key carries the action as a URL fragment (`/goAPIv2/<module>/goAPI.php#<goAction>`);
the fragment never reaches the server (`x-hasEquivalentPaths: true`). Each action is offered as GET
(query parameters) and POST (form body), as the reference documents both.

Every answer is HTTP 200; the JSON body is the success envelope or one of the error envelopes the
operation lists in `x-crocodial-error-schemas`.
"""


def build() -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for action in ACTIONS:
        paths[f"{action.path}#{action.name}"] = {"get": _goapi_get(action), "post": _goapi_post(action)}
    paths["/API/lmapi.php#add_lead"] = {"get": _add_lead_get(), "post": _add_lead_post()}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "CrocoDial API",
            "version": "1.0.0",
            "description": INFO_DESCRIPTION,
            "license": {"name": "MIT", "identifier": "MIT"},
        },
        "x-hasEquivalentPaths": True,
        "servers": [
            {"url": "http://127.0.0.1:8080", "description": "The crocodial-mock emulator."},
            {
                "url": "https://{domain}.croco-dial.net",
                "description": "A hosted CrocoDial.",
                "variables": {"domain": {"default": "DOMAIN"}},
            },
        ],
        "tags": [
            {"name": name, "description": MODULE_DESCRIPTIONS[name]} for name in (*MODULES, "lmapi", "write")
        ],
        "paths": paths,
        "components": {
            "schemas": {
                **schemas.SUCCESS,
                **schemas.ERRORS,
                **schemas.SHARED,
            }
        },
    }
