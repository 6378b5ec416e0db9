"""Registry of goAction handlers.

The contract (openapi/crocodial.yaml) says where an action lives, which parameters it requires and
whether it writes; this registry only says what it does. A handler takes the world and the request
parameters and returns the PHP result array as an insertion-ordered dict, or raises ApiError.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mockserver.params import Params
    from mockserver.world import World

Handler = Callable[["World", "Params"], dict[str, Any]]

_HANDLERS: dict[str, Handler] = {}


def action(name: str) -> Callable[[Handler], Handler]:
    """Register ``func`` as the handler of goAction ``name``."""

    def register(func: Handler) -> Handler:
        if name in _HANDLERS:
            raise ValueError(f"goAction {name!r} registered twice")
        _HANDLERS[name] = func
        return func

    return register


def handler_for(name: str) -> Handler | None:
    """The handler of ``name``, loading the handler modules on first use."""
    _load_handlers()
    return _HANDLERS.get(name)


def registered_actions() -> list[str]:
    _load_handlers()
    return sorted(_HANDLERS)


def _load_handlers() -> None:
    import mockserver.handlers  # noqa: F401  (importing registers every handler)
