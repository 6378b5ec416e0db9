"""Recordings for the recorder's and the kit's tests: an emulator (a thread) plays the real CrocoDial,
``crocodial-mock record`` runs as its own process in front of it, and requests is the client."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

import crocodial_mock

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

    def stop(self, stop_signal: int = signal.SIGINT) -> tuple[int, str, str]:
        self.process.send_signal(stop_signal)
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


NOW = "2025-05-14T15:30:00"
WORLD = {"users": 30, "campaigns": 6, "calls_per_day": 120, "leads": 300}
USER, PASSWORD = API_ACCOUNT
GO = {"goUser": USER, "goPass": PASSWORD}
LM = {"user": USER, "pass": PASSWORD}
SENT_PERSONAL = {"3125550177", "Zebulon", "Quartermaine", "Prefers mornings at home"}
PERSONAL_KEYS = {
    "first_name", "last_name", "full_name", "name", "phone_number", "alt_phone", "email", "address1",
    "city", "postal_code", "comments", "src", "dst", "user", "agent", "pass", "pass_hash", "phone_pass",
}  # fmt: skip
"""The test's own list of fields whose original values must not survive (not the recorder's list)."""

READS = [
    ("goAgent", {"goAction": "goGetCustomerInfo", "lead_id": "10001", "responsetype": "json"}),
    ("goAgent", {"goAction": "goGetCustomerInfo", "lead_id": "10001"}),
    ("goUsers", {"goAction": "getUserInfo", "user": "example.user", "responsetype": "json"}),
    ("goUsers", {"goAction": "goGetAllUsers"}),
    ("goUsers", {"goAction": "goGetAllUsers", "responsetype": "json"}),
    ("goReports", {"goAction": "outbound_cdr", "responsetype": "json"}),
    ("goUsers", {"goAction": "getAllPortfolios", "responsetype": "text"}),
]


def tokens_of(text: str, value: str) -> bool:
    return re.search(rf"(?<![0-9A-Za-z]){re.escape(value)}(?![0-9A-Za-z])", text) is not None


def _harvest(value, key=None, found=None):
    """Every string under a personal key of a parsed answer (the test's list, 4 characters or more)."""
    found = set() if found is None else found
    if isinstance(value, dict):
        for name, item in value.items():
            _harvest(item, name, found)
    elif isinstance(value, list):
        for item in value:
            _harvest(item, key, found)
    elif isinstance(value, str) and key in PERSONAL_KEYS and len(value) >= 4:
        found.add(value)
    return found


@pytest.fixture(scope="session")
def recorded_target():
    with crocodial_mock.running(seed=7, now=NOW, accounts={USER: PASSWORD}, **WORLD) as emulator:
        yield emulator


@pytest.fixture(scope="session")
def recording(recorded_target, tmp_path_factory):
    target = recorded_target
    """One recording of reads (JSON, XML, text), a POST, bad credentials, lmapi lines and a write."""
    out = tmp_path_factory.mktemp("recording")
    originals = set(SENT_PERSONAL)
    direct = {}
    for module, params in READS:
        answer = requests.get(target.url + goapi(module), params={**GO, **params, "responsetype": "json"})
        originals |= _harvest(json.loads(answer.content))
        direct[(module, tuple(params.items()))] = requests.get(
            target.url + goapi(module), params={**GO, **params}
        )
    hopper = {"goAction": "getLeadsOnHopper", "campaign_id": "TESTCAMP", "responsetype": "json"}
    originals |= _harvest(requests.post(target.url + goapi("goCampaigns"), data={**GO, **hopper}).json())
    customer = json.loads(direct[("goAgent", tuple(READS[0][1].items()))].content)
    real_phone = customer["lead_info"]["phone_number"]

    recorder = Recorder(target.url, out, "--allow-writes", "--seed", "5")
    proxied = {}
    try:
        for module, params in READS:
            proxied[(module, tuple(params.items()))] = recorder.get(goapi(module), **GO, **params)
        recorder.get(goapi("goAgent"), **GO, **READS[0][1])  # the same request again: still one file
        by_phone = recorder.get(
            goapi("goAgent"), **GO, goAction="goGetCustomerInfo", phone_number=real_phone, responsetype="json"
        )
        bad = recorder.get(goapi("goUsers"), goUser=USER, goPass="Not-The-Pass", goAction="goGetAllUsers")
        posted = recorder.post(goapi("goCampaigns"), {"goAction": "getLeadsOnHopper"}, {**GO, **hopper})
        version = recorder.get(VICIDIAL, function="version")
        lead = {"phone_number": "3125550177", "first_name": "Zebulon", "last_name": "Quartermaine"}
        lead |= {"comments": "Prefers mornings at home", "list_id": "901", "source": "test"}
        added = recorder.get(LMAPI, function="add_lead", **LM, **lead)
        echoed = recorder.get(LMAPI, function="add_lead", user=USER, **{"pass": "Wr0ng-Secret"}, **lead)
        status, out_text, err_text = recorder.stop()
    finally:
        if recorder.process.poll() is None:
            recorder.process.kill()
    return {
        "out": out,
        "originals": originals,
        "real_phone": real_phone,
        "direct": direct,
        "proxied": proxied,
        "answers": [by_phone, bad, posted, version, added, echoed],
        "status": status,
        "stdout": out_text,
        "stderr": err_text,
    }
