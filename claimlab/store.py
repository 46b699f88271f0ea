"""The learner's progress: every attempt, kept in one SQLite file that survives kernel restarts.

The file lives in the folder named by the ``CLAIMLAB_HOME`` environment variable, by default
``~/.claimlab``. The test suite points that variable at a temporary folder, so tests never read
or write a learner's real progress. Two notebooks (two kernels) may write at once: each write is
one short transaction, and SQLite's write lock plus a busy timeout serialise them. A file that
cannot be read as a progress store (damaged, or holding another program's tables or columns) is
moved aside, never deleted, and a new one is started. A folder that cannot be written to is a
:class:`~claimlab.errors.StoreHomeError` naming the folder and where its name came from.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import sqlite3
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .errors import ClaimlabError, ClaimlabWarning, StoreHomeError

STORE_NAME = "progress.sqlite3"
#: 2 added the kinds 'reveal' and 'response' (see KINDS); version-1 stores are upgraded
#: in place, every row copied, in one transaction.
SCHEMA_VERSION = 2
BUSY_TIMEOUT_MS = 30_000
#: What an attempt can be: a chosen label, a written reason on a discussion card, a request to see
#: the answer of a question already answered wrongly, or a written answer to a "Check your
#: understanding" question (saved before its model answer is shown).
KINDS = ("label", "justification", "reveal", "response")
#: The item (and dimension) of the 'reveal' that closes an assessment once its results, with the
#: key, have been shown. Every kernel of the learner checks for it before saving an assessment answer.
WHOLE_QUIZ = "*"

_TABLE = """
CREATE TABLE IF NOT EXISTS {name} (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    learner TEXT NOT NULL,
    notebook TEXT NOT NULL,
    quiz TEXT NOT NULL,
    item TEXT NOT NULL,
    dimension TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('label', 'justification', 'reveal', 'response')),
    answer TEXT NOT NULL,
    justification TEXT NOT NULL DEFAULT '',
    correct INTEGER,
    attempt INTEGER NOT NULL,
    answered_at TEXT NOT NULL
);
"""
_SCHEMA = _TABLE.format(name="attempts") + (
    "CREATE INDEX IF NOT EXISTS attempts_by_quiz ON attempts (learner, notebook, quiz, item, dimension);\n"
)
_COLUMNS = "id, learner, notebook, quiz, item, dimension, kind, answer, justification, correct, attempt, answered_at"


class AnswerRefused(ClaimlabError, ValueError):
    """An assessment answer the store would not take, because another notebook of the same learner
    got there first: the question was answered already (``existing`` is that answer), or the
    assessment was closed with its key on the screen (``closed``)."""

    def __init__(self, message: str, *, closed: bool = False, existing: Attempt | None = None) -> None:
        super().__init__(message)
        self.closed = closed
        self.existing = existing


class StoreWarning(ClaimlabWarning):
    """A progress store could not be read and was set aside; nothing was deleted."""


class StoreVersionError(ClaimlabError, RuntimeError):
    """The progress file was written by a newer claimlab (a higher store version); it is left as it is.

    Not set aside like an unreadable file: the learner's newer claimlab can still read it. Also a
    ``RuntimeError``, which is what this was before it had a class of its own.
    """


class _Unreadable(Exception):
    """The file opened is not a progress store this version can use (broken, or another program's)."""


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


def _home_origin() -> str:
    """Where :func:`default_home` took the folder from, for messages."""
    if os.environ.get("CLAIMLAB_HOME", "").strip():
        return "It is the folder named by the CLAIMLAB_HOME environment variable."
    return "It is the default progress folder, ~/.claimlab (CLAIMLAB_HOME is not set)."


class ProgressStore:
    """Append-only record of attempts in ``<home>/progress.sqlite3``."""

    def __init__(self, home: str | Path | None = None) -> None:
        self.home = Path(home) if home is not None else default_home()
        self.path = self.home / STORE_NAME
        #: Where an unreadable store was moved, when that happened on opening; else None.
        self.set_aside: Path | None = None
        self._connection: sqlite3.Connection | None = None
        self._home_given = home is not None
        with self._writable_home():
            self.home.mkdir(parents=True, exist_ok=True)
            try:
                self._initialise()
            except (_Unreadable, sqlite3.DatabaseError) as error:
                if isinstance(error, sqlite3.DatabaseError) and not _is_unreadable(error):
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

    @contextmanager
    def _writable_home(self) -> Iterator[None]:
        """Turn "cannot create or write the folder or file" into a StoreHomeError that says which
        folder, where its name came from and what to do; SQLite's own words name neither."""
        try:
            yield
        except (OSError, sqlite3.OperationalError) as error:
            if isinstance(error, sqlite3.OperationalError) and not _is_unwritable(error):
                raise
            self.close()
            reason = self._why_unwritable(error)
            if self._home_given:
                origin = "It is the folder given to ProgressStore."
                fix = "Make the folder writable, or give ProgressStore a folder you can write to."
            else:
                origin = _home_origin()
                fix = (
                    "Make the folder (and any progress.sqlite3 in it) writable, or set CLAIMLAB_HOME to a folder "
                    "you can write to (in a notebook: %env CLAIMLAB_HOME=/path/to/a/folder) and run the cell again."
                )
            problem = f"cannot save progress in this folder ({reason}). {origin}"
            raise StoreHomeError(self.home, problem, fix=fix) from error

    def _why_unwritable(self, error: OSError | sqlite3.OperationalError) -> str:
        for folder in (self.home, *self.home.parents):
            if folder.exists():
                if not folder.is_dir():
                    return f"{folder} is a file, not a folder"
                break
        if self.path.is_dir():
            return f"{self.path} is a folder, not a progress file"
        if self.home.is_dir() and not os.access(self.home, os.W_OK | os.X_OK):
            return "it is read-only for you"
        if self.path.exists() and not os.access(self.path, os.W_OK):
            return f"{STORE_NAME} in it is read-only for you"
        return error.strerror if isinstance(error, OSError) and error.strerror else str(error)

    # -- opening -----------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
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
        return self._connection

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def __del__(self) -> None:
        self.close()

    def _initialise(self) -> None:
        connection = self._connect()
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreVersionError(
                f"{self.path} was written by a newer claimlab (store version {version}); "
                "update claimlab, or set CLAIMLAB_HOME to another folder. The file was not changed."
            )
        check = connection.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise _Unreadable(f"integrity check failed: {check}")
        _check_schema(connection, version)
        connection.execute("PRAGMA journal_mode = WAL")
        if version == 1:
            self._upgrade_from_1(connection)
        connection.executescript(_SCHEMA)
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @staticmethod
    def _upgrade_from_1(connection: sqlite3.Connection) -> None:
        """Version 1's table allowed only 'label' and 'justification'; SQLite cannot change a CHECK
        constraint, so the table is rebuilt with every row (ids included) in one transaction."""
        connection.execute("BEGIN IMMEDIATE")
        try:
            if connection.execute("PRAGMA user_version").fetchone()[0] == 1:  # not done by another kernel
                connection.execute(_TABLE.format(name="attempts_v2"))
                connection.execute(f"INSERT INTO attempts_v2 ({_COLUMNS}) SELECT {_COLUMNS} FROM attempts")
                connection.execute("DROP TABLE attempts")
                connection.execute("ALTER TABLE attempts_v2 RENAME TO attempts")
                connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise

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
        assessment: bool = False,
    ) -> Attempt:
        """Save one attempt and return it with its attempt number (1 for the first).

        For an ``assessment``, raise :class:`AnswerRefused` instead when the quiz was closed or (for
        a label) the question already has an answer, in this kernel or any other: the lock is read
        in the same transaction as the write, so two open notebooks cannot both get an answer in.
        """
        answered_at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        with self._writable_home():
            connection = self._connect()
            connection.execute("BEGIN IMMEDIATE")
            try:
                previous = connection.execute(
                    "SELECT COALESCE(MAX(attempt), 0) FROM attempts "
                    "WHERE learner = ? AND notebook = ? AND quiz = ? AND item = ? AND dimension = ? AND kind = ?",
                    (learner, notebook, quiz, item, dimension, kind),
                ).fetchone()[0]
                if assessment and item != WHOLE_QUIZ:
                    self._refuse_if_locked(connection, learner, notebook, quiz, item, dimension, kind, previous)
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

    @staticmethod
    def _refuse_if_locked(connection, learner, notebook, quiz, item, dimension, kind, previous) -> None:
        closed = connection.execute(
            "SELECT 1 FROM attempts WHERE learner = ? AND notebook = ? AND quiz = ? AND item = ? AND kind = 'reveal'",
            (learner, notebook, quiz, WHOLE_QUIZ),
        ).fetchone()
        if closed:
            raise AnswerRefused(
                "this assessment was closed in another notebook (its results and key were shown there), "
                "so it takes no more answers",
                closed=True,
            )
        if kind == "label" and previous:
            row = connection.execute(
                f"SELECT {_ATTEMPT_COLUMNS} FROM attempts WHERE learner = ? AND notebook = ? AND quiz = ? AND item = ? "
                "AND dimension = ? AND kind = 'label' ORDER BY attempt LIMIT 1",
                (learner, notebook, quiz, item, dimension),
            ).fetchone()
            existing = _attempt(row)
            raise AnswerRefused(
                f"{item} {dimension} was already answered ({existing.answer}) in another notebook; "
                "an assessment takes one answer, and that one counts",
                existing=existing,
            )

    def latest_response(self, *, learner: str, notebook: str, quiz: str, item: str) -> str | None:
        """The latest written response (kind 'response') to one question, or None."""
        texts = [
            a.justification
            for a in self.attempts(learner=learner, notebook=notebook, quiz=quiz)
            if a.kind == "response" and a.item == item
        ]
        return texts[-1] if texts else None

    def save_response(self, *, learner: str, notebook: str, quiz: str, item: str, text: str) -> bool:
        """Save a written response unless it is the same as the latest one; return whether it was saved."""
        if text == self.latest_response(learner=learner, notebook=notebook, quiz=quiz, item=item):
            return False
        self.record(learner=learner, notebook=notebook, quiz=quiz, item=item, dimension="response", answer="",
                    correct=None, kind="response", justification=text)  # fmt: skip
        return True

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
        rows = self._connect().execute(f"SELECT {_ATTEMPT_COLUMNS} FROM attempts{where} ORDER BY id", values).fetchall()
        return [_attempt(row) for row in rows]


#: The columns of an Attempt, in its field order.
_ATTEMPT_COLUMNS = _COLUMNS.removeprefix("id, ")


def _attempt(row: tuple) -> Attempt:
    """An Attempt from a row of _ATTEMPT_COLUMNS (SQLite keeps ``correct`` as 0, 1 or NULL)."""
    return Attempt(*row[:8], None if row[8] is None else bool(row[8]), *row[9:])


@functools.cache
def _expected_columns() -> list[tuple]:
    """(name, type, not null, default, primary key) of each column of the table this version creates."""
    with sqlite3.connect(":memory:") as memory:
        memory.execute(_TABLE.format(name="attempts"))
        rows = memory.execute("PRAGMA table_info(attempts)").fetchall()
    memory.close()
    return [row[1:] for row in rows]


def _check_schema(connection: sqlite3.Connection, version: int) -> None:
    """Raise _Unreadable unless the file holds only this store's table and index (or nothing yet).

    A file with another program's tables, or an ``attempts`` table with other columns, would fail
    later with "no such column" in the middle of a quiz; it is set aside on opening instead.
    """
    objects = connection.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
    ).fetchall()
    expected = {("table", "attempts"), ("index", "attempts_by_quiz")}
    foreign = sorted(f"{kind} '{name}'" for kind, name, _ in objects if (kind, name) not in expected)
    if foreign:
        raise _Unreadable(f"it holds {', '.join(foreign)}, which a progress store does not have")
    tables = {name: sql for kind, name, sql in objects if kind == "table"}
    if "attempts" not in tables:
        if version > 0:
            raise _Unreadable(f"it is marked as store version {version} but has no attempts table")
        return
    columns = [row[1:] for row in connection.execute("PRAGMA table_info(attempts)").fetchall()]
    if columns != _expected_columns():
        names = ", ".join(column[0] for column in columns)
        raise _Unreadable(f"its attempts table has other columns than a progress store ({names})")
    if version >= 2 and not all(f"'{kind}'" in tables["attempts"] for kind in KINDS):
        raise _Unreadable("its attempts table does not allow every kind of answer this version saves")


def _is_unwritable(error: sqlite3.OperationalError) -> bool:
    text = str(error).lower()
    return any(phrase in text for phrase in ("unable to open database file", "readonly database", "disk i/o error"))


def _is_unreadable(error: sqlite3.DatabaseError) -> bool:
    text = str(error).lower()
    return any(
        phrase in text
        for phrase in ("file is not a database", "malformed", "integrity check failed", "file is encrypted")
    )
