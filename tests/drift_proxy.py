"""A drifted CrocoDial as a separate process: an HTTP proxy in front of a running emulator.

Unlike the in-process WSGI injector, this is a real target on a real port, as staging is: the kit
meets it over HTTP, and it can die mid-run. Each option changes one thing:

- ``--reformat-dates ACTION``: every ``YYYY-MM-DD`` in ACTION's answers becomes ``YYYY/MM/DD``.
- ``--rename ACTION:OLD:NEW``: field OLD is called NEW in ACTION's answers (JSON and XML).
- ``--remove-action ACTION``: the target does not know ACTION (it answers Command Not Found).
- ``--id-map OLD=NEW``: the target's ids differ from the reference's: NEW is shown for OLD in every
  answer and understood in requests, while OLD itself is unknown.
- ``--die-after N``: the process exits abruptly when request N+1 arrives (a target lost mid-run).

``python tests/drift_proxy.py --upstream URL [options]`` prints ``PORT <n>`` once it listens on
127.0.0.1. Test code only.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode, urlsplit

import requests

_DATE = re.compile(rb"(\d{4})-(\d{2})-(\d{2})")
_UNKNOWN_ACTION = "notDeployedHere"


class Rules:
    def __init__(self, args: argparse.Namespace):
        self.reformat = set(args.reformat_dates)
        self.renames = [spec.split(":", 2) for spec in args.rename]
        self.removed = set(args.remove_action)
        self.ids = [tuple(spec.split("=", 1)) for spec in args.id_map]
        self.die_after = args.die_after
        self.count = 0
        self.lock = threading.Lock()

    def request_pairs(self, pairs: list[tuple[str, str]]) -> tuple[list[tuple[str, str]], str]:
        action = next((v for k, v in pairs if k in ("goAction", "function")), "")
        edited = []
        for name, value in pairs:
            if name == "goAction" and value in self.removed:
                value = _UNKNOWN_ACTION
            for old, new in self.ids:
                if value.lower() == old.lower():
                    value = f"{old}-unknown"
                elif value.lower() == new.lower():
                    value = old
            edited.append((name, value))
        return edited, action

    def answer(self, action: str, body: bytes) -> bytes:
        if action in self.reformat:
            body = _DATE.sub(rb"\1/\2/\3", body)
        for renamed_action, old, new in self.renames:
            if renamed_action == action:
                body = body.replace(f'"{old}":'.encode(), f'"{new}":'.encode())
                body = body.replace(f"<{old}>".encode(), f"<{new}>".encode())
                body = body.replace(f"</{old}>".encode(), f"</{new}>".encode())
        for old, new in self.ids:
            pattern = re.compile(rb"(?<![\w.-])" + re.escape(old.encode()) + rb"(?![\w.-])", re.IGNORECASE)
            body = pattern.sub(new.encode(), body)
        return body


def make_handler(upstream: str, rules: Rules) -> type[BaseHTTPRequestHandler]:
    session = requests.Session()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # request lines carry credentials
            return None

        def do_GET(self) -> None:
            self._forward()

        def do_POST(self) -> None:
            self._forward()

        def _forward(self) -> None:
            with rules.lock:
                rules.count += 1
                if rules.die_after is not None and rules.count > rules.die_after:
                    os._exit(0)
            split = urlsplit(self.path)
            query, action = rules.request_pairs(parse_qsl(split.query, keep_blank_values=True))
            data = None
            if self.command == "POST":
                length = int(self.headers.get("Content-Length") or 0)
                form = parse_qsl(self.rfile.read(length).decode(), keep_blank_values=True)
                form, form_action = rules.request_pairs(form)
                action = action or form_action
                data = urlencode(form)
            response = session.request(
                self.command,
                upstream + split.path,
                params=query,
                data=data,
                headers={"Content-Type": "application/x-www-form-urlencoded"} if data is not None else {},
                allow_redirects=False,
            )
            body = rules.answer(action, response.content)
            self.send_response(response.status_code)
            self.send_header("Content-Type", response.headers.get("Content-Type", "text/html"))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--upstream", required=True)
    parser.add_argument("--reformat-dates", action="append", default=[])
    parser.add_argument("--rename", action="append", default=[])
    parser.add_argument("--remove-action", action="append", default=[])
    parser.add_argument("--id-map", action="append", default=[])
    parser.add_argument("--die-after", type=int)
    args = parser.parse_args(argv)
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(args.upstream.rstrip("/"), Rules(args)))
    print(f"PORT {server.server_port}", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
