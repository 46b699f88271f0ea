"""Drive the quiz widget as a learner would: set a value, press a button, read the HTML feedback."""

from __future__ import annotations

import csv

import ipywidgets as widgets
import pytest

from claimlab import ClaimQuiz, ProgressStore, QuizError, StoreWarning, build_quiz, quiz
from claimlab.a11y import ChoiceGroup, LiveRegion
from claimlab.errors import ClaimlabWarning
from claimlab.sentences import SENTENCE_COLUMNS
from claimlab.store import STORE_NAME

ALL = ("statement_type", "source", "check_worthy")


@pytest.fixture
def store(tmp_path) -> ProgressStore:
    return ProgressStore(tmp_path / "home")


def article_widget(store, items=("S04", "S23", "S28"), mode="practice") -> ClaimQuiz:
    return quiz(None, ALL, items=list(items), mode=mode, notebook="nb", quiz_id="q", title="Test", store=store)


def choose(view: ClaimQuiz, **labels: str) -> None:
    for dimension, label in labels.items():
        view.choices[dimension].value = label


def test_right_and_wrong_answers_show_explained_feedback_in_words(store):
    view = article_widget(store)
    assert "Sentence 1 of 3" in view.counter.value and "S04" in view.counter.value
    choose(view, statement_type="QUOTE", source="STATE_MEDIA", check_worthy="YES")
    view.check_button.click()
    feedback = view.feedback.value
    assert feedback.count("\u2714 Correct") == 2 and feedback.count("\u2718 Not quite") == 1
    # A first wrong answer teaches without the key, and no box names another question's answer.
    assert "GOVERNMENT:CHINA" not in feedback and "Chinese government" not in feedback
    assert "About this sentence:" not in feedback
    assert isinstance(view.feedback, LiveRegion)  # one persistent status region, announced when it changes
    assert not view.reveal_button.disabled
    view.reveal_button.click()
    shown = view.feedback.value
    assert "The key is GOVERNMENT:CHINA" in shown and "(answer shown)" in shown and view.reveal_button.disabled
    assert [a.kind for a in store.attempts()].count("reveal") == 1
    assert "2 of 8 answered" not in view.progress_text.value  # 3 graded answered
    assert "3 of 7 answered, 2 correct" in view.progress_text.value
    assert view.progress.value == 3


def test_missing_choices_are_pointed_out(store):
    view = article_widget(store)
    choose(view, statement_type="QUOTE")
    view.check_button.click()
    assert "Source: choose a label." in view.feedback.value
    assert "Worth checking: choose a label." in view.feedback.value
    assert view.quiz.score().answered == 1


def test_retry_in_practice_and_repeated_check_is_not_a_new_attempt(store):
    view = article_widget(store)
    choose(view, statement_type="ATTRIBUTED", source="GOVERNMENT:CHINA", check_worthy="YES")
    view.check_button.click()
    view.check_button.click()  # no change: no new attempt
    assert view.quiz.latest("S04", "statement_type").attempt == 1
    choose(view, statement_type="QUOTE")
    view.check_button.click()
    assert view.quiz.latest("S04", "statement_type").attempt == 2
    assert "(attempt 2)" in view.feedback.value and "3 of 7 answered, 3 correct" in view.progress_text.value


def test_navigation_and_context(store):
    view = article_widget(store)
    view.previous_button.click()  # never disabled (focus would fall to the page): it says where you are
    assert "S04" in view.counter.value and "This is the first sentence. Use Next." in view.feedback.value
    view.next_button.click()
    assert "S23" in view.counter.value
    view.context_toggle.value = True
    assert "<b>China has refuted Blinken&#x27;s statements.</b>" in view.context.value
    assert "Secretary of State Antony Blinken later said" in view.context.value
    view.next_button.click()
    assert "S28" in view.counter.value and not view.next_button.disabled
    assert view.context.value == ""
    view.next_button.click()
    assert "S28" in view.counter.value and "This is the last sentence. Use Previous." in view.feedback.value
    view.previous_button.click()
    assert "S23" in view.counter.value


def test_discussion_card_takes_a_justification(store):
    view = article_widget(store, items=["S23"])
    card_text = " ".join(w.value for w in view.questions.children if isinstance(w, widgets.HTML))
    assert "discussion card" in card_text and "ATTRIBUTED or FRAMING" in card_text
    assert "What separates them" in card_text
    assert [(o["label"], o["value"]) for o in view.choices["statement_type"].options] == [
        ("ATTRIBUTED \u2013 Attributed claim", "ATTRIBUTED"),
        ("FRAMING \u2013 Framing", "FRAMING"),
    ]
    choose(view, statement_type="FRAMING", source="OUTLET", check_worthy="YES")
    view.check_button.click()
    assert "choose a label and write your reason" in view.feedback.value
    view.reasons["statement_type"].value = "Refuted is the outlet's verdict."
    view.reasons["source"].value = "The outlet chose the verb."
    view.check_button.click()
    assert view.quiz.justification("S23", "statement_type").text == "Refuted is the outlet's verdict."
    assert "reason are saved" in view.feedback.value
    assert (
        "1 of 1 answered" in view.progress_text.value and "2 of 2 discussion cards written" in view.progress_text.value
    )
    assert "Summary" in view.summary.value and "you chose FRAMING because" in view.summary.value


def test_assessment_withholds_feedback_until_finish_and_locks_answers(store):
    view = article_widget(store, items=["S04", "S28"], mode="assessment")
    assert view.finish_button.layout.display is None
    choose(view, statement_type="ATTRIBUTED", source="GOVERNMENT:CHINA", check_worthy="YES")
    view.check_button.click()
    assert "Correct" not in view.feedback.value and "Not quite" not in view.feedback.value
    assert "answer ATTRIBUTED saved" in view.feedback.value
    assert view.choices["statement_type"].disabled
    assert view.summary.value == ""
    view.finish_button.click()  # 3 questions unanswered: a warning first, no key shown
    assert view.summary.value == "" and "not answered yet" in view.feedback.value
    assert not view.quiz.closed
    view.finish_button.click()  # confirmed: the results, with the key, and the quiz is closed
    summary = view.summary.value
    assert "1 of 2 correct" not in summary and "3 of 6 answered, 2 correct" in summary
    assert "\u2718 Not quite" in summary and "not answered" in summary
    assert view.quiz.closed and view.check_button.disabled


def test_an_assessment_whose_key_was_shown_takes_no_more_answers_in_any_kernel(store):
    """Finishing early showed the key; the unanswered questions must not then be answerable,
    neither in this widget nor in a second notebook or after a restart (the lock is in the store)."""
    view = article_widget(store, items=["S04", "S28"], mode="assessment")
    choose(view, statement_type="QUOTE", source="GOVERNMENT:CHINA", check_worthy="YES")
    view.check_button.click()
    view.finish_button.click()
    view.finish_button.click()
    view.show(1)
    assert all(choice.disabled for choice in view.choices.values())
    with pytest.raises(QuizError, match="no more answers"):
        view.quiz.answer("S28", "statement_type", "FACT")
    other = article_widget(ProgressStore(store.home), items=["S04", "S28"], mode="assessment")
    assert other.quiz.closed and "Summary" in other.summary.value
    with pytest.raises(QuizError, match="no more answers"):
        other.quiz.answer("S28", "statement_type", "FACT")
    assert "3 of 6 answered" in other.summary.value  # the summary is current, not stale


def test_a_second_notebook_open_at_the_same_time_cannot_answer_after_the_key_was_shown(store):
    """Both notebooks are open before the first shows its results: the second one's memory says
    "open", but the store refuses its answer, and it then shows the assessment as closed."""
    first = article_widget(store, items=["S04", "S28"], mode="assessment")
    second = article_widget(ProgressStore(store.home), items=["S04", "S28"], mode="assessment")
    first.finish_button.click()
    first.finish_button.click()  # confirmed: the key is on the first notebook's screen
    assert not second.quiz.closed
    second.show(1)
    choose(second, statement_type="FACT", source="OUTLET", check_worthy="NO")
    second.check_button.click()
    assert "closed in another notebook" in second.feedback.value and "could not be saved" not in second.feedback.value
    assert second.quiz.closed and second.check_button.disabled
    assert all(choice.disabled for choice in second.choices.values())
    assert [a.item for a in store.attempts() if a.kind == "label"] == []


def test_a_question_answered_in_another_open_notebook_keeps_its_first_answer(store):
    first = article_widget(store, items=["S04"], mode="assessment")
    second = article_widget(ProgressStore(store.home), items=["S04"], mode="assessment")
    choose(first, statement_type="QUOTE", source="GOVERNMENT:CHINA", check_worthy="YES")
    first.check_button.click()
    choose(second, statement_type="FACT", source="OUTLET", check_worthy="NO")
    second.check_button.click()
    assert "already answered (QUOTE) in another notebook" in second.feedback.value
    assert second.quiz.latest("S04", "statement_type").chosen == "QUOTE"  # the one that counts
    assert second.choices["statement_type"].value == "QUOTE" and second.choices["statement_type"].disabled
    assert [a.answer for a in store.attempts() if a.dimension == "statement_type"] == ["QUOTE"]


def test_practice_hides_the_finish_button(store):
    assert article_widget(store).finish_button.layout.display == "none"


def test_a_new_widget_restores_answers_and_score(store):
    view = article_widget(store)
    choose(view, statement_type="QUOTE", source="GOVERNMENT:CHINA", check_worthy="NO")
    view.check_button.click()
    # After a kernel restart: a new store object and widget on the same folder.
    again = article_widget(ProgressStore(store.home))
    assert again.position == 1  # S04 is done, so it opens at the next sentence
    again.previous_button.click()
    assert again.choices["statement_type"].value == "QUOTE" and again.choices["check_worthy"].value == "NO"
    assert "\u2718 Not quite" in again.feedback.value
    assert again.progress_text.value == view.progress_text.value


def test_markup_in_a_quiz_bank_is_shown_as_text(store, tmp_path):
    bank = tmp_path / "bank.csv"
    row = {
        "id": "X<1>",
        "paragraph": "1",
        "part": "body",
        "text": 'The <script>alert("x")</script> bridge <b>reopened</b>.',
        "statement_type": "FACT",
        "source": "OUTLET",
        "check_worthy": "YES",
        "contested": "no",
        "explain_statement_type": "Explained <img src=x onerror=alert(1)> FACT",
        "explain_source": "OUTLET <b>voice</b>",
        "explain_check_worthy": "YES (CW4)",
        "check_rule": "CW4",
    }
    with bank.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, SENTENCE_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerow({column: row.get(column, "") for column in SENTENCE_COLUMNS})
    view = quiz(bank, ALL, notebook="nb", quiz_id="x", store=store, title="<i>T</i>")
    choose(view, statement_type="FACT", source="OUTLET", check_worthy="YES")
    view.check_button.click()
    view.context_toggle.value = True
    rendered = " ".join(
        [view.header.value, view.counter.value, view.sentence.value, view.context.value, view.feedback.value]
    )
    assert "<script>" not in rendered and "<img" not in rendered and "<i>T</i>" not in rendered
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in view.sentence.value
    assert "&lt;img src=x onerror=alert(1)&gt;" in view.feedback.value
    assert "X&lt;1&gt;" in view.counter.value
    bundle = view._repr_mimebundle_()
    assert "<script>" not in bundle["text/html"] and "&lt;script&gt;" in bundle["text/html"]


def test_static_fallback_lists_questions_and_options_as_text(store):
    view = article_widget(store)
    bundle = view._repr_mimebundle_()
    text = bundle["text/plain"]
    assert text.startswith("Test (practice; run the notebook in JupyterLab to answer)")
    assert '[S04] "It is necessary' in text
    assert "Statement type: QUOTE / ATTRIBUTED / FRAMING / CONTEXT / FACT" in text
    assert "Statement type: discussion card - ATTRIBUTED or FRAMING?" in text
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_static_fallback_does_not_depend_on_saved_answers(store):
    before = article_widget(store)._repr_mimebundle_()
    view = article_widget(store)
    choose(view, statement_type="QUOTE", source="GOVERNMENT:CHINA", check_worthy="YES")
    view.check_button.click()
    after = article_widget(store)._repr_mimebundle_()
    assert (before["text/plain"], before["text/html"]) == (after["text/plain"], after["text/html"])


def test_a_corrupt_store_is_reported_in_the_widget(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    (home / STORE_NAME).write_bytes(b"garbage" * 100)
    monkeypatch.setenv("CLAIMLAB_HOME", str(home))
    view = quiz("warmup", ALL, notebook="nb", quiz_id="w")
    assert "could not be read" in view.header.value and "nothing in it was deleted" in view.header.value
    assert list(home.glob(f"{STORE_NAME}.unreadable-*"))


def test_the_choice_is_written_out_not_only_shaded(store):
    view = article_widget(store)
    echoes = [w for w in view.questions.children if isinstance(w, widgets.HTML) and "Your choice" in w.value]
    assert len(echoes) == 3 and all("none yet" in e.value for e in echoes)
    view.choices["source"].value = "OUTLET"
    assert any("<b>OUTLET</b>" in e.value for e in echoes)


def test_controls_are_named_radio_groups_with_definitions(store):
    view = article_widget(store)
    assert all(isinstance(c, ChoiceGroup) for c in view.choices.values())
    assert [c.label for c in view.choices.values()] == ["Statement type", "Source", "Worth checking?"]
    assert all(c.question.endswith("?") for c in view.choices.values())  # the question is its description
    assert all(o["title"] for c in view.choices.values() for o in c.options)  # each label's definition
    assert "claimlab-quiz" in view._dom_classes  # the group marks this box so notebook shortcuts stay out
    for button in (view.check_button, view.previous_button, view.next_button, view.finish_button):
        assert isinstance(button, widgets.Button) and button.description and button.tooltip


def test_build_quiz_and_widget_share_the_model(store):
    model = build_quiz("warmup", ALL, notebook="nb", quiz_id="w", store=store)
    view = ClaimQuiz(model, title="Warm-up")
    assert view.quiz is model and "W01" in view.counter.value


def test_a_set_aside_store_warns_with_the_public_category(tmp_path):
    # Notebooks can filter it by the name the package root exports, or by ClaimlabWarning.
    (tmp_path / STORE_NAME).write_bytes(b"garbage" * 100)
    with pytest.warns(StoreWarning, match="could not be read") as caught:
        ProgressStore(tmp_path)
    assert all(issubclass(w.category, ClaimlabWarning) for w in caught)


def test_an_answer_box_shows_the_model_answer_only_after_an_answer_is_saved(store):
    from claimlab.widgets import answer_box

    box = answer_box("Predict: higher or lower?", "Lower, because chance agreement is high.",
                     notebook="nb", question_id="cyu-1", rubric=["Names chance agreement."], store=store)  # fmt: skip
    assert "Lower, because" not in box.answer.value
    box.save_button.click()  # nothing written yet
    assert "Write your answer first" in box.status.value and "Lower, because" not in box.answer.value
    box.text.value = "I think <b>lower</b>."
    box.save_button.click()
    assert "Lower, because" in box.answer.value and "Names chance agreement." in box.answer.value
    saved = [a for a in store.attempts() if a.kind == "response"]
    assert [(a.quiz, a.justification) for a in saved] == [("cyu-1", "I think <b>lower</b>.")]
    box.save_button.click()  # saving the same text again is not a new answer
    assert len([a for a in store.attempts() if a.kind == "response"]) == 1
    again = answer_box("Predict", "Lower, because chance agreement is high.", notebook="nb", question_id="cyu-1",
                       store=store)  # fmt: skip
    assert again.text.value == "I think <b>lower</b>." and "Lower, because" in again.answer.value
    assert "run" not in repr(again).lower() or "model answer" in repr(again)


def test_a_radio_groups_name_comes_from_the_codebook(store):
    # "Worth checking?" is the codebook's name with a question mark (its labels are YES and NO);
    # renaming the dimension in the codebook renames the group.
    from dataclasses import replace

    from claimlab import article_codebook

    codebook = article_codebook()
    renamed = replace(
        codebook, dimensions={**codebook.dimensions, "check_worthy": replace(codebook["check_worthy"], name="Check it")}
    )
    view = quiz(None, ALL, items=["S04"], notebook="nb", quiz_id="renamed", store=store, codebook=renamed)
    assert [c.label for c in view.choices.values()] == ["Statement type", "Source", "Check it?"]


def test_feedback_is_shown_in_one_update_before_the_answer_is_saved(store, monkeypatch):
    """Grade, show, then save: the status region changes once, and already holds the feedback when
    the store is written (so the learner never waits on the disk to read it)."""
    view = article_widget(store)
    choose(view, statement_type="QUOTE", source="STATE_MEDIA", check_worthy="YES")
    updates, seen_at_write = [], []
    view.feedback.observe(lambda change: updates.append(change["new"]), "value")
    record = store.record

    def record_after_feedback(**fields):
        seen_at_write.append(view.feedback.value)
        return record(**fields)

    monkeypatch.setattr(store, "record", record_after_feedback)
    view.check_button.click()
    assert len(updates) == 1 and updates[0].count("\u2714 Correct") == 2
    assert len(seen_at_write) == 3 and all("\u2714 Correct" in value for value in seen_at_write)
    assert [a.answer for a in store.attempts()] == ["QUOTE", "STATE_MEDIA", "YES"]
    assert view.quiz.latest("S04", "source").attempt == 1


def test_a_failed_save_is_said_beside_the_feedback_and_a_retry_saves(store, monkeypatch):
    view = article_widget(store)
    choose(view, statement_type="QUOTE", source="STATE_MEDIA", check_worthy="YES")
    record = store.record

    def disk_full(**fields):
        if fields["dimension"] == "source":
            raise OSError(28, "No space left on device")
        return record(**fields)

    monkeypatch.setattr(store, "record", disk_full)
    view.check_button.click()
    feedback = view.feedback.value
    assert "Source: your answer STATE_MEDIA could not be saved ([Errno 28] No space left on device)" in feedback
    assert "press Check again to retry" in feedback and "\u2718 Not quite" in feedback  # the grade is still shown
    assert view.quiz.latest("S04", "source") is None  # not remembered as answered, so Check tries again
    assert [a.dimension for a in store.attempts()] == ["statement_type", "check_worthy"]
    monkeypatch.setattr(store, "record", record)
    view.check_button.click()
    assert "could not be saved" not in view.feedback.value
    assert [a.dimension for a in store.attempts()] == ["statement_type", "check_worthy", "source"]
    assert view.quiz.latest("S04", "source").attempt == 1


def test_grading_alone_saves_and_remembers_nothing(store):
    graded_quiz = build_quiz(None, ALL, items=["S04"], notebook="nb", quiz_id="g", store=store)
    first = graded_quiz.grade("S04", "source", "OUTLET")
    again = graded_quiz.grade("S04", "source", "OUTLET")
    assert first == again and first.attempt == 1 and not first.correct and not first.revealed
    assert store.attempts() == [] and graded_quiz.latest("S04", "source") is None
    saved = graded_quiz.commit(first)
    assert saved == first and graded_quiz.latest("S04", "source") == first
    second = graded_quiz.grade("S04", "source", "OUTLET")
    assert second.attempt == 2 and second.revealed  # the second wrong try names the key
