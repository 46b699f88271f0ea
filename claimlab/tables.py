"""Reading CSV data files strictly, so that every problem is reported with file, row and column.

The loaders build on :func:`read_rows`, which checks the header and the shape of every row and
keeps each row's line number for later messages. Cells are stripped of surrounding white space,
which spreadsheets often add by accident.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import DataError

URL_PATTERN = re.compile(r"^https?://\S+$")
SOURCE_SEPARATOR = ";"
#: A quotation in straight or curly double quotes: the one definition the analysis and the rules share.
QUOTED = re.compile(r'["\u201c][^"\u201c\u201d]*["\u201d]')

#: A CSV cell starting with one of these is run as a formula when the file is opened in a
#: spreadsheet (CSV or formula injection); such cells are written with a leading ' (OWASP's advice).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """The cell as a spreadsheet shows it as text: a ``'`` before a cell that would run as a formula.

    A cell that already starts with quotes followed by such a character gets one more, so that
    :func:`from_spreadsheet_safe` gives every cell back exactly as it was.
    """
    return "'" + cell if cell.lstrip("'").startswith(FORMULA_START) else cell


def from_spreadsheet_safe(cell: str) -> str:
    """Undo :func:`spreadsheet_safe`: remove the one ``'`` it adds, and nothing else."""
    return cell[1:] if cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_START) else cell


@dataclass(frozen=True)
class Row:
    """One data row: its cells by column name, and where it is in its file."""

    path: Path
    line: int
    cells: dict[str, str]
    id_column: str | None = None

    @property
    def id(self) -> str | None:
        return self.cells.get(self.id_column) if self.id_column else None

    def __getitem__(self, column: str) -> str:
        return self.cells[column]

    def error(self, column: str | None, problem: str, fix: str | None = None) -> DataError:
        """Build a DataError that points at this row (and a column of it)."""
        return DataError(self.path, problem, row=self.id or None, line=self.line, column=column, fix=fix)

    def require(self, column: str, what: str = "a value") -> str:
        value = self.cells[column]
        if not value:
            raise self.error(column, f"is empty; expected {what}.", "Fill in the cell.")
        return value

    def require_choice(self, column: str, allowed: Sequence[str], what: str = "value") -> str:
        value = self.cells[column]
        if value not in allowed:
            shown = f"'{value}'" if value else "an empty cell"
            raise self.error(
                column,
                f"{shown} is not a known {what}; expected one of: {', '.join(allowed)}.",
                "Use one of these exactly (upper and lower case matter), or add the new one to the codebook first.",
            )
        return value

    def require_int(self, column: str, minimum: int = 0) -> int:
        value = self.cells[column]
        if not re.fullmatch(r"\d+", value) or int(value) < minimum:
            raise self.error(column, f"'{value}' is not a whole number of at least {minimum}.", "Write digits only.")
        return int(value)

    def require_urls(self, column: str, allow_empty: bool = False) -> list[str]:
        urls = split_list(self.cells[column])
        if not urls and not allow_empty:
            raise self.error(column, "is empty; expected at least one source address (http:// or https://).")
        for url in urls:
            if not URL_PATTERN.match(url):
                raise self.error(
                    column,
                    f"'{url}' is not a web address.",
                    f"Write full addresses starting with http:// or https://, separated by '{SOURCE_SEPARATOR}'.",
                )
        return urls


@functools.lru_cache(maxsize=4096)
def word_pattern(phrase: str, *, before: str = "", after: str = "", ignore_case: bool | None = None) -> re.Pattern[str]:
    """``phrase`` as a whole word or phrase: never part of a longer word, nor touching any character
    of ``before`` on its left or of ``after`` on its right ("-" keeps "China" out of "anti-China";
    a "." on the left keeps "S." out of "U.S.").

    Case is ignored unless ``ignore_case`` is False; by default (None) an all-capital abbreviation
    such as "US" matches only in capitals, so that it is not found in "us". The one matcher the
    checks, the framing tables and the pre-labeller's rules share; compiled once per phrase.
    """
    if ignore_case is None:
        ignore_case = not phrase.replace(".", "").isupper()
    left = f"(?<![\\w{re.escape(before)}])" if before else r"(?<!\w)"
    right = f"(?![\\w{re.escape(after)}])" if after else r"(?!\w)"
    return re.compile(left + re.escape(phrase) + right, re.IGNORECASE if ignore_case else 0)


def split_list(cell: str, separator: str = SOURCE_SEPARATOR) -> list[str]:
    """Split a cell such as "a ; b" into its non-empty, stripped parts."""
    return [part.strip() for part in cell.split(separator) if part.strip()]


def read_rows(
    path: str | Path,
    columns: Sequence[str],
    *,
    id_column: str | None = None,
    what: str = "data file",
) -> list[Row]:
    """Read a CSV file whose header must hold exactly ``columns`` (in any order).

    Raises DataError for a missing or unreadable file, a header with missing or unexpected
    columns, a row with the wrong number of cells, no data rows, and (when ``id_column`` is
    given) an empty or repeated id.
    """
    path = Path(path)
    text = read_text(path, what)
    reader = csv.reader(text.splitlines(keepends=True), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise DataError(path, f"is empty; expected a {what} with a header line.")
        header = [name.strip() for name in header]
        check_header(path, header, columns)
        rows: list[Row] = []
        start = reader.line_num + 1
        for record in reader:
            line = start
            start = reader.line_num + 1
            if not any(cell.strip() for cell in record):
                continue
            if len(record) != len(header):
                raise DataError(
                    path,
                    f"has {len(record)} cells but the header has {len(header)}.",
                    line=line,
                    fix="Check for a missing or extra comma, or a quotation mark that is not closed.",
                )
            # a cell written with a leading ' so that a spreadsheet shows it as text gets its text back
            cells = {name: from_spreadsheet_safe(cell.strip()) for name, cell in zip(header, record, strict=True)}
            rows.append(Row(path, line, cells, id_column))
    except csv.Error as error:
        raise DataError(
            path,
            f"is not valid CSV ({error}).",
            line=reader.line_num,
            fix="Check the quotation marks on that line: a cell that contains a comma or a quotation"
            " mark must be wrapped in double quotes, with inner quotes doubled.",
        ) from None
    if not rows:
        raise DataError(path, f"has a header but no data rows; expected at least one {what} row.")
    if id_column:
        check_ids(rows, id_column)
    return rows


def read_text(path: Path, what: str = "data file") -> str:
    """Read a UTF-8 text file, turning the usual failures into DataError."""
    if not path.exists():
        raise DataError(
            path,
            f"{what} not found.",
            fix="Check the path; to restore the project's own copy run `git checkout -- data/`.",
        )
    if path.is_dir():
        raise DataError(path, f"is a folder; expected a {what}.")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataError(
            path, f"is not UTF-8 text (byte {error.start}).", line=line, fix="Save the file with UTF-8 encoding."
        ) from None
    return text


def check_header(path: Path, header: Sequence[str], columns: Sequence[str]) -> None:
    missing = [name for name in columns if name not in header]
    if missing:
        raise DataError(
            path,
            f"the header lacks the column(s) {', '.join(missing)}; expected exactly: {', '.join(columns)}.",
            line=1,
            column=missing[0],
            fix="Add the missing column (spelling and case must match).",
        )
    unexpected = [name for name in header if name not in columns]
    if unexpected:
        raise DataError(
            path,
            f"the header has unexpected column(s) {', '.join(unexpected)}; expected exactly: {', '.join(columns)}.",
            line=1,
            column=unexpected[0],
            fix="Remove the column or correct its spelling.",
        )
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        raise DataError(path, f"the header repeats column(s) {', '.join(repeated)}.", line=1, column=repeated[0])


def check_ids(rows: Iterable[Row], id_column: str) -> None:
    first_seen: dict[str, int] = {}
    for row in rows:
        value = row.cells[id_column]
        if not value:
            raise DataError(row.path, "the id is empty; every row needs a unique id.", line=row.line, column=id_column)
        if value in first_seen:
            raise DataError(
                row.path,
                f"the id '{value}' repeats the id of line {first_seen[value]}; ids must be unique.",
                row=value,
                line=row.line,
                column=id_column,
                fix="Give one of the rows a new id.",
            )
        first_seen[value] = row.line


def parse_partial_date(row: Row, column: str) -> tuple[dt.date, str]:
    """Parse YYYY-MM-DD or YYYY-MM; return the first day it covers and its precision."""
    value = row.cells[column]
    for fmt, precision in (("%Y-%m-%d", "day"), ("%Y-%m", "month")):
        try:
            return dt.datetime.strptime(value, fmt).date(), precision
        except ValueError:
            continue
    shown = f"'{value}'" if value else "an empty cell"
    raise row.error(
        column,
        f"{shown} is not a date; expected YYYY-MM-DD, or YYYY-MM when only the month is known.",
        "For example 2023-03-08 or 2017-10.",
    )
