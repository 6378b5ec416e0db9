"""Keeps credentials out of everything the kit prints or writes.

A live run sends real credentials, and lmapi's login error echoes the password back, so every string
leaving the kit (console lines, findings, curl lines, echoed bodies, JUnit, the drift report) goes
through one Redactor that knows every secret sent so far.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MASK = "***"

SECRET_PARAMS = frozenset({"goPass", "pass", "log_pass"})
"""Parameters whose value is a password wherever they appear (log_pass overrides goPass upstream)."""


_LMAPI_LOGIN_ECHO = re.compile(r"(Login incorrect, please try again: \|[^|\n]*\|)([^|\n]*)(\|BAD\|)")
_SHORTEST_SECRET = 3


class Redactor:
    """Replaces every known secret with ``***``; secrets are learnt as requests are built."""

    def __init__(self, secrets: Iterable[str] = ()):
        self._secrets: set[str] = set()
        self._names: set[str] = set()
        for secret in secrets:
            self.add(secret)

    def add(self, secret: str | None) -> None:
        """Remember a secret. Very short values are ignored: masking every "1" would garble bodies,
        and such values are never the real credentials (those are always added)."""
        if secret and len(secret) >= _SHORTEST_SECRET:
            self._secrets.add(secret)

    def add_credentials(self, user: str | None, password: str | None) -> None:
        """The password is masked wherever it appears; the user name only as a whole token, so a
        short name (``api``) does not garble ``lmapi.php``."""
        if password:
            self._secrets.add(password)
        if user:
            self._names.add(user)

    def __call__(self, text: str) -> str:
        return self.text(text)

    def text(self, text: str) -> str:
        if not text:
            return text
        text = _LMAPI_LOGIN_ECHO.sub(rf"\1{MASK}\3", text)
        for name in sorted(self._names, key=len, reverse=True):
            for form in {name, _url_encoded(name)}:
                text = re.sub(rf"(?<![\w.-]){re.escape(form)}(?![\w.-])", MASK, text)
        # Longest first, so a secret containing another is masked whole.
        for secret in sorted(self._secrets, key=len, reverse=True):
            text = text.replace(secret, MASK)
            encoded = _url_encoded(secret)
            if encoded != secret:
                text = text.replace(encoded, MASK)
        return text

    def params(
        self, pairs: Iterable[tuple[str, str]], credential_names: Iterable[str] = ()
    ) -> list[tuple[str, str]]:
        """Parameters with credential values masked outright (``credential_names`` adds the user
        parameter of the API at hand: goUser on goAPI, user on lmapi, where goAPI's user[] is a filter)."""
        masked_names = SECRET_PARAMS | set(credential_names)
        masked = []
        for name, value in pairs:
            if name in masked_names:
                masked.append((name, MASK))
            else:
                masked.append((name, self.text(value)))
        return masked


def _url_encoded(value: str) -> str:
    from urllib.parse import quote_plus

    return quote_plus(value)
