"""Stable random streams: the same seed and key give the same numbers in every process.

Python's ``hash()`` of a string changes per process, so keys are hashed with SHA-256 instead.
"""

from __future__ import annotations

import hashlib
import random


def stream_seed(seed: int, *key: object) -> int:
    """A 64-bit seed derived from the world seed and a key such as ("calls", "2025-05-13")."""
    text = "|".join([str(seed), *(str(part) for part in key)])
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


def rng(seed: int, *key: object) -> random.Random:
    """An independent ``random.Random`` for one part of the world, so generating one day or one
    entity never shifts the numbers of another (lazy generation stays deterministic)."""
    return random.Random(stream_seed(seed, *key))
