"""The timeline and glossary (claimlab.context): dates, empty cells and repeated rows are refused by name."""

from __future__ import annotations

import pandas as pd
import pytest
from datafiles import assert_names, edit_csv

from claimlab import (
    DataError,
    load_glossary,
    load_timeline,
)


def test_duplicate_glossary_term(data_copy):
    path = data_copy / "glossary.csv"
    edit_csv(path, lambda rows: rows.append(dict(rows[0])))
    with pytest.raises(DataError, match="repeats") as caught:
        load_glossary(path)
    assert_names(caught.value, "glossary.csv", column="term")


@pytest.mark.parametrize("bad", ["8 March 2023", "2023-02-30", "2023", ""])
def test_unparsable_date(data_copy, bad):
    path = data_copy / "timeline.csv"
    edit_csv(path, lambda rows: rows[2].__setitem__("date", bad))
    with pytest.raises(DataError, match="is not a date") as caught:
        load_timeline(path)
    assert_names(caught.value, "timeline.csv", column="date")
    assert caught.value.line == 4


def test_month_precision_dates_are_kept():
    timeline = load_timeline()
    october = timeline[timeline["date"] == "2017-10"].iloc[0]
    assert october["precision"] == "month"
    assert october["start"] == pd.Timestamp("2017-10-01")
    assert timeline["start"].is_monotonic_increasing


def test_timeline_empty_event(data_copy):
    path = data_copy / "timeline.csv"
    edit_csv(path, lambda rows: rows[0].__setitem__("event", ""))
    with pytest.raises(DataError, match="is empty") as caught:
        load_timeline(path)
    assert_names(caught.value, "timeline.csv", column="event")


def test_timeline_repeated_event_names_both_lines(data_copy):
    path = data_copy / "timeline.csv"
    edit_csv(path, lambda rows: rows.append(dict(rows[2])))
    total = len(path.read_text(encoding="utf-8").splitlines())
    with pytest.raises(DataError, match="repeats line 4") as caught:
        load_timeline(path)
    assert_names(caught.value, "timeline.csv", column="event")
    assert caught.value.line == total and f"lines 4 and {total}" in caught.value.fix


def test_timeline_same_event_on_another_date_is_not_a_repeat(data_copy):
    path = data_copy / "timeline.csv"
    edit_csv(path, lambda rows: rows.append({**rows[2], "date": "2030-01-01"}))
    assert len(load_timeline(path)) == len(load_timeline()) + 1
