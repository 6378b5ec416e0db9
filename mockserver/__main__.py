"""``python -m mockserver serve ...``, the same as ``crocodial-mock serve ...``."""

import sys

from mockserver.cli import main

sys.exit(main())
