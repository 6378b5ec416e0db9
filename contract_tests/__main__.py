"""``python -m contract_tests`` is ``crocodial-contract``."""

import sys

from contract_tests.cli import main

sys.exit(main())
