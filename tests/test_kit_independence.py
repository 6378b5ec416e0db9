"""The contract kit judges the emulator, so it must not borrow the emulator's code to do it (issue 9):
``contract_tests`` imports nothing from ``mockserver`` except what runs an in-process target (the app,
its config and world size, in ``test_contract.py`` and the drift injector) and the package's shared
plumbing, which judges nothing: where the contract lives and how it is read (``paths``, ``spec_file``,
``data``), the CLIs' option formatting (``cli_options``) and the version. Codecs, handlers and the world
stay out. Every import statement counts, at module level or inside a function."""

from __future__ import annotations

import ast
from pathlib import Path

KIT = Path(__file__).resolve().parent.parent / "contract_tests"
IN_PROCESS_TARGET = {"mockserver.app", "mockserver.config", "mockserver.world"}
ALLOWED = {
    "test_contract.py": IN_PROCESS_TARGET | {"mockserver.paths"},
    "drift_injection.py": IN_PROCESS_TARGET,
}
ANYWHERE = {
    "mockserver.paths",
    "mockserver.spec_file",
    "mockserver.data",
    "mockserver.cli_options",
    "mockserver.__version__",
}


def mockserver_imports(source: str) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            names = names[:1] if node.module != "mockserver" else names[1:]
        else:
            continue
        found.update(name for name in names if name == "mockserver" or name.startswith("mockserver."))
    return found


def test_the_kit_uses_no_emulator_code():
    offenders = {}
    for path in sorted(KIT.rglob("*.py")):
        allowed = ALLOWED.get(path.name, set()) | ANYWHERE
        extra = mockserver_imports(path.read_text()) - allowed
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
    )
    assert mockserver_imports(source) == {
        "mockserver.encoding.goapi_xml",
        "mockserver.encoding",
        "mockserver.app",
        "mockserver.world",
    }
