"""VICIdial's non-agent API as CrocoDial exposes it at ``/API/lmapi.php``: plain-text answer lines.

``answer(world, params)`` is the whole endpoint: ``function=version`` before authentication, then the
credentials (``user``/``pass``), then the function. Only ``add_lead`` is documented by CrocoDial; any
other function after a good login answers ``ERROR: NO FUNCTION SPECIFIED`` as upstream does.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from mockserver.lmapi import lines
from mockserver.lmapi.add_lead import add_lead
from mockserver.lmapi.sanitize import keep
from mockserver.params import Params
from mockserver.world import World
from mockserver.world.timezones import SERVER_ZONE, format_offset, php_number

__all__ = ["answer"]


FUNCTIONS = ("version", "add_lead")
"""The lmapi functions the emulator answers (any other name is ``NO FUNCTION SPECIFIED``)."""


def answer(world: World, params: Params) -> str:
    """The response body for one lmapi request (always HTTP 200, ``text/html`` on the wire)."""
    function = keep("-_0-9a-zA-Z", params.get("function") or "")
    if function == "version":
        return _version(world.now())
    user_text = keep("-_0-9a-zA-Z", params.get("user") or "")
    password = keep("-_0-9a-zA-Z", params.get("pass") or "")
    user = world.directory.authenticate(user_text, password) if user_text and password else None
    if user is None or not user.active or user.user_level <= 6:
        return lines.login_incorrect(user_text, password)
    if function == "add_lead":
        return add_lead(world, params, user, user_text)
    return lines.no_function()


def _version(now: datetime) -> str:
    dst = SERVER_ZONE.in_dst(now)
    offset = SERVER_ZONE.offset_at(now)
    epoch_base = datetime(1970, 1, 1) + timedelta(hours=offset)
    epoch = int((now - epoch_base).total_seconds())
    return lines.version(
        now.strftime("%Y-%m-%d %H:%M:%S"), epoch, dst, format_offset(SERVER_ZONE.standard), php_number(offset)
    )
