"""Tables drawn left-aligned, the same on every run, and escaped."""

from __future__ import annotations

import re

import pandas as pd

from claimlab.display import _frame_html, table


def test_every_cell_is_left_aligned_in_its_own_style_and_text_is_escaped():
    frame = pd.DataFrame({"text": ["<b>Xi</b> said", "A long sentence."]}, index=["S01", "S02"])
    html = table(frame)._repr_html_()
    cells = re.findall(r"<t[dh][ >]", html)
    assert len(cells) == 6 and html.count('style="text-align: left; vertical-align: top"') == len(cells)
    assert "text-align: right" not in html
    assert "&lt;b&gt;Xi&lt;/b&gt;" in html and "<b>Xi</b>" not in html


def test_the_plain_text_form_is_the_table_not_an_object_address():
    shown = repr(table(pd.Series({"outlet": "Insider", "date_confirmed": False})))
    assert "outlet" in shown and "Insider" in shown and "0x" not in shown
    assert repr(table(pd.DataFrame({"a": [1]}), index=False)).split() == ["a", "1"]


def test_notebook_dataframes_keep_pandas_truncation():
    with pd.option_context("display.max_rows", 4):
        html = _frame_html(pd.DataFrame({"n": range(10)}))
    assert "..." in html and html.count("<tr>") < 10


def test_a_long_text_column_keeps_a_readable_width_in_one_style_attribute():
    frame = pd.DataFrame({"text": ["A sentence long enough to be squeezed. " * 4], "label": ["FACT"]})
    html = _frame_html(frame)
    header = next(line for line in html.splitlines() if ">text</th>" in line)
    assert header.count("style=") == 1 and "min-width: 18em" in header and "text-align: left" in header
    assert "min-width" not in next(line for line in html.splitlines() if ">label</th>" in line)
