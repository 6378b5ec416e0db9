"""The goAPI XML codec shared by the emulator and the contract kit (ERRATA W6).

Upstream's ``apiXMLOutput()`` writes a layout that is not XML: a prefix with literal backslash-n
characters and stray text, CDATA only when a value holds ``& < > " '``, list-of-dict items without a
wrapper and lists of scalars as numeric tags (``<0>a</0>``). Real CrocoDial clients must survive that,
so ``render`` reproduces it byte for byte; ``render(..., wellformed=True)`` writes real XML carrying the
same node tree, for clients that only want data.

``project(result)`` is the node tree the layout carries for a JSON result, lossy exactly where upstream
is (scalars become strings, list keys vanish, entities are decoded), so "JSON and XML say the same" is
``parse(xml).nodes == project(json_result)``.
"""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html.entities import name2codepoint
from typing import Any, Union

from mockserver.encoding.php_json import php_array_key
from mockserver.encoding.php_numbers import string_float

XmlNode = tuple[str, Union[str, list["XmlNode"]]]  # noqa: UP007 (recursive alias needs the string form)

XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
ROOT_OPEN = '<goautodialapi version="4.0">'
ROOT_CLOSE = "</goautodialapi>"
CDATA_OPEN = "<![CDATA["
CDATA_CLOSE = "]]>"
_UPSTREAM_ACTION_OPEN = XML_DECLARATION + "\\n" + ROOT_OPEN + '(\\n<action>"'
_UPSTREAM_ACTION_CLOSE = ' "</action>\\n" )'
_UPSTREAM_HEADER = re.compile(
    r'<\?xml[^>]*\?>\\n<goautodialapi[^>]*>\(\\n<action>"(?P<action>.*?) ?"</action>\\n" \)', re.DOTALL
)
"""Upstream's prefix, tolerant of another XML declaration or root version (older servers)."""


@dataclass(frozen=True)
class XmlAnswer:
    """A parsed goAPI XML answer: the goAction it names and the result's node tree."""

    action: str
    nodes: list[XmlNode]

    def as_dict(self) -> dict[str, Any]:
        """The nodes as nested dicts for quick lookups; repeated names keep the last (use ``nodes``
        when order or repetition matters)."""
        return _nodes_to_dict(self.nodes)


class XmlParseError(ValueError):
    """The text is neither upstream's layout nor well-formed goautodialapi XML."""


# --------------------------------------------------------------------------- PHP scalar semantics

_PHP_NUMERIC = re.compile(r"[ \t\n\r\v\f]*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?[ \t\n\r\v\f]*\Z")


def php_is_numeric(key: int | str) -> bool:
    """PHP 8's ``is_numeric`` on an array key (integers always; strings like "1.5", " 12", "1e3")."""
    return isinstance(key, int) or bool(_PHP_NUMERIC.match(key))


def php_float_to_string(number: float) -> str:
    """How ``echo`` prints a float (precision=14, W22): 0.1+0.2 -> "0.3", 1.0 -> "1", 1e20 -> "1.0E+20"."""
    return string_float(number)


def php_string(value: Any) -> str:
    """PHP's string conversion of a scalar: null/false -> "", true -> "1"."""
    if value is None or value is False:
        return ""
    if value is True:
        return "1"
    if isinstance(value, float):
        return php_float_to_string(value)
    return str(value)


_ENTITY = re.compile(r"&(?:#([0-9]+)|#[xX]([0-9a-fA-F]+)|([A-Za-z][A-Za-z0-9]*));")


def _allowed_code_point(code: int) -> bool:
    """PHP's unicode_cp_is_allowed() for HTML 4.01: numeric entities outside it stay undecoded."""
    return (
        code in (0x09, 0x0A, 0x0D)
        or 0x20 <= code <= 0x7E
        or 0xA0 <= code <= 0xD7FF
        or (0xE000 <= code <= 0x10FFFF and (code & 0xFFFF) < 0xFFFE and not 0xFDD0 <= code <= 0xFDEF)
    )


def html_entity_decode(text: str) -> str:
    """PHP 8.1+ ``html_entity_decode`` defaults (ENT_QUOTES | ENT_HTML401): HTML 4.01 names and
    numeric references need their ``;``; ``&apos;`` is not HTML 4.01 and stays."""

    def replace(match: re.Match[str]) -> str:
        decimal, hexadecimal, name = match.groups()
        if name is not None:
            code = name2codepoint.get(name)
            return chr(code) if code is not None else match.group(0)
        digits = decimal if decimal is not None else hexadecimal
        if len(digits) > 8:
            return match.group(0)
        code = int(digits, 10 if decimal is not None else 16)
        return chr(code) if _allowed_code_point(code) else match.group(0)

    return _ENTITY.sub(replace, text) if "&" in text else text


def _needs_cdata(text: str) -> bool:
    """``htmlspecialchars($v) != $v`` with PHP 8.1+ defaults: any of & < > " '."""
    return any(char in text for char in "&<>\"'")


def _upstream_leaf_content(value: Any) -> str:
    text = html_entity_decode(php_string(value))
    if CDATA_OPEN not in text and _needs_cdata(text):
        return CDATA_OPEN + text + CDATA_CLOSE
    return text


def _leaf_text_as_read(content: str) -> str:
    """What a reader gets from a leaf's content: one enclosing CDATA section unwrapped."""
    wrapped = content.startswith(CDATA_OPEN) and content.endswith(CDATA_CLOSE)
    if wrapped and len(content) >= len(CDATA_OPEN) + len(CDATA_CLOSE):
        return content[len(CDATA_OPEN) : -len(CDATA_CLOSE)]
    return content


# --------------------------------------------------------------------------- tree walking


def _php_items(array: Mapping[Any, Any] | list[Any] | tuple[Any, ...]) -> list[tuple[int | str, Any]]:
    if isinstance(array, Mapping):
        return [(php_array_key(key), value) for key, value in array.items()]
    return list(enumerate(array))


def _is_array(value: Any) -> bool:
    return isinstance(value, Mapping | list | tuple)


def _walk(items: Iterable[tuple[int | str, Any]], last_key: int | str, leaf: Any) -> list[XmlNode]:
    """apiXMLOutput's recursion as a node tree; ``leaf`` turns a scalar into its text."""
    nodes: list[XmlNode] = []
    for key, value in items:
        if _is_array(value):
            children = _php_items(value)
            if php_is_numeric(key):
                nodes.append((str(last_key), _walk(children, key, leaf)))
            elif children and not php_is_numeric(children[0][0]):
                nodes.append((str(key), _walk(children, key, leaf)))
            else:
                nodes.extend(_walk(children, key, leaf))
        else:
            nodes.append((str(key), leaf(value)))
    return nodes


def _projected_leaf(value: Any) -> str | list[XmlNode]:
    text = _leaf_text_as_read(_upstream_leaf_content(value))
    # "<k>\n</k>" is also how an empty list item prints; the layout cannot tell them apart.
    return [] if text == "\n" else text


def project(result: Mapping[str, Any]) -> list[XmlNode]:
    """The node tree upstream's XML carries for ``result`` (see the module docstring)."""
    return _walk(_php_items(result), "", _projected_leaf)


# --------------------------------------------------------------------------- rendering


def mysqli_escape(text: str) -> str:
    """``mysqli::real_escape_string``: upstream echoes the escaped goAction inside ``<action>``."""
    table = {"\\": "\\\\", "\x00": "\\0", "\n": "\\n", "\r": "\\r", "'": "\\'", '"': '\\"', "\x1a": "\\Z"}
    return "".join(table.get(char, char) for char in text)


def _render_upstream_items(
    items: Iterable[tuple[int | str, Any]], last_key: int | str, out: list[str]
) -> None:
    for key, value in items:
        if _is_array(value):
            children = _php_items(value)
            numeric_key = php_is_numeric(key)
            wrapped = not numeric_key and bool(children) and not php_is_numeric(children[0][0])
            if numeric_key:
                out.append(f"<{last_key}>\n")
            elif wrapped:
                out.append(f"<{key}>\n")
            _render_upstream_items(children, key, out)
            if numeric_key:
                out.append(f"</{last_key}>\n")
            elif wrapped:
                out.append(f"</{key}>\n")
        else:
            out.append(f"<{key}>{_upstream_leaf_content(value)}</{key}>\n")


def render(action: str, result: Mapping[str, Any], wellformed: bool = False) -> str:
    """The goAPI XML body for ``result``; ``action`` is written as given (pass it mysqli-escaped to
    match upstream byte for byte)."""
    if wellformed:
        return _render_wellformed(action, project(result))
    out = [_UPSTREAM_ACTION_OPEN, action, _UPSTREAM_ACTION_CLOSE]
    _render_upstream_items(_php_items(result), "", out)
    out.append(ROOT_CLOSE)
    return "".join(out)


_XML_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*\Z")
_XML_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _escape_attribute(text: str) -> str:
    escaped = _escape_text(text).replace('"', "&quot;")
    return escaped.replace("\n", "&#10;").replace("\t", "&#9;")


def _open_tag(name: str, extra: str = "") -> tuple[str, str]:
    if _XML_NAME.match(name):
        return f"<{name}{extra}>", f"</{name}>"
    return f'<item key="{_escape_attribute(name)}"{extra}>', "</item>"


def _render_wellformed_nodes(nodes: list[XmlNode], out: list[str]) -> None:
    for name, value in nodes:
        if isinstance(value, list):
            opening, closing = _open_tag(name)
            out.append(opening + "\n")
            _render_wellformed_nodes(value, out)
            out.append(closing + "\n")
        elif _XML_FORBIDDEN.search(value):
            # XML 1.0 cannot carry most control characters, not even as references.
            opening, closing = _open_tag(name, ' encoding="base64"')
            out.append(opening + base64.b64encode(value.encode("utf-8", "surrogatepass")).decode() + closing)
            out.append("\n")
        else:
            opening, closing = _open_tag(name)
            out.append(opening + _escape_text(value) + closing + "\n")


def _render_wellformed(action: str, nodes: list[XmlNode]) -> str:
    readable_action = _XML_FORBIDDEN.sub("\ufffd", action)
    out = [XML_DECLARATION, "\n", ROOT_OPEN, "\n", f"<action>{_escape_text(readable_action)}</action>\n"]
    _render_wellformed_nodes(nodes, out)
    out.append(ROOT_CLOSE)
    return "".join(out)


# --------------------------------------------------------------------------- parsing


def parse(text: str) -> XmlAnswer:
    """Read a goAPI XML answer in upstream's layout or as well-formed XML (the emulator's
    ``--xml wellformed`` or goAgent's SimpleXML output)."""
    header = _UPSTREAM_HEADER.search(text)
    if header is not None:
        return _UpstreamParser(text, header).parse()
    return _parse_wellformed(text)


class _UpstreamParser:
    """Recursive descent over upstream's line layout. Leaf values are unescaped, so a leaf's end is the
    first ``</name>`` + LF that is followed by more layout (a tag or the root's end)."""

    def __init__(self, text: str, header: re.Match[str]):
        self.text = text
        self.header = header
        self.end = text.rfind(ROOT_CLOSE)
        if self.end < header.end():
            self.end = len(text)

    def parse(self) -> XmlAnswer:
        nodes, position = self._elements(self.header.end(), None)
        if position != self.end:
            raise XmlParseError(f"unreadable goAPI XML at offset {position}")
        return XmlAnswer(_unescape_mysqli(self.header.group("action")), nodes)

    def _elements(self, position: int, parent: str | None) -> tuple[list[XmlNode], int]:
        nodes: list[XmlNode] = []
        closing = None if parent is None else f"</{parent}>\n"
        while position < self.end:
            if closing is not None and self.text.startswith(closing, position):
                return nodes, position
            element = self._element(position)
            if element is None:
                break
            node, position = element
            nodes.append(node)
        if closing is not None:
            raise XmlParseError(f"unclosed <{parent}>")
        return nodes, position

    def _tag_name(self, position: int) -> tuple[str, int] | None:
        if not self.text.startswith("<", position) or self.text.startswith(("</", "<!"), position):
            return None
        close = self.text.find(">", position)
        if close < 0:
            return None
        name = self.text[position + 1 : close]
        if "<" in name or "\n" in name:
            return None
        return name, close + 1

    def _element(self, position: int) -> tuple[XmlNode, int] | None:
        tag = self._tag_name(position)
        if tag is None:
            return None
        name, content_start = tag
        closing = f"</{name}>\n"
        if self.text.startswith("\n", content_start):
            try:
                children, after = self._elements(content_start + 1, name)
                return (name, children), after + len(closing)
            except XmlParseError:
                pass
        leaf_end = self._leaf_end(content_start, closing)
        if leaf_end is None:
            raise XmlParseError(f"unclosed <{name}>")
        content = self.text[content_start:leaf_end]
        text = _leaf_text_as_read(content)
        return (name, [] if text == "\n" else text), leaf_end + len(closing)

    def _leaf_end(self, start: int, closing: str) -> int | None:
        """The nearest ``closing`` after which the layout plausibly goes on; a value holding its own
        closing tag is skipped over because the text after that fake close does not parse."""
        search = start
        while True:
            found = self.text.find(closing, search)
            if found < 0 or found + len(closing) > self.end:
                return None
            if self._continues(found + len(closing)):
                return found
            search = found + 1

    def _continues(self, position: int) -> bool:
        if position == self.end or self.text.startswith("</", position):
            return True
        tag = self._tag_name(position)
        if tag is None:
            return False
        name, content_start = tag
        return self.text.startswith("\n", content_start) or self.text.find(f"</{name}>\n", content_start) >= 0


def _unescape_mysqli(text: str) -> str:
    table = {"\\\\": "\\", "\\0": "\x00", "\\n": "\n", "\\r": "\r", "\\'": "'", '\\"': '"', "\\Z": "\x1a"}
    return re.sub(r"\\[\\0nr'\"Z]", lambda match: table[match.group(0)], text)


def _parse_wellformed(text: str) -> XmlAnswer:
    try:
        root = ElementTree.fromstring(text.encode("utf-8", "surrogatepass"))
    except ElementTree.ParseError as error:
        raise XmlParseError(f"not goAPI XML: {error}") from error
    if root.tag != "goautodialapi":
        raise XmlParseError(f"unexpected root element <{root.tag}>")
    action = ""
    nodes: list[XmlNode] = []
    for child in root:
        if child.tag == "action" and not action and not nodes:
            action = (child.text or "").strip().strip('"').strip()
            continue
        nodes.append(_wellformed_node(child))
    return XmlAnswer(action, nodes)


def _wellformed_node(element: ElementTree.Element) -> XmlNode:
    name = element.get("key", element.get("id", element.tag)) if element.tag == "item" else element.tag
    if len(element):
        return name, [_wellformed_node(child) for child in element]
    text = element.text or ""
    if element.get("encoding") == "base64":
        return name, base64.b64decode(text).decode("utf-8", "surrogatepass")
    return name, [] if text == "\n" else text


def _nodes_to_dict(nodes: list[XmlNode]) -> dict[str, Any]:
    return {name: (_nodes_to_dict(value) if isinstance(value, list) else value) for name, value in nodes}
