"""The hooks module ``schemathesis.toml`` loads for ``st run``: the kit's deserialisers and check, and the
credentials every request needs.

goUser/goPass (lmapi: user/pass) are ordinary parameters in the contract, so schemathesis would generate
random ones and meet nothing but the credential error. Each request gets ``CROCODIAL_USER`` /
``CROCODIAL_PASSWORD`` (the emulator's MyUser/MyPass when unset) instead.
"""

from __future__ import annotations

import os
from typing import Any

import schemathesis

# Importing the kit's integration registers its deserialisers and the crocodial_conformance check.
from contract_tests.st_integration import with_credentials


@schemathesis.hook
def before_call(ctx: Any, case: schemathesis.Case, **kwargs: Any) -> None:
    """Put the account's credentials into the request about to be sent."""
    with_credentials(
        case, os.environ.get("CROCODIAL_USER") or "MyUser", os.environ.get("CROCODIAL_PASSWORD") or "MyPass"
    )
