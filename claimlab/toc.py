"""The notebooks' order, declared once in ``notebooks/toc.csv``.

It drives the README's map, the "What's next" links and the skeleton test, so adding or
reordering a notebook is one edit to that file.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import paths
from .tables import read_rows

TOC_COLUMNS = ("order", "file", "title", "minutes", "summary")
TOC = paths.PROJECT_ROOT / "notebooks" / "toc.csv"
EXERCISES_TOC = paths.PROJECT_ROOT / "exercises" / "toc.csv"


def load_toc(path: str | Path | None = None) -> pd.DataFrame:
    """The notebooks in learning order, with title, minutes and a one-line summary."""
    path = Path(path) if path is not None else TOC
    rows = read_rows(path, TOC_COLUMNS, id_column="file", what="notebook entry")
    records = []
    for row in rows:
        order = row.require_int("order", 0)
        file = row.require("file", "a notebook file name such as 00_start_here.ipynb")
        if not file.endswith(".ipynb") or "/" in file:
            raise row.error("file", f"'{file}' is not a notebook file name in notebooks/.")
        if not (path.parent / file).exists():
            raise row.error("file", f"names {file}, which is not in {path.parent.name}/.")
        row.require("title")
        row.require("summary")
        records.append({**row.cells, "order": order, "minutes": row.require_int("minutes", 1)})
    frame = pd.DataFrame.from_records(records, columns=list(TOC_COLUMNS))
    return frame.sort_values("order", kind="stable").reset_index(drop=True)


def next_notebook(file: str, toc: pd.DataFrame | None = None) -> str | None:
    """The file that follows ``file`` in the learning order, or None for the last one."""
    toc = toc if toc is not None else load_toc()
    files = list(toc["file"])
    position = files.index(file)
    return files[position + 1] if position + 1 < len(files) else None


def markdown_map(toc: pd.DataFrame | None = None, folder: str = "notebooks") -> str:
    """The README's table of notebooks (or exercises, with ``folder="exercises"``), made from a table of contents."""
    toc = toc if toc is not None else load_toc()
    lines = ["| # | notebook | what you learn | time |", "|---|---|---|---|"]
    for entry in toc.itertuples():
        lines.append(
            f"| {entry.order} | [{entry.title}]({folder}/{entry.file}) | {entry.summary} | {entry.minutes} min |"
        )
    total = int(toc["minutes"].sum())
    lines.append(f"| | **in all** | | **{total} min** |")
    return "\n".join(lines)
