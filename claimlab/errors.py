"""claimlab's exceptions and warnings: one base for each, and the error every loader raises for bad data.

Every error that claimlab raises on purpose derives from :class:`ClaimlabError`, and every warning
it issues from :class:`ClaimlabWarning`, so a caller can catch "anything claimlab refused" in one
``except``. The concrete classes live beside the code that raises them:

- :class:`DataError` (here): a data file is missing or does not match its schema; also a
  ``ValueError``, as it always was. :class:`StoreHomeError` (here) and
  ``claimlab.handin.HandInError`` refine it.
- ``claimlab.quiz.QuizError``: an answer the quiz cannot take (also a ``ValueError``).
- ``claimlab.prelabel.ArticleTextError``: a text that cannot be split into sentences (also a ``ValueError``).
- ``claimlab.store.StoreVersionError``: a progress store written by a newer claimlab (also a ``RuntimeError``).
- ``claimlab.store.StoreWarning``: an unreadable progress store was set aside (a ``ClaimlabWarning``).

Mistakes in how a function is called (an unknown option, a name that is not in a table) stay
Python's own ``ValueError`` and ``KeyError``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path


class ClaimlabError(Exception):
    """Base of every error claimlab raises on purpose: catch it to handle any of them."""


class ClaimlabWarning(UserWarning):
    """Base of every warning claimlab issues."""


class DataError(ClaimlabError, ValueError):
    """A data file is missing or does not match its schema.

    The message always names the file, and where it can the row (by id or line) and the column,
    then says what was expected and how to fix it. The same facts are kept as attributes so that
    code (for example the instructor tools) can report them without parsing the message.
    """

    def __init__(
        self,
        path: str | Path,
        problem: str,
        *,
        row: str | None = None,
        line: int | None = None,
        column: str | None = None,
        fix: str | None = None,
    ) -> None:
        self.path = Path(path)
        self.problem = problem
        self.row = row
        self.line = line
        self.column = column
        self.fix = fix
        super().__init__(self._compose())

    @property
    def shown_path(self) -> str:
        """The path relative to the project folder when it lies inside it, so messages stay short."""
        from .paths import PROJECT_ROOT

        try:
            return self.path.resolve().relative_to(PROJECT_ROOT).as_posix()
        except ValueError:
            return str(self.path)

    def _compose(self) -> str:
        return self.describe()

    def describe(self, *, path: bool = True, fix: bool = True) -> str:
        """The message, optionally without the file (when a list already names it) or the fix."""
        where = [self.shown_path] if path else []
        if self.row is not None and self.line is not None:
            where.append(f"row {self.row} (line {self.line})")
        elif self.row is not None:
            where.append(f"row {self.row}")
        elif self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        message = (", ".join(where) + ": " if where else "") + self.problem
        if fix and self.fix:
            message += f" {self.fix}"
        return message


class StoreHomeError(DataError):
    """The folder that holds the learner's progress cannot be created or written to.

    ``path`` is the folder; the message says where its name came from (``CLAIMLAB_HOME``, the
    default ``~/.claimlab``, or the program) and how to fix it.
    """


def check_unique(rows: Iterable, columns: Sequence[str], what: str = "row") -> None:
    """Raise DataError when two rows hold the same values in all of ``columns``, naming both lines.

    ``rows`` are the rows of one file as :func:`claimlab.tables.read_rows` returns them (each with
    ``path``, ``line``, ``cells`` and ``id``). A repeated row would be counted twice, so it is an
    error rather than something to drop silently: only the author knows which copy is right.
    """
    first_seen: dict[tuple[str, ...], int] = {}
    for row in rows:
        key = tuple(row.cells[column] for column in columns)
        if key in first_seen:
            shown = ", ".join(f"{column} '{value}'" for column, value in zip(columns, key, strict=True))
            raise DataError(
                row.path,
                f"this {what} repeats line {first_seen[key]} (the same {shown}); each {what} may appear only once.",
                row=row.id or None,
                line=row.line,
                column=columns[-1],
                fix=f"Delete one of lines {first_seen[key]} and {row.line}, or correct the one that is wrong.",
            )
        first_seen[key] = row.line
