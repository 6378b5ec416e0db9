"""The checkout's own files, for tests about the repository itself (generator staleness, ERRATA, README).

The packages never use these paths: installed, they read their data through ``crocodial_mock.paths``.
"""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
