"""The emulator served over real HTTP in a thread, for tests that drive the console from a browser."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

from werkzeug.serving import WSGIRequestHandler, make_server

from mockserver.app import create_app
from mockserver.config import EmulatorConfig


class _Quiet(WSGIRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


@contextlib.contextmanager
def serving(config: EmulatorConfig) -> Iterator[str]:
    """The base URL of ``config``'s emulator on a free 127.0.0.1 port, until the block ends."""
    server = make_server("127.0.0.1", 0, create_app(config), threaded=True, request_handler=_Quiet)
    thread = threading.Thread(target=server.serve_forever, args=(0.1,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
