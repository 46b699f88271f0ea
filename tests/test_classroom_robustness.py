"""The class reader refuses what would miscount a class, and says where: file, row, column, fix."""

from __future__ import annotations

import json

import pytest

from claimlab import DataError
from claimlab.classroom import first_labels, latest_labels, learning_summary, read_class
from claimlab.export import EXPORT_COLUMNS, EXPORT_SCHEMA

HEADER = ",".join(EXPORT_COLUMNS)


def answer(item="S04", answer="GOVERNMENT:CHINA", *, quiz="final", attempt=1, at="2026-03-02T09:00:00+00:00",
           kind="label", pseudonym="owl") -> dict:  # fmt: skip
    return {
        "pseudonym": pseudonym, "notebook": "06_putting_it_together", "quiz": quiz, "item": item,
        "dimension": "source", "kind": kind, "answer": answer, "justification": "", "correct": "",
        "attempt": str(attempt), "answered_at": at,
    }  # fmt: skip


def write_csv(folder, name, rows):
    lines = [HEADER, *(",".join(row[c] for c in EXPORT_COLUMNS) for row in rows)]
    (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_json(folder, name, rows):
    document = {"schema": EXPORT_SCHEMA, "claimlab_version": "0.1.0", "pseudonym": "owl", "attempts": rows}
    (folder / name).write_text(json.dumps(document, indent=2), encoding="utf-8")


def only_problem(folder, name):
    answers = read_class(folder)
    problems = [p for p in answers.problems if p.file == name]
    assert len(problems) == 1, answers.problems
    assert "owl" not in answers.learners  # the file is skipped, not half read
    problem = problems[0]
    assert isinstance(problem.error, DataError) and problem.error.path.name == name and problem.fix
    assert name in str(problem.error) and problem.fix in str(problem.error)
    return problem


def test_a_repeated_answer_row_is_refused_naming_both_rows(tmp_path):
    row = answer()
    write_csv(tmp_path, "answers-owl.csv", [row, answer("S17", "OUTLET"), row])
    problem = only_problem(tmp_path, "answers-owl.csv")
    assert problem.error.row == "4" and problem.error.column == "attempt"
    assert "row 4, column 'attempt': repeats row 2" in problem.reason and "counted twice" in problem.reason
    assert "rows 2 and 4" in problem.fix


def test_the_same_question_in_another_quiz_or_attempt_is_not_a_repeat(tmp_path):
    write_csv(tmp_path, "answers-owl.csv", [answer(), answer(attempt=2), answer(quiz="article")])
    answers = read_class(tmp_path)
    assert answers.problems == [] and len(answers.attempts) == 3


def test_a_repeated_answer_in_a_json_export_is_refused(tmp_path):
    write_json(tmp_path, "answers-owl.json", [answer(), answer()])
    problem = only_problem(tmp_path, "answers-owl.json")
    assert "row 2, column 'attempt': repeats row 1" in problem.reason


@pytest.mark.parametrize("bad", ["yesterday", "02/03/2026 09:00", "2026-03-02T09:00:00", ""])
def test_answered_at_must_be_a_time_with_its_zone(tmp_path, bad):
    write_csv(tmp_path, "answers-owl.csv", [answer(), answer("S17", "OUTLET", at=bad)])
    problem = only_problem(tmp_path, "answers-owl.csv")
    assert problem.error.row == "3" and problem.error.column == "answered_at"
    assert "2026-03-02T09:00:00+00:00" in problem.reason


def test_answers_are_put_in_time_order_by_the_moment_not_the_text(tmp_path):
    """10:00 at UTC+2 is 08:00 UTC: earlier than 09:00 UTC, though its text sorts later."""
    write_csv(
        tmp_path,
        "answers-owl.csv",
        [
            answer(answer="OUTLET", quiz="final", at="2026-03-02T09:00:00+00:00"),
            answer(answer="STATE_MEDIA", quiz="article", at="2026-03-02T10:00:00+02:00"),
        ],
    )
    answers = read_class(tmp_path)
    assert answers.problems == []
    assert list(first_labels(answers)["answer"]) == ["STATE_MEDIA"]
    assert list(latest_labels(answers)["answer"]) == ["OUTLET"]
    assert learning_summary(answers).loc["source", "percent_right_first"] == 0.0


def test_json_problems_name_the_entry_they_are_in(tmp_path):
    """Row 1 of a JSON export is the first entry of "attempts" (it was reported as row 2)."""
    write_json(tmp_path, "answers-owl.json", [answer(answer="OPINION"), answer("S17", "OUTLET")])
    problem = only_problem(tmp_path, "answers-owl.json")
    assert problem.reason == "row 1, column 'answer': 'OPINION' is not a source label"
    assert problem.error.row == "1" and problem.error.column == "answer"


def test_a_json_entry_with_a_missing_key_names_entry_and_key(tmp_path):
    incomplete = answer("S17", "OUTLET")
    del incomplete["answered_at"]
    write_json(tmp_path, "answers-owl.json", [answer(), incomplete])
    problem = only_problem(tmp_path, "answers-owl.json")
    assert problem.error.row == "2" and problem.error.column == "answered_at"


def test_csv_rows_are_counted_as_a_spreadsheet_shows_them(tmp_path):
    write_csv(tmp_path, "answers-owl.csv", [answer(), answer("S17", "OPINION")])
    assert only_problem(tmp_path, "answers-owl.csv").reason.startswith("row 3, column 'answer'")


@pytest.mark.parametrize(
    ("content", "line"),
    [("", None), ("sorry, no export\n", 1), ('{"not": json', 1)],
)
def test_unreadable_files_are_data_errors_with_a_fix(tmp_path, content, line):
    name = "answers-owl.json" if content.startswith("{") else "answers-owl.csv"
    (tmp_path / name).write_text(content, encoding="utf-8")
    problem = only_problem(tmp_path, name)
    assert problem.error.line == line


def test_a_file_mixing_pseudonyms_names_the_first_row_of_another(tmp_path):
    write_csv(tmp_path, "answers-owl.csv", [answer(), answer("S17", "OUTLET"), answer(pseudonym="hawk")])
    problem = only_problem(tmp_path, "answers-owl.csv")
    assert problem.error.row == "4" and problem.error.column == "pseudonym"


def test_a_folder_that_is_a_file_is_a_data_error(tmp_path):
    (tmp_path / "answers.zip").write_bytes(b"PK")
    with pytest.raises(DataError, match="is not a folder") as caught:
        read_class(tmp_path / "answers.zip")
    assert "it is a file" in str(caught.value) and caught.value.fix


@pytest.mark.parametrize("value", [True, False, None])
def test_a_json_true_false_or_null_in_correct_is_read_as_text(tmp_path, value):
    # JSON values are read as text (null as ""), so only "yes", "no" and "" reach the correct column.
    write_json(tmp_path, "answers-owl.json", [{**answer(), "correct": value}])
    if value is None:
        answers = read_class(tmp_path)
        assert answers.problems == [] and answers.attempts["correct"].tolist() == [None]
    else:
        problem = only_problem(tmp_path, "answers-owl.json")
        assert problem.error.column == "correct" and f"'{value}' should be yes, no or empty" in problem.reason
