"""The pure quiz logic: grading, feedback, contested questions, modes, restoration and banks."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from claimlab import DataError, ProgressStore, QuizError, build_quiz, load_codebook, load_sentences
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
        assert quiz.item(item_id).explanation in result.feedback
    score = quiz.score()
    assert (score.answered, score.correct, score.total) == (score.total, score.total, len(quiz.graded_questions()))


def test_wrong_answer_names_the_confusion_the_key_and_the_cue():
    quiz = article_quiz(items=["S27"])
    result = quiz.answer("S27", "source", "STATE_MEDIA")
    assert not result.correct and result.key == "CHINA_GOV"
    codebook = load_codebook()
    assert codebook.confusion_feedback("source", "STATE_MEDIA", "CHINA_GOV") in result.reason
    assert "you chose STATE_MEDIA" in result.reason and "the key is CHINA_GOV" in result.reason
    assert "\u201csaid\u201d and \u201cper\u201d" in result.reason
    assert "relayed by a medium belongs to the original speaker" in result.feedback


def test_topic_is_not_source_feedback_when_there_is_no_cue():
    quiz = article_quiz(items=["S17"])
    result = quiz.answer("S17", "source", "US_GOV")
    assert "Topic is not source" in result.reason
    assert "no attribution cue" in result.reason


def test_check_worthy_feedback_has_no_cue_hint():
    quiz = article_quiz(items=["S19"])
    result = quiz.answer("S19", "check_worthy", "YES")
    assert not result.correct and "cue" not in result.reason.split("the key is NO")[1].lower().replace("vague", "")


def test_feedback_falls_back_to_the_key_rule_without_a_confusion_text():
    codebook = load_codebook()
    item = items_from_frame(load_sentences().loc[["S04"]], ALL)[0]
    without = type(codebook)(codebook.dimensions, {}, codebook.folder)
    correct, reason = explain_answer(item, "statement_type", "FACT", without)
    assert not correct
    assert "FACT (New fact) does not fit this sentence" in reason
    assert codebook["statement_type"].label("QUOTE").decision_rule in reason


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
    assert quiz.options("source") == load_codebook().labels("source")


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
    article_quiz(items=["S04"], store=store).answer("S04", "source", "CHINA_GOV")
    other = build_quiz(None, ALL, items=["S04"], store=store, notebook="nb", quiz_id="other")
    assert other.score().answered == 0


def test_restored_assessment_stays_locked(store):
    article_quiz(items=["S04"], mode="assessment", store=store).answer("S04", "source", "OUTLET")
    again = article_quiz(items=["S04"], mode="assessment", store=store)
    with pytest.raises(QuizError, match="already answered"):
        again.answer("S04", "source", "CHINA_GOV")


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
    quiz.answer("S04", "source", "CHINA_GOV")
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
    "explanation": "A new fact in the outlet's voice.",
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
