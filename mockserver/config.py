"""Everything that shapes an emulator instance, so tests and the CLI build identical servers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from mockserver.answer_cache import DEFAULT_MAX_MB
from mockserver.world import WorldSize

XmlMode = Literal["upstream", "wellformed"]
ContentTypeMode = Literal["upstream", "accurate"]


@dataclass(frozen=True)
class EmulatorConfig:
    """Seed and clock fix the world; the modes pick between upstream's quirks and tidier output.

    ``now`` is ``YYYY-MM-DDTHH:MM:SS`` (None: the wall clock). ``api_users`` adds accounts
    (name -> password) beside the built-in ``MyUser``/``MyPass``. ``vicidial_path`` also serves the
    non-agent API at VICIdial's stock ``/vicidial/non_agent_api.php`` (ERRATA W21).
    """

    seed: int = 1
    now: str | None = None
    host: str = "127.0.0.1"
    port: int = 8080
    xml_mode: XmlMode = "upstream"
    content_type_mode: ContentTypeMode = "upstream"
    api_users: Mapping[str, str] = field(default_factory=dict)
    size: WorldSize = field(default_factory=WorldSize)
    vicidial_path: bool = True
    state: str | None = None
    """Where changes live: None or ``memory`` (this process), ``sqlite:///PATH``, ``redis://HOST:PORT/DB``."""
    answer_cache_mb: int = DEFAULT_MAX_MB
    mappings: str | None = None
    """A folder of stub files (``*.json``) loaded at start and again on every reset."""
    """Bound of the cache of encoded answers that cannot change, per process (0 switches it off)."""
    report_dir: str | None = None
    """The folder the contract kit writes its reports into; the console shows its last drift report."""
