"""State shared by emulators on several machines through one Redis database (redis-py).

Keys live under ``crocodial:``: the generation, per kind a sequence and a sorted set for the log
(score = sequence number), a hash for the table, and one hash of counters. Appends, clears and counters
are single Redis commands or Lua scripts, so they are atomic; ``locked()`` is a Redis lock with an
expiry (a crashed holder cannot block the others for longer than ``LOCK_SECONDS``).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from mockserver.state import Record, StateStore

PREFIX = "crocodial:"
LOCK_SECONDS = 30
_APPEND = """
local seq = redis.call('INCR', KEYS[1])
redis.call('ZADD', KEYS[2], seq, seq .. ':' .. ARGV[1])
local keep = tonumber(ARGV[2])
if keep >= 0 then redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -(keep + 1)) end
return seq
"""
_CLEAR = """
local counts = {}
for i, kind in ipairs(ARGV) do
  local log, tab = KEYS[1] .. 'log:' .. kind, KEYS[1] .. 'table:' .. kind
  counts[i] = redis.call('ZCARD', log) + redis.call('HLEN', tab)
  redis.call('DEL', log, tab)
  redis.call('HDEL', KEYS[1] .. 'counters', kind)
end
redis.call('INCR', KEYS[1] .. 'generation')
return counts
"""


class RedisStore(StateStore):
    """One Redis database; every emulator pointed at it serves the same CrocoDial."""

    def __init__(self, url: str):
        import redis

        self.url = url
        self._redis = redis.Redis.from_url(url, socket_timeout=LOCK_SECONDS)
        self._redis.ping()
        self._append = self._redis.register_script(_APPEND)
        self._clear = self._redis.register_script(_CLEAR)
        self._lock = self._redis.lock(PREFIX + "lock", timeout=LOCK_SECONDS, blocking_timeout=LOCK_SECONDS)
        self._local = threading.local()

    @contextmanager
    def locked(self) -> Iterator[None]:
        depth = getattr(self._local, "depth", 0)
        if depth:
            self._local.depth = depth + 1
            try:
                yield
            finally:
                self._local.depth = depth
            return
        if not self._lock.acquire():
            raise TimeoutError(f"the state store's lock was held for over {LOCK_SECONDS} s")
        self._local.depth = 1
        try:
            yield
        finally:
            self._local.depth = 0
            self._lock.release()

    def append(self, kind: str, record: Record, keep: int | None = None) -> int:
        keys = [PREFIX + "sequence:" + kind, PREFIX + "log:" + kind]
        return int(self._append(keys=keys, args=[json.dumps(record), -1 if keep is None else keep]))

    def read(self, kind: str, after: int = 0) -> tuple[int, list[tuple[int, Record]]]:
        pipe = self._redis.pipeline(transaction=True)
        pipe.get(PREFIX + "generation")
        pipe.zrangebyscore(PREFIX + "log:" + kind, f"({after}", "+inf")
        generation, members = pipe.execute()
        records = []
        for member in members:
            seq, _, text = member.partition(b":")
            records.append((int(seq), json.loads(text)))
        return int(generation or 0), records

    def put(self, kind: str, key: str, record: Record) -> None:
        self._redis.hset(PREFIX + "table:" + kind, key, json.dumps(record))

    def delete(self, kind: str, key: str) -> bool:
        return bool(self._redis.hdel(PREFIX + "table:" + kind, key))

    def table(self, kind: str) -> dict[str, Record]:
        raw = self._redis.hgetall(PREFIX + "table:" + kind)
        return {key.decode(): json.loads(text) for key, text in raw.items()}

    def next_id(self, kind: str) -> int:
        return int(self._redis.hincrby(PREFIX + "counters", kind, 1))

    def clear(self, kinds: Iterable[str]) -> dict[str, int]:
        kinds = list(kinds)
        counts = self._clear(keys=[PREFIX], args=kinds)
        return {kind: int(count) for kind, count in zip(kinds, counts, strict=True)}

    def close(self) -> None:
        self._redis.close()
