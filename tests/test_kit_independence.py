"""The contract kit judges the emulator, so it must not borrow the emulator's code to do it (issue 9):
``contract_tests`` imports nothing from ``mockserver`` except what runs an in-process target (the app,
its config and world size, in ``test_contract.py``, the drift injector and ``--in-process``). What both
need and what judges nothing (where the contract lives, how it is read, the CLIs' option formatting,
the version) is in the distribution's neutral base, ``crocodial_mock``; the kit may use that base but not
the parts of ``crocodial_mock`` that wrap the emulator. Every import statement counts, at module level
or inside a function."""

from __future__ import annotations

import ast
from pathlib import Path

KIT = Path(__file__).resolve().parent.parent / "contract_tests"
IN_PROCESS_TARGET = {
    "mockserver.app",
    "mockserver.config",
    "mockserver.world",
    "crocodial_mock.emulator",
}
ALLOWED = {
    "test_contract.py": IN_PROCESS_TARGET,
    "drift_injection.py": IN_PROCESS_TARGET,
    "cli.py": IN_PROCESS_TARGET,  # --in-process
}
NEUTRAL_BASE = {
    "crocodial_mock.paths",
    "crocodial_mock.spec_file",
    "crocodial_mock.stub_files",
    "crocodial_mock.data",
    "crocodial_mock.cli_options",
    "crocodial_mock.__version__",
}


def package_imports(source: str) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            names = names[1:] if node.module in {"mockserver", "crocodial_mock"} else names[:1]
        else:
            continue
        found.update(name for name in names if name.split(".")[0] in {"mockserver", "crocodial_mock"})
    return found


def test_the_kit_uses_no_emulator_code():
    offenders = {}
    for path in sorted(KIT.rglob("*.py")):
        allowed = ALLOWED.get(path.name, set()) | NEUTRAL_BASE
        extra = package_imports(path.read_text()) - allowed
        if extra:
            offenders[path.name] = sorted(extra)
    assert offenders == {}


def test_the_scan_sees_every_form_of_import():
    source = (
        "import mockserver.encoding.goapi_xml\n"
        "from mockserver.encoding import php_json\n"
        "from mockserver import app\n"
        "def f():\n    from mockserver.world import World\n"
        "from contract_tests import goapi_reader\n"
        "from crocodial_mock.emulator import running\n"
        "from crocodial_mock import paths, check_contract\n"
    )
    assert package_imports(source) == {
        "crocodial_mock.emulator",
        "crocodial_mock.paths",
        "crocodial_mock.check_contract",
        "mockserver.encoding.goapi_xml",
        "mockserver.encoding",
        "mockserver.app",
        "mockserver.world",
    }
