"""The README's `st run` command, as a schemathesis user runs it, exits 0 against `crocodial-mock serve`.

It only does because `schemathesis.toml` (loaded by itself from the repository root) switches on the
kit's hooks and check and off the three stock checks that assume a REST API; without it the same command
fails on every operation (ST201, schema-violating request accepted, for HTTP 200 error envelopes).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib

from repo_files import REPO_ROOT
from test_cli import start, stop

NOW = "2025-05-14T15:30:00"


def test_the_config_switches_on_the_kit_and_explains_each_disabled_check():
    text = (REPO_ROOT / "schemathesis.toml").read_text()
    config = tomllib.loads(text)
    assert config["hooks"] == "contract_tests.st_hooks"
    assert config["checks"]["crocodial_conformance"]["enabled"] is True
    disabled = [name for name, value in config["checks"].items() if value.get("enabled") is False]
    assert sorted(disabled) == ["content_type_conformance", "negative_data_rejection", "unsupported_method"]
    readme = (REPO_ROOT / "README.md").read_text()
    for name in disabled:
        comment = text[: text.index(f"{name} =")].rsplit("\n\n", 1)[-1]
        assert re.search(r"\bW\d+\b", comment), f"{name} is off without the ERRATA id that says why"
        assert f"`{name}`" in readme, f"the README does not explain why {name} is off"


def test_st_run_exits_0_against_the_served_emulator():
    """The README's command, with few examples and without the (long) coverage phase to stay quick."""
    process, base_url, _banner = start("--quiet", "--content-type", "accurate", "--seed", "7", "--now", NOW)
    try:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "schemathesis.cli",
                "run",
                "openapi/crocodial.yaml",
                "--url",
                base_url,
                "--exclude-tag",
                "write",
                "--phases",
                "examples,fuzzing",
                "--max-examples",
                "1",
                "--seed",
                "1",
                "--generation-database",
                "none",  # examples an earlier run in this checkout stored must not change the outcome
                "--no-color",
            ],
            cwd=REPO_ROOT,
            env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},  # the hooks module of this checkout
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        stop(process)
    output = result.stdout + result.stderr
    assert f"Configuration:    {REPO_ROOT / 'schemathesis.toml'}" in output
    assert result.returncode == 0, output[-4000:]
    assert "44 selected" in output and "No issues found" in output
