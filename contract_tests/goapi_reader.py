"""The kit's own reader (and writer) of goAPI XML, independent of the emulator's codec.

A drift run judges a server's XML with this module, never with ``mockserver.encoding.goapi_xml``: the
two are written separately from upstream's rules (``apiXMLOutput``, ERRATA W6, W19, W22), so a mistake
in one shows up as a disagreement with the other, and both are held to hand-written bytes
(``tests/oracles/goapi``).

- ``read(text)``: upstream's layout (literal ``\\n`` prefix, CDATA, ``<0>`` tags, no wrapper for lists)
  or well-formed XML (the emulator's ``--xml wellformed``, goAgent's pretty-printed SimpleXML).
- ``expected_nodes(value)``: the node tree upstream's XML carries for a decoded JSON answer, so "JSON and
  XML say the same" is ``read(xml).nodes == expected_nodes(json.loads(json_text))``.
- ``write(action, value)``: upstream's layout for a decoded JSON answer (drift injection serves it).

A node is ``(tag, text)`` for a leaf or ``(tag, [nodes])`` for an element holding elements.
"""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from html.entities import name2codepoint
from typing import Any

Node = tuple[str, Any]

_HEADER = re.compile(
    r'<\?xml[^>]*\?>\\n<goautodialapi[^>]*>\(\\n<action>"(?P<action>.*?) ?"</action>\\n" \)', re.DOTALL
)
_ROOT_END = "</goautodialapi>"
_CDATA_START, _CDATA_END = "<![CDATA[", "]]>"


class ReadError(ValueError):
    """Not goAPI XML in either layout."""


@dataclass(frozen=True)
class GoApiXml:
    action: str
    nodes: list[Node]


# --------------------------------------------------------------------------- reading


def read(text: str) -> GoApiXml:
    header = _HEADER.search(text)
    if header is None:
        return _read_wellformed(text)
    end = text.rfind(_ROOT_END)
    if end < header.end():
        end = len(text)
    return GoApiXml(_mysqli_unescape(header.group("action")), _read_layout(text, header.end(), end))


_PLAIN_LEAF = r"<((?:[^<>\n/!][^<>\n]*)?)>([^<\n]*)</\1>\n"
_PLAIN_LEAVES = re.compile(f"(?:{_PLAIN_LEAF})+")
_PLAIN_LEAF_PARTS = re.compile(_PLAIN_LEAF)
"""The common line, ``<name>value</name>``, where the value holds no ``<`` and no line feed: a run of
them is read in two C-level passes. Anything else (CDATA, a value of several lines, an element
opening) takes the careful path below, which reads such a line the same way (its first closing tag)."""


def _read_layout(text: str, position: int, end: int) -> list[Node]:
    """Upstream's line layout, read left to right with a stack of open elements."""
    root: list[Node] = []
    siblings = root
    open_elements: list[tuple[str, list[Node], str]] = []
    closing_top = None
    plain_leaves, leaf_parts = _PLAIN_LEAVES.match, _PLAIN_LEAF_PARTS.findall
    while position < end:
        leaves = plain_leaves(text, position, end)
        if leaves is not None:
            siblings.extend(leaf_parts(text, position, leaves.end()))
            position = leaves.end()
            continue
        if closing_top is not None and text.startswith(closing_top, position):
            name, children, _ = open_elements.pop()
            position += len(closing_top)
            siblings = open_elements[-1][1] if open_elements else root
            closing_top = open_elements[-1][2] if open_elements else None
            siblings.append((name, children))
            continue
        name, content = _open_tag(text, position, end)
        closing = f"</{name}>\n"
        if text.startswith("\n" + closing, content):  # an element with nothing inside, or a value of one LF
            siblings.append((name, []))
            position = content + 1 + len(closing)
        elif text.startswith("\n<", content) and not text.startswith("\n" + _CDATA_START, content):
            children: list[Node] = []
            open_elements.append((name, children, closing))
            siblings, closing_top = children, closing
            position = content + 1
        else:
            stop = _leaf_end(text, content, closing, end)
            siblings.append((name, _leaf_text(text[content:stop])))
            position = stop + len(closing)
    if open_elements:
        raise ReadError(f"<{open_elements[-1][0]}> is never closed")
    return root


def _open_tag(text: str, position: int, end: int) -> tuple[str, int]:
    close = text.find(">", position, end)
    name = text[position + 1 : close] if text.startswith("<", position) and close > 0 else "/"
    # "<>" is a real tag here: upstream names a top-level list's items after the (empty) parent key.
    if name[:1] in ("/", "!") or any(char in name for char in "<\n"):
        raise ReadError(f"expected an element at offset {position}: {text[position : position + 40]!r}")
    return name, close + 1


def _leaf_end(text: str, content: int, closing: str, end: int) -> int:
    """A value never holds its own closing tag unescaped unless it is CDATA-wrapped (then it ends
    with ``]]>``)."""
    if text.startswith(_CDATA_START, content):
        wrapped = text.find(_CDATA_END + closing, content, end + len(closing))
        if wrapped >= 0:
            return wrapped + len(_CDATA_END)
    stop = text.find(closing, content, end + len(closing))
    if stop < 0:
        raise ReadError(f"unclosed {closing.strip().replace('/', '')} at offset {content}")
    return stop


def _leaf_text(content: str) -> Any:
    long_enough = len(content) >= len(_CDATA_START) + len(_CDATA_END)
    if long_enough and content.startswith(_CDATA_START) and content.endswith(_CDATA_END):
        content = content[len(_CDATA_START) : -len(_CDATA_END)]
    return [] if content == "\n" else content


_MYSQLI = {"0": "\x00", "n": "\n", "r": "\r", "Z": "\x1a", "\\": "\\", "'": "'", '"': '"'}


def _mysqli_unescape(text: str) -> str:
    return re.sub(r"\\([0nrZ\\'\"])", lambda match: _MYSQLI[match.group(1)], text)


def _read_wellformed(text: str) -> GoApiXml:
    try:
        root = ElementTree.fromstring(text.encode("utf-8", "surrogatepass"))
    except ElementTree.ParseError as error:
        raise ReadError(f"neither upstream's layout nor XML: {error}") from error
    if root.tag != "goautodialapi":
        raise ReadError(f"root element is <{root.tag}>, not <goautodialapi>")
    children = list(root)
    action = ""
    if children and children[0].tag == "action":
        action = (children.pop(0).text or "").strip().strip('"').strip()
    return GoApiXml(action, [_element_node(child) for child in children])


def _element_node(element: ElementTree.Element) -> Node:
    tag = element.tag
    if tag == "item":  # a list index (emulator: key="0"; goAgent's SimpleXML: id="0")
        tag = element.get("key") or element.get("id") or tag
    if len(element):
        return tag, [_element_node(child) for child in element]
    text = element.text or ""
    if element.get("encoding") == "base64":
        text = base64.b64decode(text).decode("utf-8", "surrogatepass")
    return tag, [] if text == "\n" else text


# --------------------------------------------------------------------------- what XML should carry

_NUMERIC = re.compile(r"\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*\Z")


def _numeric_key(key: Any) -> bool:
    """PHP's ``is_numeric`` on an array key: apiXMLOutput tells lists from records with it."""
    return isinstance(key, int) or bool(_NUMERIC.match(key))


def _entries(value: dict[Any, Any] | list[Any]) -> list[tuple[Any, Any]]:
    return list(value.items()) if isinstance(value, dict) else list(enumerate(value))


def _php_text(value: Any) -> str:
    """The string PHP prints for a scalar (``precision`` 14 for floats, W22)."""
    if value is None or value is False:
        return ""
    if value is True:
        return "1"
    if isinstance(value, float):
        return _float_text(value)
    return str(value)


def _float_text(number: float) -> str:
    if number != number:
        return "NAN"
    if number in (float("inf"), float("-inf")):
        return "INF" if number > 0 else "-INF"
    text = f"{number:.14G}"  # the same switch to exponent form as PHP's: exponent < -4 or >= 14
    if "E" not in text:
        return text
    mantissa, exponent = text.split("E")
    if "." not in mantissa:
        mantissa += ".0"
    return f"{mantissa}E{exponent[0]}{int(exponent[1:])}"


_REFERENCE = re.compile(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def _decode_entities(text: str) -> str:
    """PHP 8.1+ ``html_entity_decode`` (ENT_QUOTES | ENT_HTML401): HTML 4.01 names only (no
    ``&apos;``), a ``;`` required, numeric references only for characters HTML 4.01 allows."""

    def decode(match: re.Match[str]) -> str:
        body = match.group(1)
        if not body.startswith("#"):
            return chr(name2codepoint[body]) if body in name2codepoint else match.group(0)
        digits = body[2:] if body[1] in "xX" else body[1:]
        if len(digits) > 8:
            return match.group(0)
        code = int(digits, 16 if body[1] in "xX" else 10)
        plane_end = (code & 0xFFFF) >= 0xFFFE or 0xFDD0 <= code <= 0xFDEF  # noncharacters
        allowed = code in (9, 10, 13) or 32 <= code <= 126 or 160 <= code <= 0xD7FF
        allowed = allowed or (0xE000 <= code <= 0x10FFFF and not plane_end)
        return chr(code) if allowed else match.group(0)

    return _REFERENCE.sub(decode, text) if "&" in text else text


def _leaf_as_read(value: Any) -> Any:
    return _leaf_text(_decode_entities(_php_text(value)))


def expected_nodes(value: dict[str, Any]) -> list[Node]:
    """What upstream's XML for this decoded JSON answer reads back as (lossy where the layout is)."""
    return _expected(_entries(value), "")


def _expected(entries: list[tuple[Any, Any]], parent_key: Any) -> list[Node]:
    nodes: list[Node] = []
    for key, value in entries:
        if not isinstance(value, dict | list):
            nodes.append((str(key), _leaf_as_read(value)))
            continue
        inner = _entries(value)
        if _numeric_key(key):
            nodes.append((str(parent_key), _expected(inner, key)))
        elif inner and not _numeric_key(inner[0][0]):
            nodes.append((str(key), _expected(inner, key)))
        else:
            nodes.extend(_expected(inner, key))
    return nodes


# --------------------------------------------------------------------------- writing


def write(action: str, value: dict[str, Any]) -> str:
    """apiXMLOutput's bytes for a decoded JSON answer (``action`` written as given)."""
    out = [r'<?xml version="1.0" encoding="UTF-8"?>\n<goautodialapi version="4.0">(\n<action>"']
    out.append(action + r' "</action>\n" )')
    _write(_entries(value), "", out)
    out.append(_ROOT_END)
    return "".join(out)


def _write(entries: list[tuple[Any, Any]], parent_key: Any, out: list[str]) -> None:
    for key, value in entries:
        if not isinstance(value, dict | list):
            text = _decode_entities(_php_text(value))
            if _CDATA_START not in text and any(char in text for char in "&<>\"'"):
                text = _CDATA_START + text + _CDATA_END
            out.append(f"<{key}>{text}</{key}>\n")
            continue
        inner = _entries(value)
        tag = parent_key if _numeric_key(key) else key if inner and not _numeric_key(inner[0][0]) else None
        if tag is not None:
            out.append(f"<{tag}>\n")
        _write(inner, key, out)
        if tag is not None:
            out.append(f"</{tag}>\n")
