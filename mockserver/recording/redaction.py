"""Credentials out, personal data pseudonymised, in JSON, goAPI XML and text lines alike.

Three passes over an answer, each changing only the characters of the values it replaces (every other
byte of the body stays as the target sent it, so the recording keeps upstream's layout for the contract
kit to judge):

1. fields: a JSON scanner (string values under a personal key, or inside a list under one) and a goAPI
   XML pass (personal tags, their ``<0>`` list items, CDATA); values become their pseudonyms;
2. echoes: every personal value met so far in this recording (request parameters included), as a whole
   token, wherever it appears: lmapi lines, messages, a name inside another field;
3. credentials: the password wherever it appears, the API user as a whole token, lmapi's login echo.
"""

from __future__ import annotations

import html
import json
import re
import threading
from collections import Counter
from collections.abc import Iterable
from typing import Any

from mockserver.recording.personal import CONTAINER_FIELDS, PERSONAL_FIELDS
from mockserver.recording.pseudonyms import Pseudonyms

MASKED_USER = "api-user"
MASKED_PASSWORD = "redacted"
CREDENTIALS = "credentials"
"""The count kind of every credential removed from a request or masked in an answer."""
SHORTEST_SECRET = 3
_ECHO_KINDS_SKIPPED = frozenset({"initial", "date"})
"""Too generic to look for outside their own field: a 1-letter initial, a date that also dates calls."""

_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+|\s+', re.DOTALL)
_XML_ELEMENT = re.compile(r"<(?P<tag>[A-Za-z_][\w.-]*)>(?P<inner>.*?)</(?P=tag)>", re.DOTALL)
_XML_LEAF = re.compile(r"<(?P<tag>[\w.-]+)>(?P<inner>[^<]*|<!\[CDATA\[.*?\]\]>)</(?P=tag)>", re.DOTALL)
_CDATA = re.compile(r"<!\[CDATA\[(?P<text>.*?)\]\]>", re.DOTALL)
_WORD = re.compile(r"[0-9A-Za-z]+")
_LMAPI_LOGIN_ECHO = re.compile(r"(Login incorrect, please try again: \|)[^|\n]*\|[^|\n]*(\|BAD\|)")


class Redactor:
    """One recording's redaction: the pseudonyms, and the personal values met so far (in memory only,
    never written), so an echo in a later answer is caught too."""

    def __init__(self, pseudonyms: Pseudonyms) -> None:
        self._pseudonyms = pseudonyms
        self._lock = threading.Lock()
        self._by_first_word: dict[str, list[tuple[str, str]]] = {}
        """Every known value's forms (raw, JSON-escaped, XML-escaped) → fake, by the form's first word,
        longest first: finding echoes is a dictionary look-up per word of the body, not a regular
        expression with thousands of alternatives (17 s for a 1 MB report, measured)."""
        self._odd_forms: dict[str, str] = {}
        """Forms that do not start with a letter or digit (``(312) 555-0101``): few, found by regex."""
        self._odd_pattern: re.Pattern[str] | None = None
        self._known: set[str] = set()

    def fake(self, kind: str, real: str, counts: Counter) -> str:
        if not real:
            return real
        fake = self._pseudonyms.fake(kind, real)
        counts[kind] += 1
        if kind not in _ECHO_KINDS_SKIPPED and _distinctive(real):
            with self._lock:
                if real not in self._known:
                    self._known.add(real)
                    self._learn(real, fake)
        return fake

    def parameters(self, values: dict[str, Any], counts: Counter) -> dict[str, Any]:
        """Request parameters (credentials already removed) with personal values replaced."""
        return {name: self._value(name, value, counts, inside=None) for name, value in values.items()}

    def _value(self, name: str, value: Any, counts: Counter, inside: str | None) -> Any:
        kind = PERSONAL_FIELDS.get(name) or inside
        if isinstance(value, dict):
            inner = "text" if name in CONTAINER_FIELDS else kind
            return {key: self._value(key, item, counts, inner) for key, item in value.items()}
        if isinstance(value, list):
            return [self._value(name, item, counts, inside) for item in value]
        if isinstance(value, str) and kind:
            return self.fake(kind, value, counts)
        return value

    def body(self, text: str, secrets: Secrets, counts: Counter) -> str:
        """The answer with every pass applied."""
        stripped = text.lstrip()
        if stripped.startswith(("{", "[")):
            text = self._json(text, counts)
        elif stripped.startswith("<"):
            text = self._xml(text, counts)
        text = self._echoes(text, counts)
        return secrets.mask(text, counts)

    def _json(self, text: str, counts: Counter) -> str:
        """Replace string values under personal keys, token by token (PHP's escaping kept)."""
        out: list[str] = []
        stack: list[list[Any]] = []  # [is_object, key (object) or owning key (list), expecting_key]
        for match in _JSON_TOKEN.finditer(text):
            token = match.group()
            top = stack[-1] if stack else None
            if token in "{[":
                stack.append([token == "{", top[1] if top else None, True])  # [1]: the owning key
            elif token in "}]":
                if stack:
                    stack.pop()
            elif token == ":":
                if top and top[0]:
                    top[2] = False
            elif token == ",":
                if top and top[0]:
                    top[2] = True
            elif token.startswith('"') and top is not None:
                if top[0] and top[2]:
                    top[1] = _json_text(token)
                else:
                    kind = self._kind_in(stack)
                    if kind and token != '""':
                        real = _json_text(token)
                        if isinstance(real, str):
                            token = _json_like(token, self.fake(kind, real, counts))
            out.append(token)
        return "".join(out)

    @staticmethod
    def _kind_in(stack: list[list[Any]]) -> str | None:
        key = stack[-1][1]
        kind = PERSONAL_FIELDS.get(key) if isinstance(key, str) else None
        if kind:
            return kind
        owners = [entry[1] for entry in stack[:-1]] + ([] if stack[-1][0] else [key])
        return "text" if any(owner in CONTAINER_FIELDS for owner in owners) else None

    def _xml(self, text: str, counts: Counter) -> str:
        def element(match: re.Match[str]) -> str:
            tag, inner = match.group("tag"), match.group("inner")
            kind = PERSONAL_FIELDS.get(tag)
            if tag in CONTAINER_FIELDS:
                kind = "text"
            elif kind is None:
                return match.group(0)[: len(tag) + 2] + _XML_ELEMENT.sub(element, inner) + f"</{tag}>"

            def fake_of(real: str) -> str:
                return self.fake(kind, real, counts)

            if "<" in _CDATA.sub("", inner):  # a list (<0>..</0>) or a container: fake each leaf
                inner = _XML_LEAF.sub(lambda leaf: _xml_leaf(leaf, fake_of), inner)
            else:
                inner = _xml_value(inner, fake_of)
            return f"<{tag}>{inner}</{tag}>"

        return _XML_ELEMENT.sub(element, text)

    def _learn(self, real: str, fake: str) -> None:
        for form, replacement in _forms(real, fake).items():
            first = _WORD.match(form)
            if first is None:
                self._odd_forms[form] = replacement
                self._odd_pattern = None
                continue
            forms = self._by_first_word.setdefault(first.group(), [])
            if all(form != known for known, _ in forms):
                forms.append((form, replacement))
                forms.sort(key=lambda pair: len(pair[0]), reverse=True)  # a value containing another first

    def _echoes(self, text: str, counts: Counter) -> str:
        """Every known value, as a whole word (no letter or digit on either side), by its fake."""
        with self._lock:
            index = {word: list(forms) for word, forms in self._by_first_word.items()}
            if self._odd_forms and self._odd_pattern is None:
                ordered = sorted(self._odd_forms, key=len, reverse=True)
                alternatives = "|".join(re.escape(form) for form in ordered)
                self._odd_pattern = re.compile(rf"(?<![0-9A-Za-z])(?:{alternatives})(?![0-9A-Za-z])")
            odd_pattern, odd_forms = self._odd_pattern, dict(self._odd_forms)
        pieces: list[str] = []
        done = 0
        for word in _WORD.finditer(text):
            start = word.start()
            if start < done:
                continue
            for form, fake in index.get(word.group(), ()):
                end = start + len(form)
                if text.startswith(form, start) and not (end < len(text) and _is_word_char(text[end])):
                    pieces += [text[done:start], fake]
                    done = end
                    counts["echo"] += 1
                    break
        text = "".join(pieces) + text[done:] if pieces else text
        if odd_pattern is not None:

            def replace(match: re.Match[str]) -> str:
                counts["echo"] += 1
                return odd_forms[match.group()]

            text = odd_pattern.sub(replace, text)
        return text


class Secrets:
    """One request's credentials, masked in its answer (lmapi echoes the password it was sent)."""

    def __init__(self, user: str | None, password: str | None) -> None:
        self.user = user or None
        self.password = password or None

    def mask(self, text: str, counts: Counter) -> str:
        text, found = _LMAPI_LOGIN_ECHO.subn(rf"\1{MASKED_USER}|{MASKED_PASSWORD}\2", text)
        counts[CREDENTIALS] += found
        if self.password and len(self.password) >= SHORTEST_SECRET:
            for form in _escaped_forms(self.password):
                counts[CREDENTIALS] += text.count(form)
                text = text.replace(form, MASKED_PASSWORD)
        if self.user and len(self.user) >= SHORTEST_SECRET:
            for form in _escaped_forms(self.user):
                pattern = rf"(?<![\w.@-]){re.escape(form)}(?![\w.@-])"
                text, found = re.subn(pattern, MASKED_USER, text)
                counts[CREDENTIALS] += found
        return text


def _distinctive(real: str) -> bool:
    """Worth looking for outside its field: not a short code that also means something else."""
    return len(real) >= 6 or (len(real) >= 4 and any(char.isalpha() for char in real))


def _escaped_forms(value: str) -> set[str]:
    """The value as it reads raw, in a JSON string (PHP escapes ``/``), in XML, URL-encoded."""
    from urllib.parse import quote_plus

    encoded = json.dumps(value)[1:-1]
    return {value, encoded, encoded.replace("/", "\\/"), html.escape(value, quote=False), quote_plus(value)}


def _forms(real: str, fake: str) -> dict[str, str]:
    """The value as it reads raw, in a JSON string (PHP escapes ``/``) and in XML, each → the fake so
    written."""
    fake_json = json.dumps(fake)[1:-1]
    real_json = json.dumps(real)[1:-1]
    forms = {real: fake}
    forms.setdefault(real_json, fake_json)
    forms.setdefault(real_json.replace("/", "\\/"), fake_json.replace("/", "\\/"))
    forms.setdefault(html.escape(real, quote=False), html.escape(fake, quote=False))
    return forms


def _is_word_char(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _json_text(token: str) -> Any:
    if "\\" not in token:
        return token[1:-1]
    try:
        return json.loads(token)
    except ValueError:
        return None


def _json_like(original: str, fake: str) -> str:
    """The fake as a JSON string escaped the way the original was (PHP writes ``\\/``)."""
    encoded = json.dumps(fake)
    return encoded.replace("/", "\\/") if "\\/" in original else encoded


def _xml_value(inner: str, fake_of: Any) -> str:
    cdata = _CDATA.fullmatch(inner)
    if cdata:
        text = cdata.group("text")
        return f"<![CDATA[{fake_of(text)}]]>" if text else inner
    if not inner.strip():
        return inner
    return html.escape(fake_of(html.unescape(inner)), quote=False)


def _xml_leaf(match: re.Match[str], fake_of: Any) -> str:
    tag = match.group("tag")
    return f"<{tag}>{_xml_value(match.group('inner'), fake_of)}</{tag}>"


def credential_values(values: dict[str, Any], names: Iterable[str]) -> list[str]:
    return [value for name in names if isinstance(value := values.get(name), str) and value]
