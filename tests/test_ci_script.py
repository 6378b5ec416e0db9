"""CI must run what the README tells a newcomer to run, first, so the README's set-up stays true."""

from __future__ import annotations

import re

from tests.repo_files import REPO_ROOT


def _readme_test_command() -> str:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```bash\n(.*?)\n```", quick_start, flags=re.DOTALL)
    assert len(blocks) == 2, "the Quick start gives two commands: serve, then test"
    return blocks[1].strip()


def test_ci_runs_the_readme_test_command_first() -> None:
    lines = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    commands = [
        line for line in lines if line.strip() and not line.startswith(("#", "set ", "cd ", "export "))
    ]
    assert commands[0] == _readme_test_command()


def test_the_test_command_installs_what_the_tests_start() -> None:
    assert _readme_test_command().startswith("bash .ci/prerequisites && ")
    script = (REPO_ROOT / ".ci" / "prerequisites").read_text(encoding="utf-8")
    assert "[redis-server]=redis-server" in script
