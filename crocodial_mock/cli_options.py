"""Command-line options that say their default and their environment variable in ``--help``.

Both CLIs use these so a user reads, for every flag, what happens when it is left out. An option backed
by an environment variable takes the command line first, then the variable, then its default; a secret
one (a password) never shows its value.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping
from typing import Any


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Appends ``(default: X; env NAME)`` to each option's help; keeps the epilog's layout."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        if action.default is argparse.SUPPRESS or isinstance(action, argparse._VersionAction):
            return text
        notes = []
        default = getattr(action, "fallback", action.default)
        if not getattr(action, "secret", False) and action.option_strings:
            notes.append(f"default: {getattr(action, 'shown', None) or _shown(default, action)}")
        env = getattr(action, "env", None)
        if env:
            notes.append(f"env {env}")
        return f"{text} ({'; '.join(notes)})" if notes else text


def _shown(default: Any, action: argparse.Action) -> str:
    if isinstance(action, argparse._StoreConstAction):  # a switch (store_true, store_false)
        return "off"
    if default is None or default == []:
        return "none"
    return str(default).replace("%", "%%")


def env_option(
    parser: argparse.ArgumentParser,
    *flags: str,
    env: str,
    default: Any = None,
    secret: bool = False,
    shown: str | None = None,
    environ: Mapping[str, str] | None = None,
    **kwargs: Any,
) -> argparse.Action:
    """An option read from ``flags``, else from the variable ``env`` (when set and not empty), else
    ``default`` (``shown`` describes it in ``--help`` when its value says too little). A bad value in
    the variable is a usage error naming it (a secret is never echoed)."""
    action = parser.add_argument(*flags, default=default, **kwargs)
    action.env = env  # type: ignore[attr-defined]
    action.fallback = default  # type: ignore[attr-defined]
    action.secret = secret  # type: ignore[attr-defined]
    action.shown = shown  # type: ignore[attr-defined]
    raw = (os.environ if environ is None else environ).get(env, "")
    if raw:
        action.default = _converted(parser, action, env, raw)
    return action


def _converted(parser: argparse.ArgumentParser, action: argparse.Action, env: str, raw: str) -> Any:
    shown = "***" if getattr(action, "secret", False) else repr(raw)
    try:
        value = action.type(raw) if callable(action.type) else raw
    except (argparse.ArgumentTypeError, ValueError) as error:
        parser.error(f"{env}={shown}: {error or 'invalid value'}")
    if action.choices is not None and value not in action.choices:
        parser.error(f"{env}={shown}: choose from {', '.join(map(str, action.choices))}")
    return value
