"""The pure quiz logic: grading, feedback, contested questions, modes, restoration and banks."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from claimlab import DataError, ProgressStore, QuizError, article_codebook, build_quiz, load_codebook, load_sentences
from claimlab.quiz import explain_answer, items_from_frame

ALL = ("statement_type", "source", "check_worthy")


@pytest.fixture
def store(tmp_path) -> ProgressStore:
    return ProgressStore(tmp_path / "home")


def article_quiz(**options):
    return build_quiz(None, ALL, notebook="nb", quiz_id="q", **options)


def test_every_non_contested_sentence_is_gradable_on_every_dimension():
    quiz = article_quiz()
    sentences = load_sentences()
    graded = set(quiz.graded_questions())
    discussion = set(quiz.discussion_questions())
    assert len(graded) + len(discussion) == 28 * 3
    for sentence_id, row in sentences.iterrows():
        for dimension in ALL:
            contested = row["contested"] and dimension in row["competing_labels"]
            assert ((sentence_id, dimension) in discussion) == contested
    assert ("S23", "statement_type") in discussion and ("S23", "check_worthy") in graded


def test_answering_every_key_scores_full_marks_and_each_result_explains():
    quiz = article_quiz()
    for item_id, dimension in quiz.graded_questions():
        key = quiz.item(item_id).keys[dimension]
        result = quiz.answer(item_id, dimension, key)
        assert result.correct and result.key == key and result.attempt == 1
        assert result.reason.startswith(f"Correct: {key}")
        assert "The rule that decides" in result.reason
        assert quiz.item(item_id).explanation_for(dimension) in result.feedback
    score = quiz.score()
    assert (score.answered, score.correct, score.total) == (score.total, score.total, len(quiz.graded_questions()))


def test_a_first_wrong_answer_teaches_the_rule_without_the_key():
    quiz = article_quiz(items=["S27"])
    result = quiz.answer("S27", "source", "STATE_MEDIA")
    assert not result.correct and result.key == "GOVERNMENT:CHINA" and not result.revealed
    assert load_codebook().confusion_feedback("source", "STATE_MEDIA", "GOVERNMENT") in result.reason
    assert "you chose STATE_MEDIA" in result.reason
    assert "\u201csaid\u201d and \u201cper\u201d" in result.reason  # the cue hint
    for leak in ("GOVERNMENT:CHINA", "Chinese government", "the key is"):
        assert leak not in result.feedback, leak
    assert quiz.item("S27").explanation_for("source") not in result.feedback


def test_the_key_comes_on_the_second_wrong_attempt():
    quiz = article_quiz(items=["S27"])
    quiz.answer("S27", "source", "STATE_MEDIA")
    second = quiz.answer("S27", "source", "OUTLET")
    assert second.revealed and "The key is GOVERNMENT:CHINA (Chinese government)" in second.reason
    assert quiz.item("S27").explanation_for("source") in second.feedback


def test_show_the_answer_reveals_the_key_and_is_saved(store):
    quiz = article_quiz(items=["S27"], store=store)
    with pytest.raises(QuizError, match="first"):
        quiz.reveal("S27", "source")  # nothing is shown before the learner commits an answer
    quiz.answer("S27", "source", "STATE_MEDIA")
    shown = quiz.reveal("S27", "source")
    assert shown.revealed and "The key is GOVERNMENT:CHINA" in shown.reason and quiz.revealed("S27", "source")
    saved = [a for a in store.attempts() if a.kind == "reveal"]
    assert [(a.item, a.dimension, a.answer) for a in saved] == [("S27", "source", "GOVERNMENT:CHINA")]
    again = article_quiz(items=["S27"], store=store)  # a new kernel: the reveal is remembered
    assert again.revealed("S27", "source") and again.latest("S27", "source").revealed
    frame = again.results_frame().set_index("dimension")
    assert bool(frame.loc["source", "revealed"]) and frame.loc["source", "first_answer"] == "STATE_MEDIA"


def test_first_answers_are_kept_beside_the_latest():
    quiz = article_quiz(items=["S04"])
    quiz.answer("S04", "statement_type", "ATTRIBUTED")
    quiz.answer("S04", "statement_type", "QUOTE")
    assert quiz.first("S04", "statement_type").chosen == "ATTRIBUTED"
    row = quiz.results_frame().set_index("dimension").loc["statement_type"]
    assert (row["answer"], bool(row["correct"]), row["first_answer"], bool(row["first_correct"])) == (
        "QUOTE", True, "ATTRIBUTED", False,
    )  # fmt: skip


def test_an_assessment_cannot_reveal_one_by_one():
    quiz = article_quiz(items=["S27"], mode="assessment")
    result = quiz.answer("S27", "source", "STATE_MEDIA")
    assert "The key is GOVERNMENT:CHINA" in result.reason  # for the summary at the end
    with pytest.raises(QuizError, match="at the end"):
        quiz.reveal("S27", "source")


def test_topic_is_not_source_feedback_when_there_is_no_cue():
    quiz = article_quiz(items=["S17"])
    result = quiz.answer("S17", "source", "GOVERNMENT:US")
    assert "Topic is not source" in result.reason
    assert "no attribution cue" in result.reason


def test_check_worthy_feedback_has_no_cue_hint():
    quiz = article_quiz(items=["S19"])
    result = quiz.answer("S19", "check_worthy", "YES")
    assert not result.correct and "look at the cue" not in result.reason.lower()


def test_feedback_falls_back_to_the_key_rule_without_a_confusion_text():
    codebook = load_codebook()
    item = items_from_frame(load_sentences().loc[["S04"]], ALL)[0]
    without = type(codebook)(codebook.dimensions, {}, codebook.folder)
    correct, reason = explain_answer(item, "statement_type", "FACT", without)
    assert not correct
    assert "FACT (New fact) means:" in reason and codebook["statement_type"].label("FACT").definition in reason
    assert codebook["statement_type"].label("QUOTE").decision_rule in reason  # reveal=True names the key
    _, first_try = explain_answer(item, "statement_type", "FACT", without, reveal=False)
    assert "QUOTE" not in first_try


def test_practice_allows_retries_and_scores_the_latest_answer():
    quiz = article_quiz(items=["S04"], mode="practice")
    first = quiz.answer("S04", "statement_type", "ATTRIBUTED")
    second = quiz.answer("S04", "statement_type", "QUOTE")
    assert (first.attempt, first.correct, second.attempt, second.correct) == (1, False, 2, True)
    assert quiz.score().correct == 1 and quiz.score().answered == 1


def test_assessment_takes_one_answer_per_question():
    quiz = article_quiz(items=["S04"], mode="assessment")
    quiz.answer("S04", "statement_type", "ATTRIBUTED")
    with pytest.raises(QuizError, match="already answered"):
        quiz.answer("S04", "statement_type", "QUOTE")
    assert quiz.score().correct == 0


def test_contested_questions_take_a_justification_not_a_grade():
    quiz = article_quiz(items=["S23"])
    with pytest.raises(QuizError, match="contested on statement_type"):
        quiz.answer("S23", "statement_type", "ATTRIBUTED")
    with pytest.raises(QuizError, match="not one of the competing labels"):
        quiz.justify("S23", "statement_type", "QUOTE", "because")
    with pytest.raises(QuizError, match="write a sentence"):
        quiz.justify("S23", "statement_type", "FRAMING", "   ")
    with pytest.raises(QuizError, match="not contested on check_worthy"):
        quiz.justify("S23", "check_worthy", "YES", "because")
    saved = quiz.justify("S23", "statement_type", "FRAMING", "'Refuted' is the outlet's verdict.")
    assert saved.attempt == 1 and quiz.justification("S23", "statement_type") == saved
    assert quiz.options("statement_type", "S23") == ("ATTRIBUTED", "FRAMING")
    assert not quiz.finished
    quiz.justify("S23", "source", "OUTLET", "Same reason.")
    quiz.answer("S23", "check_worthy", "YES")
    assert quiz.finished


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda q: q.answer("S99", "source", "OUTLET"), "no item 'S99'"),
        (lambda q: q.answer("S04", "tone", "OUTLET"), "not 'tone'"),
        (lambda q: q.answer("S04", "source", "outlet"), "'outlet' is not a source label"),
    ],
)
def test_bad_answers_are_refused_with_a_reason(call, message):
    with pytest.raises(QuizError, match=message):
        call(article_quiz(items=["S04"]))


def test_quiz_options_are_in_fixed_codebook_order():
    quiz = article_quiz(items=["S04", "S05"])
    assert quiz.options("source") == article_codebook().labels("source")
    assert quiz.options("source") == (
        "OUTLET", "GOVERNMENT:CHINA", "GOVERNMENT:US", "STATE_MEDIA", "OTHER_MEDIA", "EXPERT_ORG", "PUBLIC_OTHER",
    )  # fmt: skip


def test_restoring_from_the_store(store):
    first = article_quiz(items=["S04", "S23"], store=store)
    first.answer("S04", "statement_type", "ATTRIBUTED")
    first.answer("S04", "statement_type", "QUOTE")
    first.answer("S04", "source", "STATE_MEDIA")
    first.justify("S23", "source", "OUTLET", "No Chinese official is quoted.")
    # A new quiz object on the same store (as after a kernel restart) starts where the first left off.
    again = article_quiz(items=["S04", "S23"], store=ProgressStore(store.home))
    assert again.latest("S04", "statement_type").chosen == "QUOTE"
    assert again.latest("S04", "statement_type").attempt == 2
    assert again.latest("S04", "source").correct is False
    assert again.justification("S23", "source").text == "No Chinese official is quoted."
    assert again.score() == first.score()
    third = again.answer("S04", "statement_type", "QUOTE")
    assert third.attempt == 3


def test_quizzes_with_different_ids_do_not_share_answers(store):
    article_quiz(items=["S04"], store=store).answer("S04", "source", "GOVERNMENT:CHINA")
    other = build_quiz(None, ALL, items=["S04"], store=store, notebook="nb", quiz_id="other")
    assert other.score().answered == 0


def test_restored_assessment_stays_locked(store):
    article_quiz(items=["S04"], mode="assessment", store=store).answer("S04", "source", "OUTLET")
    again = article_quiz(items=["S04"], mode="assessment", store=store)
    with pytest.raises(QuizError, match="already answered"):
        again.answer("S04", "source", "GOVERNMENT:CHINA")


def test_unknown_saved_answers_are_kept_but_ignored(store):
    store.record(
        learner="learner", notebook="nb", quiz="q", item="S04", dimension="source", answer="GONE", correct=False
    )
    store.record(
        learner="learner", notebook="nb", quiz="q", item="X1", dimension="source", answer="OUTLET", correct=True
    )
    quiz = article_quiz(items=["S04"], store=store)
    assert quiz.score().answered == 0
    assert len(store.attempts()) == 2


def test_results_frame_lists_every_graded_question():
    quiz = article_quiz(items=["S04", "S05"], mode="practice")
    quiz.answer("S04", "source", "GOVERNMENT:CHINA")
    frame = quiz.results_frame()
    assert len(frame) == 6
    row = frame[(frame["item"] == "S04") & (frame["dimension"] == "source")].iloc[0]
    assert row["correct"] is True or row["correct"] == True  # noqa: E712 (numpy bool)
    assert frame["answer"].isna().sum() == 5


def test_a_quiz_can_ask_one_dimension_only():
    quiz = build_quiz(None, ["statement_type"], notebook="nb", quiz_id="q")
    assert {d for _, d in quiz.graded_questions()} == {"statement_type"}
    assert len(quiz.discussion_questions()) == 2  # S06 and S23 are contested on statement type


def test_warmup_bank_builds_a_quiz_by_name():
    quiz = build_quiz("warmup", ALL, notebook="nb", quiz_id="warmup")
    assert [item.id for item in quiz.items] == [f"W0{n}" for n in range(1, 8)]
    assert quiz.discussion_questions() == [("W07", "source")]


def test_unknown_items_and_modes_are_refused():
    with pytest.raises(QuizError, match="no item"):
        build_quiz(None, ALL, items=["S99"], notebook="nb", quiz_id="q")
    with pytest.raises(QuizError, match="mode must be one of"):
        build_quiz(None, ALL, mode="exam", notebook="nb", quiz_id="q")
    with pytest.raises(QuizError, match="no dimension 'tone'; choose from statement_type"):
        build_quiz(None, ["tone"], notebook="nb", quiz_id="q")


def write_bank(path: Path, rows: list[dict]) -> Path:
    from claimlab.sentences import SENTENCE_COLUMNS

    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, SENTENCE_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({column: row.get(column, "") for column in SENTENCE_COLUMNS})
    return path


GOOD_ROW = {
    "id": "M1",
    "paragraph": "1",
    "part": "body",
    "text": "The bridge reopened on Monday.",
    "statement_type": "FACT",
    "source": "OUTLET",
    "check_worthy": "YES",
    "contested": "no",
    "explain_statement_type": "A new fact in the outlet's voice: FACT.",
    "explain_source": "No cue, so the OUTLET.",
    "explain_check_worthy": "A record could settle it: YES (CW4).",
    "check_rule": "CW4",
}


def test_malformed_bank_names_file_row_and_column(tmp_path):
    bank = write_bank(tmp_path / "bank.csv", [GOOD_ROW, {**GOOD_ROW, "id": "M2", "source": "MAYOR"}])
    with pytest.raises(DataError) as caught:
        build_quiz(bank, ALL, notebook="nb", quiz_id="q")
    assert "bank.csv" in str(caught.value) and caught.value.row == "M2" and caught.value.column == "source"


def test_bank_needs_no_verdict_but_a_half_filled_one_is_refused(tmp_path):
    bank = write_bank(tmp_path / "bank.csv", [GOOD_ROW])
    assert build_quiz(bank, ALL, notebook="nb", quiz_id="q").items[0].id == "M1"
    write_bank(bank, [{**GOOD_ROW, "verdict_note": "half filled"}])
    with pytest.raises(DataError, match="fact-check verdict") as caught:
        build_quiz(bank, ALL, notebook="nb", quiz_id="q")
    assert caught.value.column == "verdict"


def test_answers_saved_with_version_1_source_labels_are_restored_not_dropped(store):
    store.record(learner="learner", notebook="nb", quiz="q", item="S04", dimension="source",
                 answer="CHINA_GOV", correct=True, kind="label", justification="")  # fmt: skip
    quiz = article_quiz(items=["S04"], store=store)
    restored = quiz.latest("S04", "source")
    assert restored is not None and restored.chosen == "GOVERNMENT:CHINA" and restored.correct
