"""Recordings for the recorder's and the kit's tests: an emulator (a thread) plays the real CrocoDial,
``crocodial-mock record`` runs as its own process in front of it, and requests is the client."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 30
API_ACCOUNT = ("Rec", "S3cret-Word")
"""The account the recorded client uses: the replaying emulator does not have it, on purpose."""
RECORD = (sys.executable, "-m", "mockserver", "record")
SERVE = (sys.executable, "-m", "mockserver", "serve")


def _environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def _base_url(process: subprocess.Popen, last_banner_line: str) -> tuple[str, list[str]]:
    banner: list[str] = []
    for _ in range(8):
        line = process.stdout.readline()
        if not line:
            break
        banner.append(line)
        if last_banner_line in line:
            break
    match = re.search(r"http://127\.0\.0\.1:(\d+)", "".join(banner))
    if match is None:
        process.kill()
        raise AssertionError(f"no base URL in {banner!r}: {process.stderr.read()}")
    return match.group(0), banner


class Recorder:
    """A running ``crocodial-mock record``; ``stop()`` gives (exit status, stdout, stderr)."""

    def __init__(self, target: str, out: Path, *arguments: str) -> None:
        self.process = subprocess.Popen(
            [*RECORD, "--target", target, "--out", str(out), "--port", "0", *arguments],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_environment(),
        )
        self.url, self.banner = _base_url(self.process, "Ctrl-C to stop")

    def get(self, path: str, **params: str) -> requests.Response:
        return requests.get(self.url + path, params=params, timeout=TIMEOUT)

    def post(self, path: str, query: dict, form: dict) -> requests.Response:
        return requests.post(self.url + path, params=query, data=form, timeout=TIMEOUT)

    def stop(self) -> tuple[int, str, str]:
        self.process.send_signal(signal.SIGINT)
        out, err = self.process.communicate(timeout=TIMEOUT)
        return self.process.returncode, "".join(self.banner) + out, err


@contextmanager
def replaying(mappings: Path, *arguments: str) -> Iterator[str]:
    """``crocodial-mock serve --mappings`` (another seed: a world unlike the recorded one)."""
    process = subprocess.Popen(
        [
            *SERVE,
            "--port",
            "0",
            "--mappings",
            str(mappings),
            "--seed",
            "99",
            "--users",
            "5",
            "--quiet",
            *arguments,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_environment(),
    )
    try:
        url, _ = _base_url(process, "Ctrl-C to stop")
        yield url
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=TIMEOUT)


def goapi(module: str) -> str:
    return f"/goAPIv2/{module}/goAPI.php"


LMAPI = "/API/lmapi.php"
VICIDIAL = "/vicidial/non_agent_api.php"
