"""Tables a reader can read: text left-aligned and top-aligned, no meaningless index, same every run.

JupyterLab right-aligns every table cell, which leaves long sentences ragged on the left. pandas'
Styler could fix that, but its plain-text form names a memory address (different on every run,
so strict nbval would fail) and its <style> block is removed when a notebook is shown untrusted.
So ``table`` writes the alignment into each cell's own style attribute, which survives, and
gives a plain-text form that is the table itself.
"""

from __future__ import annotations

import re

import pandas as pd

CELL_STYLE = "text-align: left; vertical-align: top"


class Table:
    """A DataFrame shown with left-aligned cells; ``index=False`` hides a row index that means nothing."""

    def __init__(self, frame: pd.DataFrame, *, index: bool = True) -> None:
        self.frame, self.index = frame, index

    def _repr_html_(self) -> str:
        return left_align_html(self.frame.to_html(index=self.index, escape=True, border=0))

    def __repr__(self) -> str:
        return self.frame.to_string(index=self.index)


def table(frame: pd.DataFrame | pd.Series, *, index: bool = True, names: tuple[str, str] = ("field", "value")) -> Table:
    """A table for display; a Series (such as the article's metadata) becomes two named columns."""
    if isinstance(frame, pd.Series):
        frame = frame.rename_axis(names[0]).reset_index(name=names[1])
        index = False
    return Table(frame, index=index)


#: A text column whose longest cell is longer than this gets a minimum width, so that a wide table
#: (the pre-labeller's suggestions with their reasons) does not squeeze its sentences to a sliver.
LONG_TEXT = 80
TEXT_MIN_WIDTH = "18em"


def _text_columns(frame: pd.DataFrame) -> dict:
    long = {}
    for column in frame.columns:
        values = frame[column]
        if values.dtype == object and len(values) and values.astype(str).str.len().max() > LONG_TEXT:
            long[column] = TEXT_MIN_WIDTH
    return long


def _frame_html(frame: pd.DataFrame) -> str:
    html = frame.to_html(
        col_space=_text_columns(frame) or None,
        max_rows=pd.get_option("display.max_rows"),
        max_cols=pd.get_option("display.max_columns"),
        show_dimensions=pd.get_option("display.show_dimensions") is True,
        border=0,
    )
    return left_align_html(html)


def left_align_html(html: str) -> str:
    """Write the alignment into every cell's own style attribute (kept when a notebook is untrusted)."""
    html = html.replace('<tr style="text-align: right;">', "<tr>")  # pandas' header-row default
    return re.sub(r"<(td|th)( [^>]*)?>", _styled, html)


def _styled(match: re.Match) -> str:
    tag, attributes = match.group(1), match.group(2) or ""
    if 'style="' in attributes:  # a column's minimum width: add the alignment to the same attribute
        attributes = attributes.replace('style="', 'style="' + CELL_STYLE + "; ", 1)
        return "<" + tag + attributes + ">"
    return "<" + tag + attributes + ' style="' + CELL_STYLE + '">'


def left_align_tables() -> None:
    """Show every DataFrame of this notebook with left-aligned, top-aligned cells.

    Learners keep writing plain pandas (``sentences.loc[...]``); only how the result is drawn
    changes. Outside IPython this does nothing.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with every Jupyter kernel
        return
    shell = get_ipython()
    if shell is not None:
        shell.display_formatter.formatters["text/html"].for_type(pd.DataFrame, _frame_html)
