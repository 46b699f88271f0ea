"""Drive the quiz widget as a learner would: set a value, press a button, read the HTML feedback."""

from __future__ import annotations

import csv
from pathlib import Path

import ipywidgets as widgets
import pytest

from claimlab import ClaimQuiz, ProgressStore, StoreWarning, build_quiz, quiz
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
    assert "the key is CHINA_GOV" in feedback
    assert "About this sentence:" in feedback
    assert 'role="status"' in feedback
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
    choose(view, statement_type="ATTRIBUTED", source="CHINA_GOV", check_worthy="YES")
    view.check_button.click()
    view.check_button.click()  # no change: no new attempt
    assert view.quiz.latest("S04", "statement_type").attempt == 1
    choose(view, statement_type="QUOTE")
    view.check_button.click()
    assert view.quiz.latest("S04", "statement_type").attempt == 2
    assert "(attempt 2)" in view.feedback.value and "3 of 7 answered, 3 correct" in view.progress_text.value


def test_navigation_and_context(store):
    view = article_widget(store)
    assert view.previous_button.disabled and not view.next_button.disabled
    view.next_button.click()
    assert "S23" in view.counter.value
    view.context_toggle.value = True
    assert "<b>China has refuted Blinken&#x27;s statements.</b>" in view.context.value
    assert "Secretary of State Antony Blinken later said" in view.context.value
    view.next_button.click()
    assert "S28" in view.counter.value and view.next_button.disabled
    assert view.context.value == ""
    view.previous_button.click()
    assert "S23" in view.counter.value


def test_discussion_card_takes_a_justification(store):
    view = article_widget(store, items=["S23"])
    card_text = " ".join(w.value for w in view.questions.children if isinstance(w, widgets.HTML))
    assert "discussion card" in card_text and "ATTRIBUTED or FRAMING" in card_text
    assert "What separates them" in card_text
    assert view.choices["statement_type"].options == (
        ("ATTRIBUTED \u2013 Attributed claim", "ATTRIBUTED"),
        ("FRAMING \u2013 Framing", "FRAMING"),
    )
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
    choose(view, statement_type="ATTRIBUTED", source="CHINA_GOV", check_worthy="YES")
    view.check_button.click()
    assert "Correct" not in view.feedback.value and "Not quite" not in view.feedback.value
    assert "answer ATTRIBUTED saved" in view.feedback.value
    assert view.choices["statement_type"].disabled
    assert view.summary.value == ""
    view.finish_button.click()
    summary = view.summary.value
    assert "1 of 2 correct" not in summary and "3 of 6 answered, 2 correct" in summary
    assert "\u2718 Not quite" in summary and "not answered" in summary


def test_practice_hides_the_finish_button(store):
    assert article_widget(store).finish_button.layout.display == "none"


def test_a_new_widget_restores_answers_and_score(store):
    view = article_widget(store)
    choose(view, statement_type="QUOTE", source="CHINA_GOV", check_worthy="NO")
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
        "explanation": "Explained <img src=x onerror=alert(1)>",
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
    choose(view, statement_type="QUOTE", source="CHINA_GOV", check_worthy="YES")
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


def test_controls_are_keyboard_operable_native_widgets(store):
    view = article_widget(store)
    assert all(isinstance(c, widgets.ToggleButtons) for c in view.choices.values())
    assert all(len(c.tooltips) == len(c.options) for c in view.choices.values())
    for button in (view.check_button, view.previous_button, view.next_button, view.finish_button):
        assert isinstance(button, widgets.Button) and button.description and button.tooltip


def test_build_quiz_and_widget_share_the_model(store):
    model = build_quiz("warmup", ALL, notebook="nb", quiz_id="w", store=store)
    view = ClaimQuiz(model, title="Warm-up")
    assert view.quiz is model and "W01" in view.counter.value


def test_warning_category_is_public():
    assert issubclass(StoreWarning, UserWarning)
    assert Path(STORE_NAME).suffix == ".sqlite3"
