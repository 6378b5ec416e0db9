"""A session's segments packed into one array of integers, read back as the tuples they were.

A day keeps about 9,000 segments; as tuples each cost about 150 bytes (the tuple and its integer
objects), so the 30 days a month-long report leaves cached held some 40 MB of them. Packed, a segment
is five 4-byte integers (its state and pause code as indexes into a shared table of names), and reading
them back stays in C (array slices zipped together), so reports pay next to nothing for the saving.
"""

from __future__ import annotations

import threading
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, overload

from mockserver.world.calls import DEAD, DISPO, PAUSE, PAUSE_CODES, TALK, WAIT, WRAPUP, SegmentTuple

_FIELDS = 5
_NAMES: list[str] = [WAIT, TALK, DEAD, DISPO, WRAPUP, PAUSE, "", *PAUSE_CODES]
"""Every state and pause code a segment holds, stored as its index here (grows on an unknown name)."""
_INDEX = {name: index for index, name in enumerate(_NAMES)}
_growing = threading.Lock()


def _name_index(name: str) -> int:
    index = _INDEX.get(name)
    if index is None:
        with _growing:
            index = _INDEX.get(name)
            if index is None:
                _NAMES.append(name)
                index = _INDEX[name] = len(_NAMES) - 1
    return index


def _indexes(names: Sequence[str]) -> list[int]:
    return list(map(_INDEX.__getitem__, names))


class Segments(Sequence[SegmentTuple]):
    """An immutable sequence of ``(state, start, seconds, pause code, call index)`` tuples."""

    __slots__ = ("_packed",)

    def __init__(self, segments: Iterable[SegmentTuple] = ()):
        columns = tuple(zip(*segments, strict=True)) or ((),) * _FIELDS
        states, starts, seconds, codes, calls = columns
        try:
            state_indexes, code_indexes = _indexes(states), _indexes(codes)
        except KeyError:  # a name not seen before: register it, then pack
            for name in {*states, *codes}:
                _name_index(name)
            state_indexes, code_indexes = _indexes(states), _indexes(codes)
        packed = array("i", bytes(4 * _FIELDS * len(states)))
        # Column by column with C-level loops: packing runs for every session of every generated day.
        for offset, column in enumerate((state_indexes, starts, seconds, code_indexes, calls)):
            packed[offset::_FIELDS] = array("i", column)
        self._packed = packed

    def __len__(self) -> int:
        return len(self._packed) // _FIELDS

    def __iter__(self) -> Iterator[SegmentTuple]:
        packed, names = self._packed, _NAMES.__getitem__
        return zip(
            map(names, packed[0::_FIELDS]),
            packed[1::_FIELDS],
            packed[2::_FIELDS],
            map(names, packed[3::_FIELDS]),
            packed[4::_FIELDS],
            strict=True,
        )

    @overload
    def __getitem__(self, position: int) -> SegmentTuple: ...

    @overload
    def __getitem__(self, position: slice) -> tuple[SegmentTuple, ...]: ...

    def __getitem__(self, position: int | slice) -> SegmentTuple | tuple[SegmentTuple, ...]:
        if isinstance(position, slice):
            return tuple(self)[position]
        count = len(self)
        if position < 0:
            position += count
        if not 0 <= position < count:
            raise IndexError("segment index out of range")
        base = position * _FIELDS
        state, start, seconds, code, call = self._packed[base : base + _FIELDS]
        return _NAMES[state], start, seconds, _NAMES[code], call

    def __eq__(self, other: Any) -> bool:
        if isinstance(other, Segments):
            return self._packed == other._packed
        if isinstance(other, Sequence):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Segments({list(self)!r})"
