"""The same real value always becomes the same fake one: keyed by an HMAC of the value with the seed.

No table of real values is kept or written: the fake is recomputed from the value, so two recordings
made with the same ``--seed`` (on the same Faker version) agree, file after file and run after run. The
seed is the HMAC key: keep it private when a recording leaves your hands, since whoever knows it can try
every 10-digit number and find which one a fake phone came from.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
from collections.abc import Callable

from faker import Faker

SHAPED_KINDS = frozenset({"phone", "postal_code", "account", "secret"})
"""Kinds faked character by character: digits stay digits, letters letters, the rest as it was, so a
10-digit phone stays 10 digits and a contract pattern that accepted the real value accepts the fake.
Every other kind comes from Faker (en_US), seeded per value."""


def _login(faker: Faker, real: str) -> str:
    if "." in real:
        return f"{faker.first_name()}.{faker.last_name()}".lower()
    return faker.user_name()


def _initial(faker: Faker, real: str) -> str:
    letter = faker.random_uppercase_letter()
    return letter if real.isupper() else letter.lower()


def _date(faker: Faker, real: str) -> str:
    return faker.date_of_birth(minimum_age=18, maximum_age=90).isoformat() if len(real) == 10 else real


def _text(faker: Faker, real: str) -> str:
    return faker.sentence(nb_words=max(2, min(12, len(real.split()))))


FAKERS: dict[str, Callable[[Faker, str], str]] = {
    "first_name": lambda faker, real: faker.first_name(),
    "last_name": lambda faker, real: faker.last_name(),
    "full_name": lambda faker, real: f"{faker.first_name()} {faker.last_name()}",
    "initial": _initial,
    "login": _login,
    "email": lambda faker, real: f"{faker.user_name()}@example.com",
    "street": lambda faker, real: faker.street_address(),
    "city": lambda faker, real: faker.city(),
    "date": _date,
    "text": _text,
}


CACHE_SIZE = 200_000


class Pseudonyms:
    """Fakes for real values, deterministic in (seed, kind, value); thread-safe."""

    def __init__(self, seed: str) -> None:
        self._key = str(seed).encode()
        self._faker = Faker("en_US")
        self._lock = threading.Lock()
        self._cache: dict[tuple[str, str], str] = {}
        """Fakes already computed (in memory only): an agent's login recurs in every row of a report."""

    def _digest(self, kind: str, real: str) -> bytes:
        return hmac.new(self._key, f"{kind}\x00{real}".encode(), hashlib.sha256).digest()

    def fake(self, kind: str, real: str) -> str:
        """The fake of ``real`` (never equal to it, empty stays empty)."""
        if not real:
            return real
        cached = self._cache.get((kind, real))
        if cached is not None:
            return cached
        digest = self._digest(kind, real)
        if kind in SHAPED_KINDS or kind not in FAKERS:
            fake = _shaped(real, digest, letters=kind != "account")
        else:
            with self._lock:  # one Faker, reseeded per value: its generator is shared state
                self._faker.seed_instance(int.from_bytes(digest[:8], "big"))
                fake = FAKERS[kind](self._faker, real)
        if fake == real:  # vanishingly rare, but a "redacted" value must never be the real one
            fake = self.fake(kind, real + "\x00")
        if len(self._cache) < CACHE_SIZE:
            self._cache[(kind, real)] = fake
        return fake


def _shaped(real: str, digest: bytes, letters: bool = True) -> str:
    """Each digit (and letter, unless ``letters`` is false: an account number's ``LN`` prefix is the
    lender's, not the person's) replaced by one drawn from the digest stream; a leading non-zero digit
    stays non-zero (a phone number does not gain a leading 0)."""
    stream = _stream(digest)
    out = []
    for index, char in enumerate(real):
        draw = next(stream)
        if char.isdigit() and char.isascii():
            if index == 0 and char != "0":
                out.append(str(1 + draw % 9))
            else:
                out.append(str(draw % 10))
        elif not letters:
            out.append(char)
        elif "a" <= char <= "z":
            out.append(chr(ord("a") + draw % 26))
        elif "A" <= char <= "Z":
            out.append(chr(ord("A") + draw % 26))
        else:
            out.append(char)
    return "".join(out)


def _stream(digest: bytes):
    block = digest
    while True:
        yield from block
        block = hashlib.sha256(block).digest()
