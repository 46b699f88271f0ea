"""Exporting answers to hand in: pseudonymous CSV and JSON with every attempt."""

from __future__ import annotations

import csv
import json

import pytest

from claimlab import ProgressStore, build_quiz, export_answers
from claimlab.export import EXPORT_COLUMNS, EXPORT_SCHEMA

ALL = ("statement_type", "source", "check_worthy")


@pytest.fixture
def answered_store(tmp_path) -> ProgressStore:
    store = ProgressStore(tmp_path / "home")
    quiz = build_quiz(None, ALL, items=["S04", "S23"], store=store, notebook="00_start_here", quiz_id="q",
                      learner="Jane Doe")  # fmt: skip
    quiz.answer("S04", "source", "STATE_MEDIA")
    quiz.answer("S04", "source", "GOVERNMENT:CHINA")
    quiz.justify("S23", "statement_type", "FRAMING", "The verb \"refuted\" is the outlet's, not China's.")
    return store


def test_export_writes_csv_and_json_with_every_attempt(answered_store, tmp_path):
    csv_path, json_path = export_answers(tmp_path / "out" / "answers.csv", "blue-heron-7", store=answered_store)
    assert csv_path.name == "answers.csv" and json_path.name == "answers.json"
    with csv_path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0].keys()) == EXPORT_COLUMNS
    assert [(r["item"], r["answer"], r["correct"], r["attempt"]) for r in rows] == [
        ("S04", "STATE_MEDIA", "no", "1"),
        ("S04", "GOVERNMENT:CHINA", "yes", "2"),
        ("S23", "FRAMING", "", "1"),
    ]
    assert rows[2]["kind"] == "justification" and "refuted" in rows[2]["justification"]
    document = json.loads(json_path.read_text(encoding="utf-8"))
    assert document["schema"] == EXPORT_SCHEMA and document["pseudonym"] == "blue-heron-7"
    assert [{key: str(value) for key, value in a.items()} for a in document["attempts"]] == rows
    assert document["attempts"][1]["attempt"] == 2


def test_export_contains_no_learner_name(answered_store, tmp_path):
    csv_path, json_path = export_answers(tmp_path / "answers", "owl", store=answered_store)
    assert csv_path.suffix == ".csv"
    for path in (csv_path, json_path):
        text = path.read_text(encoding="utf-8")
        assert "Jane" not in text and "Doe" not in text and "owl" in text


@pytest.mark.parametrize("bad", ["", "Jane Doe", "jane@example.org", "x" * 41, "../etc"])
def test_pseudonym_must_be_a_simple_made_up_name(answered_store, tmp_path, bad):
    with pytest.raises(ValueError, match="cannot be used as a pseudonym"):
        export_answers(tmp_path / "a.csv", bad, store=answered_store)
    assert not (tmp_path / "a.csv").exists()


def test_export_with_nothing_saved_writes_just_the_header(tmp_path):
    csv_path, json_path = export_answers(tmp_path / "a.csv", "owl", store=ProgressStore(tmp_path / "empty"))
    assert csv_path.read_text(encoding="utf-8").strip() == ",".join(EXPORT_COLUMNS)
    assert json.loads(json_path.read_text(encoding="utf-8"))["attempts"] == []
