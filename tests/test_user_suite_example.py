"""The README's complete example is ``examples/user_suite/``, and it passes as a user would run it: in a
folder of its own (no conftest, no path to this checkout in its code), with only the plugin loaded."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest
from repo_files import REPO_ROOT

EXAMPLE = REPO_ROOT / "examples" / "user_suite"
EXAMPLE_FILES = ("my_crocodial_client.py", "test_my_crocodial_client.py", "pytest.ini")
BLOCK = re.compile(r"^`examples/user_suite/(?P<name>[\w.]+)`:\n\n```\w*\n(?P<code>.*?)^```$", re.M | re.S)


def readme_blocks() -> dict[str, str]:
    return {m["name"]: m["code"] for m in BLOCK.finditer((REPO_ROOT / "README.md").read_text())}


def test_readme_shows_exactly_the_example_files():
    blocks = readme_blocks()
    assert sorted(blocks) == sorted(EXAMPLE_FILES)
    present = {path.name for path in EXAMPLE.iterdir()} - {"__pycache__", ".pytest_cache"}
    assert present == set(EXAMPLE_FILES)
    for name in EXAMPLE_FILES:
        assert blocks[name] == (EXAMPLE / name).read_text(), f"README's {name} differs from the file"


def test_example_suite_passes_in_a_folder_of_its_own(tmp_path):
    suite = tmp_path / "user_suite"
    shutil.copytree(EXAMPLE, suite, ignore=shutil.ignore_patterns("__pycache__"))
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}  # stands for `pip install crocodial-mock`
    unrelated = [
        arg for name in ("schemathesis", "hypothesispytest", "benchmark") for arg in ("-p", f"no:{name}")
    ]
    command = [sys.executable, "-m", "pytest", "-p", "crocodial_mock.pytest_plugin", *unrelated, "-q"]
    result = subprocess.run(command, cwd=suite, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"\b6 passed\b", result.stdout), result.stdout


@pytest.mark.parametrize("name", ["my_crocodial_client.py", "test_my_crocodial_client.py"])
def test_example_code_does_not_reach_into_the_checkout(name):
    code = (EXAMPLE / name).read_text()
    assert not re.search(r"\b(mockserver|contract_tests|sys\.path|REPO_ROOT)\b", code)
