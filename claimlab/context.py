"""The timeline and glossary that give the article its context."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import paths
from .errors import DataError, check_unique
from .tables import parse_partial_date, read_rows

TIMELINE_COLUMNS = ("date", "event", "actor", "category", "source_url")
GLOSSARY_COLUMNS = ("term", "definition", "source_url")


def load_timeline(path: str | Path | None = None) -> pd.DataFrame:
    """Load the dated timeline, sorted by date.

    ``date`` keeps the text as written (``2017-10`` when only the month is known); ``start`` is the
    first day it covers and ``precision`` says ``day`` or ``month``.
    """
    path = Path(path) if path is not None else paths.TIMELINE
    rows = read_rows(path, TIMELINE_COLUMNS, what="timeline event")
    records = []
    for row in rows:
        start, precision = parse_partial_date(row, "date")
        for column in ("event", "actor", "category"):
            row.require(column)
        row.require_urls("source_url")
        records.append({**row.cells, "start": pd.Timestamp(start), "precision": precision})
    check_unique(rows, ("date", "event"), "timeline event")
    frame = pd.DataFrame.from_records(records, columns=[*TIMELINE_COLUMNS, "start", "precision"])
    frame = frame[["date", "start", "precision", "event", "actor", "category", "source_url"]]
    return frame.sort_values("start", kind="stable").reset_index(drop=True)


def load_glossary(path: str | Path | None = None) -> pd.DataFrame:
    """Load the glossary, indexed by term, in the order of the file."""
    path = Path(path) if path is not None else paths.GLOSSARY
    rows = read_rows(path, GLOSSARY_COLUMNS, id_column="term", what="glossary term")
    for row in rows:
        row.require("definition", "a definition in plain words")
        row.require_urls("source_url")
    frame = pd.DataFrame.from_records([row.cells for row in rows], columns=list(GLOSSARY_COLUMNS))
    if frame.empty:
        raise DataError(path, "has no terms.")
    return frame.set_index("term")
