"""A small synthetic contract and test-only handlers, so the wire tests pin the dispatcher's rules
without depending on what the real actions answer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from mockserver import actions
from mockserver.config import EmulatorConfig
from mockserver.errors import ApiError, invalid_value
from mockserver.params import Params
from mockserver.world import World, WorldSize

SMALL_WORLD = WorldSize(users=6, campaigns=2, calls_per_day=20, leads=60)
CONFIG = EmulatorConfig(seed=7, now="2025-05-14T15:30:00", size=SMALL_WORLD)
GOOD = {"goUser": "MyUser", "goPass": "MyPass"}

COMMON = [
    {"name": "goAction", "in": "query", "required": True, "schema": {"type": "string"}},
    {"name": "goUser", "in": "query", "required": True, "schema": {"type": "string"}},
    {"name": "goPass", "in": "query", "required": True, "schema": {"type": "string"}},
    {"name": "responsetype", "in": "query", "required": True, "schema": {"type": "string"}},
]


def _operation(action: str, module: str, required=(), one_of=None, write=False) -> dict[str, Any]:
    extensions: dict[str, Any] = {"x-crocodial-action": action, "x-crocodial-module": module}
    extensions["x-crocodial-write"] = write
    if one_of:
        extensions["x-crocodial-required-one-of"] = list(one_of)
    get_params = COMMON + [
        {"name": name, "in": "query", "required": True, "schema": {"type": "string"}} for name in required
    ]
    return {
        "get": {"operationId": f"{action}_get", "parameters": get_params, "tags": [module], **extensions},
        "post": {"operationId": f"{action}_post", "tags": [module], **extensions},
    }


SYNTHETIC_SPEC = {
    "openapi": "3.1.0",
    "info": {"title": "wire tests", "version": "0"},
    "paths": {
        "/goAPIv2/goReports/goAPI.php#echo": _operation("echo", "goReports"),
        "/goAPIv2/goReports/goAPI.php#needsCampaign": _operation(
            "needsCampaign", "goReports", ["campaign_id"]
        ),
        "/goAPIv2/goReports/goAPI.php#listed": _operation("listed", "goReports", ["tenant[]"]),
        "/goAPIv2/goReports/goAPI.php#boom": _operation("boom", "goReports"),
        "/goAPIv2/goReports/goAPI.php#unencodable": _operation("unencodable", "goReports"),
        "/goAPIv2/goReports/goAPI.php#rejects": _operation("rejects", "goReports"),
        "/goAPIv2/goReports/goAPI.php#unhandled": _operation("unhandled", "goReports"),
        "/goAPIv2/goReports/goAPI.php#counted": _operation("counted", "goReports", write=True),
        "/goAPIv2/goUsers/goAPI.php#usersOnly": _operation("usersOnly", "goUsers"),
        "/goAPIv2/goAgent/goAPI.php#agentEcho": _operation(
            "agentEcho", "goAgent", one_of=["lead_id", "phone_number"]
        ),
    },
}


def write_spec(directory: Path) -> Path:
    path = directory / "synthetic.yaml"
    path.write_text(yaml.safe_dump(SYNTHETIC_SPEC, sort_keys=False))
    return path


CALLS: list[str] = []


def _echo(world: World, params: Params) -> dict[str, Any]:
    CALLS.append("echo")
    shown = {key: value for key, value in params.values.items() if key not in ("goPass", "log_pass")}
    return {"result": "success", "url": "http://example.com/a", "name": "José", "params": shown}


def _boom(world: World, params: Params) -> dict[str, Any]:
    raise RuntimeError("handler bug")


def _unencodable(world: World, params: Params) -> dict[str, Any]:
    return {"result": "success", "data": object()}


def _rejects(world: World, params: Params) -> dict[str, Any]:
    raise ApiError(invalid_value("campaign_id"))


def _counted(world: World, params: Params) -> dict[str, Any]:
    CALLS.append("counted")
    return {"result": "success", "data": len(CALLS)}


TEST_HANDLERS = {
    "echo": _echo,
    "needsCampaign": _echo,
    "listed": _echo,
    "boom": _boom,
    "unencodable": _unencodable,
    "rejects": _rejects,
    "counted": _counted,
    "usersOnly": _echo,
    "agentEcho": _echo,
}


def install_handlers(monkeypatch) -> None:
    actions.registered_actions()  # load the real handlers first, so ours are the last word
    for name, handler in TEST_HANDLERS.items():
        monkeypatch.setitem(actions._HANDLERS, name, handler)
    CALLS.clear()
