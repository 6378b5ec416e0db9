"""Packed session segments read back exactly as the tuples they were made from."""

from __future__ import annotations

import pytest

from mockserver.world.segments import Segments

TUPLES = (
    ("WAIT", 28800, 35, "", -1),
    ("TALK", 28835, 190, "", 0),
    ("DISPO", 29025, 12, "", 0),
    ("PAUSE", 29037, 600, "LUNCH", -1),
    ("PAUSE", 29637, 5, "NEWCODE", -1),
    ("WRAPUP", 86390, 100, "", 4011),
)


def test_round_trip_iteration_and_indexing():
    segments = Segments(TUPLES)
    assert len(segments) == len(TUPLES)
    assert tuple(segments) == TUPLES
    assert [segments[i] for i in range(len(TUPLES))] == list(TUPLES)
    assert segments[-1] == TUPLES[-1]
    assert segments[1:3] == TUPLES[1:3]
    with pytest.raises(IndexError):
        segments[len(TUPLES)]


def test_equality_and_hash_follow_the_tuples():
    assert Segments(TUPLES) == Segments(TUPLES) == TUPLES
    assert Segments(TUPLES) != Segments(TUPLES[:-1])
    assert hash(Segments(TUPLES)) == hash(TUPLES)
    assert not Segments() and list(Segments()) == []


def test_values_outside_a_32_bit_integer_are_refused():
    with pytest.raises(OverflowError):
        Segments([("WAIT", 2**31, 1, "", -1)])
