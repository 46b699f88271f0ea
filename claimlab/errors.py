"""The one exception type that every loader raises for bad data."""

from __future__ import annotations

from pathlib import Path


class DataError(ValueError):
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
        where = [self.shown_path]
        if self.row is not None and self.line is not None:
            where.append(f"row {self.row} (line {self.line})")
        elif self.row is not None:
            where.append(f"row {self.row}")
        elif self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        message = ", ".join(where) + f": {self.problem}"
        if self.fix:
            message += f" {self.fix}"
        return message
