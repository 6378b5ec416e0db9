"""One request as the kit sends it: independent of schemathesis, of the transport and of the target.

Parameters are ordered (name, value) pairs because PHP arrays travel as repeated ``name[]`` pairs.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from contract_tests.redaction import Redactor


@dataclass(frozen=True)
class ApiRequest:
    method: str
    path: str
    query: tuple[tuple[str, str], ...] = ()
    form: tuple[tuple[str, str], ...] | None = None
    credential_names: tuple[str, str] = ("goUser", "goPass")
    label: str = field(default="", compare=False)
    """How the request came about (reference example, generated positive/negative, probe...)."""

    def param(self, name: str) -> str | None:
        """The value PHP would read for ``name`` (GET wins for goAction, either side otherwise)."""
        for pairs in (self.query, self.form or ()):
            for key, value in pairs:
                if key == name:
                    return value
        return None

    def params(self) -> dict[str, str | list[str]]:
        """GET and POST merged, ``name[]`` collected into lists (POST wins for plain names, as goUser)."""
        merged: dict[str, str | list[str]] = {}
        for pairs in (self.query, self.form or ()):
            for key, value in pairs:
                if key.endswith("[]"):
                    existing = merged.setdefault(key[:-2], [])
                    if isinstance(existing, list):
                        existing.append(value)
                else:
                    merged[key] = value
        return merged

    def with_param(self, name: str, value: str | None) -> ApiRequest:
        """A copy with ``name`` set (or removed when value is None) on the side that carries it."""

        def edit(pairs: tuple[tuple[str, str], ...], add: bool) -> tuple[tuple[str, str], ...]:
            kept = tuple((k, v) for k, v in pairs if k != name)
            return (*kept, (name, value)) if add and value is not None else kept

        in_form = self.form is not None and (
            any(k == name for k, _ in self.form) or not any(k == name for k, _ in self.query)
        )
        if in_form:
            return replace(self, query=edit(self.query, False), form=edit(self.form or (), True))
        return replace(
            self, query=edit(self.query, True), form=None if self.form is None else edit(self.form, False)
        )

    def curl(self, base_url: str, redact: Redactor, credentials: dict[str, str] | None = None) -> str:
        """A reproduction that runs as pasted: a credential value found in ``credentials`` is written as
        its replacement there (the run's own as ``$CROCODIAL_USER``/``$CROCODIAL_PASSWORD``, expanded by
        the shell, never written out); every other credential value is masked."""
        secret_values = dict(credentials or {})
        from_env: list[tuple[str, str]] = []

        def plain(pairs: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
            """The pairs shown as values; credentials with a replacement go to ``from_env``."""
            kept = []
            for name, value in pairs:
                if name in self.credential_names and value in secret_values:
                    from_env.append((name, secret_values[value]))
                else:
                    kept.append((name, value))
            return redact.params(kept, self.credential_names)

        query = plain(self.query)
        url = base_url.rstrip("/") + self.path + (f"?{urlencode(query, safe='[]*')}" if query else "")
        parts = ["curl", "-G" if self.form is None and from_env else "-X", self.method, shlex.quote(url)]
        if parts[1] == "-G":
            parts.pop(2)
        if self.form is not None:
            parts += ["-H", shlex.quote("Content-Type: application/x-www-form-urlencoded")]
            for name, value in plain(self.form):
                parts += ["--data-urlencode", shlex.quote(f"{name}={value}")]
        for name, variable in from_env:
            quoted = f'"{name}={variable}"' if variable.startswith("$") else shlex.quote(f"{name}={variable}")
            parts += ["--data-urlencode", quoted]
        return " ".join(parts)
