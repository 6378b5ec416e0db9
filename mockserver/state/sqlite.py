"""State shared by the workers of one machine through an SQLite file (WAL mode): no server to run.

Each thread of each process has its own connection. ``locked()`` is an ``IMMEDIATE`` transaction, which
SQLite serialises across processes; the store's own calls made inside it join that transaction, so a
multi-step change commits (or rolls back) as one.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from mockserver.state import Record, StateStore

BUSY_TIMEOUT_MS = 30_000
_SCHEMA = """
CREATE TABLE IF NOT EXISTS logs (kind TEXT NOT NULL, seq INTEGER NOT NULL, record TEXT NOT NULL,
                                 PRIMARY KEY (kind, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tables (kind TEXT NOT NULL, key TEXT NOT NULL, record TEXT NOT NULL,
                                   PRIMARY KEY (kind, key)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
"""
_SEQUENCE = "\x00sequence"
_GENERATION = "\x00generation"


class SqliteStore(StateStore):
    """One SQLite database file; every process opening the same path shares the state."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        self.url = f"sqlite:///{self.path}"
        self._local = threading.local()
        with self._transaction() as db:
            for statement in filter(str.strip, _SCHEMA.split(";")):
                db.execute(statement)

    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")  # durable enough for a test double; much faster
            self._local.db = db
            self._local.depth = 0
        return db

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction, or the one this thread already has open."""
        db = self._db()
        if self._local.depth:
            self._local.depth += 1
            try:
                yield db
            finally:
                self._local.depth -= 1
            return
        db.execute("BEGIN IMMEDIATE")
        self._local.depth = 1
        try:
            yield db
        except BaseException:
            self._local.depth = 0
            db.execute("ROLLBACK")
            raise
        self._local.depth = 0
        db.execute("COMMIT")

    def locked(self):
        return self._transaction()

    def _bump(self, db: sqlite3.Connection, name: str) -> int:
        row = db.execute(
            "INSERT INTO counters VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 "
            "RETURNING value",
            (name,),
        ).fetchone()
        return row[0]

    def append(self, kind: str, record: Record, keep: int | None = None) -> int:
        with self._transaction() as db:
            seq = self._bump(db, _SEQUENCE + kind)
            db.execute("INSERT INTO logs VALUES (?, ?, ?)", (kind, seq, json.dumps(record)))
            if keep is not None:
                db.execute(
                    "DELETE FROM logs WHERE kind = ? AND seq <= (SELECT seq FROM logs WHERE kind = ? "
                    "ORDER BY seq DESC LIMIT 1 OFFSET ?)",
                    (kind, kind, keep),
                )
            return seq

    def read(self, kind: str, after: int = 0) -> tuple[int, list[tuple[int, Record]]]:
        db = self._db()
        own = self._local.depth == 0
        if own:
            db.execute("BEGIN")  # one snapshot for the generation and the records
        try:
            row = db.execute("SELECT value FROM counters WHERE name = ?", (_GENERATION,)).fetchone()
            rows = db.execute(
                "SELECT seq, record FROM logs WHERE kind = ? AND seq > ? ORDER BY seq", (kind, after)
            ).fetchall()
        finally:
            if own:
                db.execute("COMMIT")
        return (row[0] if row else 0), [(seq, json.loads(text)) for seq, text in rows]

    def put(self, kind: str, key: str, record: Record) -> None:
        with self._transaction() as db:
            db.execute("INSERT OR REPLACE INTO tables VALUES (?, ?, ?)", (kind, key, json.dumps(record)))

    def delete(self, kind: str, key: str) -> bool:
        with self._transaction() as db:
            return db.execute("DELETE FROM tables WHERE kind = ? AND key = ?", (kind, key)).rowcount > 0

    def table(self, kind: str) -> dict[str, Record]:
        rows = self._db().execute("SELECT key, record FROM tables WHERE kind = ?", (kind,)).fetchall()
        return {key: json.loads(text) for key, text in rows}

    def next_id(self, kind: str) -> int:
        with self._transaction() as db:
            return self._bump(db, kind)

    def clear(self, kinds: Iterable[str]) -> dict[str, int]:
        with self._transaction() as db:
            counts = {}
            for kind in kinds:
                logs = db.execute("DELETE FROM logs WHERE kind = ?", (kind,)).rowcount
                tables = db.execute("DELETE FROM tables WHERE kind = ?", (kind,)).rowcount
                db.execute("DELETE FROM counters WHERE name = ?", (kind,))
                counts[kind] = logs + tables
            self._bump(db, _GENERATION)
            return counts

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None
