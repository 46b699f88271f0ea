"""Reading a class's hand-ins: broken files are named and skipped; the summaries are right."""

from __future__ import annotations

import csv
import json

import pytest

from claimlab import DataError, ProgressStore, build_quiz, export_answers
from claimlab.classroom import (
    class_agreement,
    class_confusion,
    contested_splits,
    describe_difficulty,
    difficulty_chart,
    latest_labels,
    learner_scores,
    learning_summary,
    read_class,
    sentence_difficulty,
    top_confusions,
)
from claimlab.paths import DATA_DIR

SAMPLE = DATA_DIR / "sample_class"


def hand_in(folder, pseudonym, answers, justify=()):
    """Answer the final quiz as one learner would, and export the answers into ``folder``."""
    store = ProgressStore(folder.parent / f"home-{pseudonym}")
    quiz = build_quiz(None, store=store, notebook="06_putting_it_together", quiz_id="final")
    for item, dimension, label in answers:
        quiz.answer(item, dimension, label)
    for item, dimension, label in justify:
        quiz.justify(item, dimension, label, "Because of the verb.")
    return export_answers(folder / f"answers-{pseudonym}.csv", pseudonym, store=store)


@pytest.fixture
def classroom(tmp_path):
    folder = tmp_path / "hand-ins"
    folder.mkdir()
    ann = [("S17", "source", "OUTLET"), ("S04", "source", "GOVERNMENT:CHINA"), ("S19", "check_worthy", "NO")]
    bob = [("S17", "source", "GOVERNMENT:US"), ("S04", "source", "GOVERNMENT:CHINA"), ("S19", "check_worthy", "YES")]
    hand_in(folder, "ann", ann, [("S23", "source", "OUTLET")])
    hand_in(folder, "bob", bob, [("S23", "source", "GOVERNMENT:CHINA")])
    csv_path, json_path = hand_in(folder, "cat", [("S17", "source", "GOVERNMENT:US"), ("S04", "source", "STATE_MEDIA")])
    json_path.unlink()
    return folder


def test_exports_round_trip_into_the_class_reader(classroom):
    answers = read_class(classroom)
    assert answers.learners == ["ann", "bob", "cat"]
    assert answers.problems == []  # each learner's JSON duplicate of the CSV is not counted twice
    assert sorted(answers.files_read) == ["answers-ann.csv", "answers-bob.csv", "answers-cat.csv"]
    labels = latest_labels(answers)
    assert len(labels) == 8
    difficulty = sentence_difficulty(labels)
    s17 = difficulty[(difficulty["item"] == "S17") & (difficulty["dimension"] == "source")].iloc[0]
    assert s17["percent_correct"] == pytest.approx(33.3) and s17["most_common_wrong"] == "GOVERNMENT:US"
    assert difficulty.iloc[0]["item"] == "S17"  # hardest first
    assert class_confusion(labels, "source").loc["OUTLET", "GOVERNMENT:US"] == 2
    top = top_confusions(labels, n=1).iloc[0]
    assert (top["key"], top["answer"], top["count"]) == ("OUTLET", "GOVERNMENT:US", 2)
    scores = learner_scores(labels)
    assert scores.loc["ann", "percent_correct"] == 100.0 and scores.loc["cat", "answered"] == 2
    splits = contested_splits(answers)
    s23 = splits[(splits["item"] == "S23") & (splits["dimension"] == "source")].iloc[0]
    assert s23["split"] == "GOVERNMENT:CHINA 1 vs OUTLET 1" and s23["divided"]
    assert "S23 split the class" in s23["prompt"]


def test_the_latest_answer_counts(classroom):
    store = ProgressStore(classroom.parent / "home-dan")
    quiz = build_quiz(None, store=store, notebook="03_claim_types", quiz_id="article")
    quiz.answer("S04", "statement_type", "ATTRIBUTED")
    quiz.answer("S04", "statement_type", "QUOTE")
    export_answers(classroom / "answers-dan.csv", "dan", store=store)
    labels = latest_labels(read_class(classroom))
    dan = labels[labels["learner"] == "dan"]
    assert list(dan["answer"]) == ["QUOTE"]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("answers-empty.csv", "", "the file is empty"),
        ("answers-text.csv", "sorry, no export\n", "missing column(s)"),
        ("answers-bin.csv", b"\xff\xfe\x00garbage", "not UTF-8"),
        ("answers-bad.json", "{not json", "not valid JSON"),
        ("answers-other.json", json.dumps({"schema": "x/1", "attempts": []}), "not a claimlab export"),
        ("notes.txt", "remember", "not a .csv or .json export"),
    ],
)
def test_each_broken_file_is_named_with_its_reason_and_skipped(classroom, name, content, reason):
    path = classroom / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    answers = read_class(classroom)
    assert [p.reason for p in answers.problems if p.file == name][0].find(reason) >= 0
    assert answers.learners == ["ann", "bob", "cat"]
    assert name in answers.report()


def test_a_row_with_an_unknown_label_names_row_and_column(classroom):
    path = classroom / "answers-ann.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows[1]["answer"] = "OPINION"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    answers = read_class(classroom)
    problem = [p for p in answers.problems if p.file == "answers-ann.csv"][0]
    assert "row 3, column 'answer'" in problem.reason and "OPINION" in problem.reason
    assert "ann" not in answers.learners


def test_readmes_and_hidden_files_are_not_reported(classroom):
    (classroom / "README.md").write_text("about these files", encoding="utf-8")
    (classroom / ".DS_Store").write_bytes(b"\x00")
    assert read_class(classroom).problems == []


def test_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(DataError, match="is not a folder") as caught:
        read_class(tmp_path / "nowhere")
    assert caught.value.path == tmp_path / "nowhere" and "one folder" in caught.value.fix


BROKEN_SAMPLE_FILES = {
    "answers-synthetic-91-empty.csv": "the file is empty",
    "answers-synthetic-92-not-an-export.csv": "missing column(s)",
    "answers-synthetic-93-missing-column.csv": "missing column(s) answer",
    "answers-synthetic-94-unknown-label.csv": "'OPINION' is not a source label",
    "answers-synthetic-95-wrong-schema.json": "not a claimlab export",
    "notes-from-the-teacher.txt": "not a .csv or .json export",
}


def test_the_sample_class_reports_every_broken_file():
    answers = read_class(SAMPLE)
    reasons = {p.file: p.reason for p in answers.problems}
    assert set(reasons) == set(BROKEN_SAMPLE_FILES)
    for name, reason in BROKEN_SAMPLE_FILES.items():
        assert reason in reasons[name], (name, reasons[name])
    assert len(answers.learners) == 30 and all(name.startswith("synthetic-") for name in answers.learners)
    agreement = class_agreement(latest_labels(answers))
    assert set(agreement.index) == {"statement_type", "source", "check_worthy"}
    assert (agreement["learners"] >= 2).all()


def test_the_sample_class_is_reproducible(tmp_path):
    import subprocess
    import sys

    from claimlab.paths import PROJECT_ROOT

    subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "tools" / "make_sample_class.py"), str(tmp_path)],
        check=True,
        capture_output=True,
    )
    made = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    kept = {p.name: p.read_bytes() for p in SAMPLE.iterdir() if p.name != "README.md"}
    assert made == kept


def test_difficulty_chart_has_a_description():
    labels = latest_labels(read_class(SAMPLE))
    difficulty = sentence_difficulty(labels)
    chart = difficulty_chart(difficulty, n=5)
    assert repr(chart) == describe_difficulty(difficulty, n=5)
    assert "hardest first" in repr(chart)


def test_an_empty_or_all_broken_folder_gives_empty_summaries_not_a_crash(tmp_path):
    from claimlab.charts import confusion_chart

    (tmp_path / "answers-x.csv").write_text("", encoding="utf-8")
    answers = read_class(tmp_path)
    assert answers.learners == [] and [p.file for p in answers.problems] == ["answers-x.csv"]
    labels = latest_labels(answers)
    assert labels.empty
    difficulty = sentence_difficulty(labels)
    assert difficulty.empty and "nothing to chart" in repr(difficulty_chart(difficulty))
    matrix = class_confusion(labels, "source")
    assert matrix.to_numpy().sum() == 0 and confusion_chart(matrix).axes
    assert top_confusions(labels).empty
    assert learner_scores(labels).empty
    assert class_agreement(labels).empty
    assert (contested_splits(answers)["justified"] == 0).all()
    assert "Read 0 file(s) from 0 learner(s)" in answers.report()


def test_an_export_with_version_1_source_labels_is_read_with_todays_names(tmp_path):
    """Exports made before the source labels were redesigned still count, under the new names."""
    old = (
        "pseudonym,notebook,quiz,item,dimension,kind,answer,justification,correct,attempt,answered_at\n"
        "old-owl,06_putting_it_together,final,S04,source,label,CHINA_GOV,,yes,1,2026-03-02T09:00:00+00:00\n"
        "old-owl,06_putting_it_together,final,S22,source,label,US_GOV,,yes,1,2026-03-02T09:01:00+00:00\n"
        "old-owl,06_putting_it_together,final,S05,source,label,EXPERT_OTHER,,no,1,2026-03-02T09:02:00+00:00\n"
    )
    (tmp_path / "answers-old-owl.csv").write_text(old, encoding="utf-8")
    answers = read_class(tmp_path)
    assert answers.problems == []
    labels = latest_labels(answers).set_index("item")
    assert labels.loc["S04", "answer"] == labels.loc["S04", "key"] == "GOVERNMENT:CHINA"
    assert labels.loc["S22", "answer"] == labels.loc["S22", "key"] == "GOVERNMENT:US"
    assert labels.loc["S05", "answer"] == "EXPERT_ORG" and labels.loc["S05", "key"] == "STATE_MEDIA"


def test_written_answers_and_reveals_are_exported_and_read_back(tmp_path):
    store = ProgressStore(tmp_path / "home")
    store.record(learner="learner", notebook="06", quiz="cyu-kappa", item="cyu-kappa", dimension="response",
                 answer="", correct=None, kind="response", justification="Lower, because YES dominates.")  # fmt: skip
    store.record(learner="learner", notebook="04", quiz="article", item="S27", dimension="source",
                 answer="STATE_MEDIA", correct=False)  # fmt: skip
    store.record(learner="learner", notebook="04", quiz="article", item="S27", dimension="source",
                 answer="GOVERNMENT:CHINA", correct=None, kind="reveal")  # fmt: skip
    folder = tmp_path / "class"
    export_answers(folder / "answers-owl.csv", "owl", store=store)
    answers = read_class(folder)
    assert answers.problems == [] and set(answers.attempts["kind"]) == {"response", "label", "reveal"}
    summary = learning_summary(answers).loc["source"]
    assert summary["answers_shown"] == 1 and summary["percent_right_first"] == 0.0


def test_an_export_from_a_closed_assessment_is_read_without_problems(tmp_path):
    store = ProgressStore(tmp_path / "home")
    final = build_quiz(None, items=["S04"], mode="assessment", notebook="06", quiz_id="t", store=store)
    final.answer("S04", "source", "GOVERNMENT:CHINA")
    final.close()
    export_answers(tmp_path / "class" / "answers-kite.csv", "kite", store=store)
    answers = read_class(tmp_path / "class")
    assert answers.problems == [] and "reveal" in set(answers.attempts["kind"])
