"""Agents put in a chosen live state through ``/__admin/agents/<user>/state``, over the simulated floor.

An override replaces the agent's row on the floor (getLiveAgentInfo, getAgentStatus,
goGetTotalAgentsCall all read the same floor, so they agree) until it is cleared or the emulator reset.
Overrides live in the state store, like every change, so every worker on it shows the same floor.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from mockserver.world.calls import DIALER, INBOUND, MANUAL

if TYPE_CHECKING:
    from mockserver.world import World
    from mockserver.world.live import AgentLiveState

KIND = "floor"
STATES = ("READY", "PAUSED", "INCALL", "DISPO", "LOGGED_OUT")
ALIASES = {"IN CALL": "INCALL", "IN_CALL": "INCALL", "DISPOSITION": "DISPO", "LOGOUT": "LOGGED_OUT"}
CALL_TYPES = (DIALER, MANUAL, INBOUND)
FIELDS = ("state", "pause_code", "lead_id", "campaign_id", "call_type")


class OverrideError(ValueError):
    """An agent state the floor cannot show; the message says why."""


def validate(world: World, user: str, spec: Any) -> dict[str, Any]:
    """The override record to store for ``user`` (its canonical name), or OverrideError."""
    from mockserver.world.live import PAUSE_NAMES

    agent = world.directory.user(user)
    if agent is None or agent not in world.directory.agents():
        raise OverrideError(f"no agent named {user!r}")
    if not agent.active:
        raise OverrideError(f"agent {agent.user} is inactive and cannot log in")
    if not isinstance(spec, dict):
        raise OverrideError('expected a JSON object such as {"state": "READY"}')
    unknown = set(spec) - set(FIELDS)
    if unknown:
        raise OverrideError(f"unknown fields: {', '.join(sorted(unknown))}; known: {', '.join(FIELDS)}")
    state = spec.get("state")
    state = ALIASES.get(state, state) if isinstance(state, str) else state
    if state not in STATES:
        raise OverrideError(f"state must be one of {', '.join(STATES)} (or IN CALL, DISPOSITION)")
    record: dict[str, Any] = {"user": agent.user, "state": state, "since": world.now().isoformat()}
    if state == "PAUSED":
        code = spec.get("pause_code", "")
        if code != "" and code not in PAUSE_NAMES:
            raise OverrideError(f"pause_code must be one of {', '.join(PAUSE_NAMES)} (or empty)")
        record["pause_code"] = code
    elif "pause_code" in spec:
        raise OverrideError("pause_code goes with state PAUSED")
    if state == "INCALL":
        lead_id = spec.get("lead_id")
        if not isinstance(lead_id, int) or isinstance(lead_id, bool):
            raise OverrideError("an agent IN CALL needs the lead_id of the lead on the line")
        lead = world.leads.get(lead_id)
        if lead is None:
            raise OverrideError(f"no lead {lead_id}")
        lead_list = world.directory.lead_list(lead.list_id)
        campaign_id = spec.get("campaign_id") or (lead_list.campaign_id if lead_list else "")
        if world.directory.campaign(campaign_id) is None:
            raise OverrideError(f"no campaign {campaign_id!r}")
        call_type = spec.get("call_type", DIALER)
        if call_type not in CALL_TYPES:
            raise OverrideError(f"call_type must be one of {', '.join(CALL_TYPES)}")
        record.update(lead_id=lead_id, campaign_id=campaign_id, call_type=call_type)
    elif {"lead_id", "campaign_id", "call_type"} & set(spec):
        raise OverrideError("lead_id, campaign_id and call_type go with state INCALL")
    return record


def apply(
    world: World, floor: Mapping[str, AgentLiveState], overrides: Mapping[str, Mapping[str, Any]]
) -> dict[str, AgentLiveState]:
    """The floor with every override in place (sorted by user name, case-insensitively, as before)."""
    from mockserver.world.day_plan import _caller_id
    from mockserver.world.live import (
        _CONF_EXTEN_BASE,
        _DISPLAY,
        PAUSE_COLOR,
        PAUSE_NAMES,
        SERVER_IP,
        AgentLiveState,
    )

    changed = dict(floor)
    ordinals = {agent.user: n for n, agent in enumerate(world.seeded_directory.agents())}
    for agent in world.directory.agents():  # agents added through the admin API: after the seeded ones
        ordinals.setdefault(agent.user, len(ordinals))
    for user, record in overrides.items():
        changed.pop(user, None)
        state = record["state"]
        if state == "LOGGED_OUT" or user not in ordinals:
            continue
        base = {
            "user": user,
            "since": datetime.fromisoformat(record["since"]),
            "conf_exten": str(_CONF_EXTEN_BASE + ordinals[user]),
            "server_ip": SERVER_IP,
        }
        if state == "PAUSED":
            code = record["pause_code"]
            name = PAUSE_NAMES.get(code, "")
            status = f"PAUSE - {name}" if name else "PAUSE"
            changed[user] = AgentLiveState(
                state="PAUSED", pause_code=code, status=status, color=PAUSE_COLOR, **base
            )
            continue
        status, color = _DISPLAY[state]
        if state != "INCALL":
            changed[user] = AgentLiveState(state=state, pause_code="", status=status, color=color, **base)
            continue
        lead = world.leads.get(record["lead_id"])
        campaign = world.directory.campaign(record["campaign_id"])
        changed[user] = AgentLiveState(
            state=state,
            pause_code="",
            status=status,
            color=color,
            campaign_id=record["campaign_id"],
            campaign_name=campaign.campaign_name if campaign else "",
            call_type=record["call_type"],
            in_call_with=lead.phone_number if lead else "",
            caller_id=_caller_id(world.seed, campaign) if campaign else "",
            vendor_lead_code=lead.vendor_lead_code if lead else "",
            lead_id=record["lead_id"],
            **base,
        )
    return dict(sorted(changed.items(), key=lambda item: item[0].lower()))
