"""A bare Flask route returning a constant, served exactly as ``crocodial-mock serve`` serves the emulator
(same WSGI server, workers and threads): the ceiling a Flask app can reach on this machine.

Run: ``python benchmarks/bare_flask.py --port 8081 [--workers N] [--threads N] [--server NAME]``
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask import Flask

from mockserver import cli, serving

BODY = b'{"result":"success","data":[]}'


def make_app() -> Flask:
    app = Flask("bare")

    @app.get("/<path:path>")
    def constant(path: str):
        return BODY, 200, {"Content-Type": "text/html; charset=UTF-8"}

    return app


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=cli.DEFAULT_WORKERS)
    parser.add_argument("--threads", type=int, default=cli.DEFAULT_THREADS)
    parser.add_argument("--server", default=serving.default_server())
    arguments = parser.parse_args()
    sock = serving.listen("127.0.0.1", arguments.port)
    print(f"bare flask on http://127.0.0.1:{arguments.port}", flush=True)
    serving.run(arguments.server, sock, make_app, arguments.workers, arguments.threads)


if __name__ == "__main__":
    main()
