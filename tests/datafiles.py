"""Helpers for tests that break a private copy of data/ (the ``data_copy`` fixture) and check the error."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from claimlab import DataError, load_article, load_codebook, load_sentences


def edit_csv(path: Path, change: Callable[[list[dict]], None], header: list[str] | None = None) -> None:
    """Read a copied CSV file, let ``change`` edit its rows in place, and write it back."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        rows = list(reader)
    change(rows)
    fields = header or fields
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fields, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({name: row.get(name, "") for name in fields})


def set_cell(path: Path, row_id: str, column: str, value: str, id_column: str = "id") -> None:
    def change(rows: list[dict]) -> None:
        matches = [row for row in rows if row[id_column] == row_id]
        assert matches, f"no row {row_id} in {path}"
        matches[0][column] = value

    edit_csv(path, change)


def load_sentences_from(data: Path):
    return load_sentences(
        data / "sentences.csv",
        codebook=load_codebook(data / "codebook"),
        article=load_article(data / "article" / "article.txt"),
    )


def assert_names(error: DataError, file: str, column: str | None = None, row: str | None = None) -> None:
    message = str(error)
    assert file in message, message
    if column is not None:
        assert error.column == column, message
        assert f"column '{column}'" in message, message
    if row is not None:
        assert error.row == row, message
        assert f"row {row}" in message, message
