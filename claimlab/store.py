"""The learner's progress: every attempt, kept in one SQLite file that survives kernel restarts.

The file lives in the folder named by the ``CLAIMLAB_HOME`` environment variable, by default
``~/.claimlab``. The test suite points that variable at a temporary folder, so tests never read
or write a learner's real progress. Two notebooks (two kernels) may write at once: each write is
one short transaction, and SQLite's write lock plus a busy timeout serialise them. A file that
cannot be read as a progress store is moved aside, never deleted, and a new one is started.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

STORE_NAME = "progress.sqlite3"
SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 30_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    learner TEXT NOT NULL,
    notebook TEXT NOT NULL,
    quiz TEXT NOT NULL,
    item TEXT NOT NULL,
    dimension TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('label', 'justification')),
    answer TEXT NOT NULL,
    justification TEXT NOT NULL DEFAULT '',
    correct INTEGER,
    attempt INTEGER NOT NULL,
    answered_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS attempts_by_quiz ON attempts (learner, notebook, quiz, item, dimension);
"""


class StoreWarning(UserWarning):
    """A progress store could not be read and was set aside; nothing was deleted."""


@dataclass(frozen=True)
class Attempt:
    """One saved answer: a label (graded or not) or a written justification."""

    learner: str
    notebook: str
    quiz: str
    item: str
    dimension: str
    kind: str
    answer: str
    justification: str
    correct: bool | None
    attempt: int
    answered_at: str


def default_home() -> Path:
    """The progress folder: ``$CLAIMLAB_HOME``, or ``.claimlab`` in the learner's home folder."""
    configured = os.environ.get("CLAIMLAB_HOME", "").strip()
    return Path(configured).expanduser() if configured else Path.home() / ".claimlab"


class ProgressStore:
    """Append-only record of attempts in ``<home>/progress.sqlite3``."""

    def __init__(self, home: str | Path | None = None) -> None:
        self.home = Path(home) if home is not None else default_home()
        self.path = self.home / STORE_NAME
        #: Where an unreadable store was moved, when that happened on opening; else None.
        self.set_aside: Path | None = None
        self._connection: sqlite3.Connection | None = None
        self.home.mkdir(parents=True, exist_ok=True)
        try:
            self._initialise()
        except sqlite3.DatabaseError as error:
            if not _is_unreadable(error):
                raise
            self.close()
            self.set_aside = self._move_aside()
            warnings.warn(
                f"The progress store {self.path} could not be read ({error}). It was moved to "
                f"{self.set_aside} and nothing in it was deleted; a new, empty store was started. "
                "Earlier answers are in the moved file if you need them.",
                StoreWarning,
                stacklevel=2,
            )
            self._initialise()

    # -- opening -----------------------------------------------------------------------------

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """The store's one connection, opened on first use and kept: opening a database file on
        every answer costs milliseconds that a learner would feel after pressing Check."""
        if self._connection is None:
            connection = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
            )
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            # In WAL mode, NORMAL skips the fsync on every commit (it syncs at checkpoints): a saved
            # answer survives a kernel crash or restart, and is at risk only if the computer itself
            # loses power in the next moment. It takes about 7 ms off every quiz Check.
            connection.execute("PRAGMA synchronous = NORMAL")
            self._connection = connection
        yield self._connection

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def __del__(self) -> None:
        self.close()

    def _initialise(self) -> None:
        with self._connect() as connection:
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise RuntimeError(
                    f"{self.path} was written by a newer claimlab (store version {version}); "
                    "update claimlab, or set CLAIMLAB_HOME to another folder. The file was not changed."
                )
            check = connection.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise sqlite3.DatabaseError(f"integrity check failed: {check}")
            connection.execute("PRAGMA journal_mode = WAL")
            connection.executescript(_SCHEMA)
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _move_aside(self) -> Path:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{STORE_NAME}.unreadable-{stamp}")
        counter = 1
        while target.exists():
            target = self.path.with_name(f"{STORE_NAME}.unreadable-{stamp}-{counter}")
            counter += 1
        self.path.rename(target)
        for suffix in ("-wal", "-shm"):
            companion = self.path.with_name(STORE_NAME + suffix)
            if companion.exists():
                companion.rename(target.with_name(target.name + suffix))
        return target

    # -- writing and reading -----------------------------------------------------------------

    def record(
        self,
        *,
        learner: str,
        notebook: str,
        quiz: str,
        item: str,
        dimension: str,
        answer: str,
        correct: bool | None,
        kind: str = "label",
        justification: str = "",
    ) -> Attempt:
        """Save one attempt and return it with its attempt number (1 for the first)."""
        answered_at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        with self._connect() as connection:
            connection.execute("BEGIN IMMEDIATE")
            try:
                previous = connection.execute(
                    "SELECT COALESCE(MAX(attempt), 0) FROM attempts "
                    "WHERE learner = ? AND notebook = ? AND quiz = ? AND item = ? AND dimension = ? AND kind = ?",
                    (learner, notebook, quiz, item, dimension, kind),
                ).fetchone()[0]
                number = previous + 1
                connection.execute(
                    "INSERT INTO attempts (learner, notebook, quiz, item, dimension, kind, answer, justification,"
                    " correct, attempt, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        learner,
                        notebook,
                        quiz,
                        item,
                        dimension,
                        kind,
                        answer,
                        justification,
                        None if correct is None else int(correct),
                        number,
                        answered_at,
                    ),
                )
                connection.execute("COMMIT")
            except BaseException:
                connection.execute("ROLLBACK")
                raise
        return Attempt(
            learner, notebook, quiz, item, dimension, kind, answer, justification, correct, number, answered_at
        )

    def attempts(
        self, *, learner: str | None = None, notebook: str | None = None, quiz: str | None = None
    ) -> list[Attempt]:
        """All saved attempts, oldest first, optionally for one learner, notebook and quiz."""
        clauses, values = [], []
        for column, value in (("learner", learner), ("notebook", notebook), ("quiz", quiz)):
            if value is not None:
                clauses.append(f"{column} = ?")
                values.append(value)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        with self._connect() as connection:
            rows = connection.execute(
                "SELECT learner, notebook, quiz, item, dimension, kind, answer, justification, correct, attempt,"
                f" answered_at FROM attempts{where} ORDER BY id",
                values,
            ).fetchall()
        return [Attempt(*row[:8], None if row[8] is None else bool(row[8]), *row[9:]) for row in rows]


def _is_unreadable(error: sqlite3.DatabaseError) -> bool:
    text = str(error).lower()
    return any(
        phrase in text
        for phrase in ("file is not a database", "malformed", "integrity check failed", "file is encrypted")
    )
