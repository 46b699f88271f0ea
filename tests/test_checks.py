"""Exercise checks: right answers pass, usual mistakes get their own message, '...' is 'not answered'."""

from __future__ import annotations

import functools

import pytest

from claimlab import load_quiz_bank, load_sentences, load_timeline
from claimlab.checks import _REGISTRY, EXERCISE_PARAGRAPH, check, example_pair
from claimlab.stats import cohen_kappa, expected_agreement, interpret_kappa, observed_agreement


def message(exercise, question, answer) -> tuple[bool | None, str]:
    feedback = check(exercise, question, answer)
    return feedback.passed, feedback.message


@pytest.mark.parametrize(("exercise", "question"), sorted(_REGISTRY))
def test_every_check_says_not_answered_for_ellipsis(exercise, question):
    feedback = check(exercise, question, ...)
    assert feedback.passed is None and "Replace the ..." in feedback.message
    assert repr(feedback).startswith(f"{exercise} {question}: \u2026 Not answered yet")


def test_unknown_check_lists_the_known_ones():
    with pytest.raises(KeyError, match="ex01 q1"):
        check("ex09", "q1", 1)


# Each case: the exercise and question, a function giving the learner's answer (computed from the
# data, so a changed key changes the expected answer), and True (passes), False (fails) or the words
# that the message for that specific mistake must contain (and it must fail).


@functools.cache
def sentences():
    return load_sentences()


@functools.cache
def timeline():
    return load_timeline()


def in_2023():
    return timeline()[timeline()["start"].dt.year == 2023]


def cues(strip=True, drop_empty=True):
    split = sentences()["cue"].str.split(";").explode()
    split = split.str.strip() if strip else split
    return split[split.str.strip() != ""] if drop_empty else split


def share_of_words():
    words = sentences()["text"].str.split().str.len()
    china = sentences()["source"].isin(["GOVERNMENT:CHINA", "STATE_MEDIA"])
    return 100 * words[china].sum() / words.sum()


def top_month():
    return in_2023()["start"].dt.month_name().value_counts().index[0]


def tech_events():
    return timeline()[timeline()["category"] == "US: tech restrictions"]


def agreement():
    key, learner = example_pair()
    return key, learner, observed_agreement(key, learner), expected_agreement(key, learner), cohen_kappa(key, learner)


CASES = [
    # ex01: counting sources and cues
    pytest.param("ex01", "q1", lambda: int((sentences()["source"] == "OUTLET").sum()), True, id="ex01-q1-right"),
    pytest.param("ex01", "q1", lambda: 28, "every sentence", id="ex01-q1-counted-every-sentence"),
    pytest.param("ex01", "q1", lambda: int((sentences()["source"] == "GOVERNMENT:CHINA").sum()), "GOVERNMENT:CHINA",
                 id="ex01-q1-counted-another-label"),
    pytest.param("ex01", "q1", lambda: sentences()["source"] == "OUTLET", "one number", id="ex01-q1-gave-a-column"),
    pytest.param("ex01", "q2", lambda: sentences()["source"].value_counts().index[1], True, id="ex01-q2-right"),
    pytest.param("ex01", "q2", lambda: "OUTLET", "most common", id="ex01-q2-gave-the-most-common"),
    pytest.param("ex01", "q2", lambda: "XINHUA", "not a source label", id="ex01-q2-not-a-label"),
    pytest.param("ex01", "q3", lambda: cues().value_counts(), True, id="ex01-q3-right"),
    pytest.param("ex01", "q3", lambda: cues(drop_empty=False).value_counts(), "no cue", id="ex01-q3-kept-empty-cues"),
    pytest.param("ex01", "q3", lambda: sentences()["cue"][sentences()["cue"] != ""].value_counts(), "';'",
                 id="ex01-q3-did-not-split"),
    pytest.param("ex01", "q3", lambda: cues(strip=False).value_counts(), ".str.strip()", id="ex01-q3-did-not-strip"),
    pytest.param("ex01", "q4", lambda: round(share_of_words(), 1), True, id="ex01-q4-right"),
    pytest.param("ex01", "q4", lambda: share_of_words() / 100, "percentage", id="ex01-q4-a-fraction"),
    pytest.param(
        "ex01", "q4",
        lambda: round(100 * sentences()["source"].isin(["GOVERNMENT:CHINA", "STATE_MEDIA"]).mean(), 1),
        "share of sentences", id="ex01-q4-counted-sentences-not-words",
    ),
    # ex02: the timeline
    pytest.param("ex02", "q1", lambda: len(in_2023()), True, id="ex02-q1-right"),
    pytest.param("ex02", "q1", lambda: len(timeline()), "every event", id="ex02-q1-counted-every-year"),
    pytest.param("ex02", "q1", lambda: int((in_2023()["start"].dt.month == 2).sum()), "February only",
                 id="ex02-q1-counted-one-month"),
    pytest.param("ex02", "q2", lambda: tech_events().sort_values("start"), True, id="ex02-q2-right"),
    pytest.param("ex02", "q2", lambda: tech_events().sort_values("start", ascending=False), "date order",
                 id="ex02-q2-newest-first"),
    pytest.param("ex02", "q2", lambda: timeline().head(8), "another category", id="ex02-q2-wrong-category"),
    pytest.param("ex02", "q3", lambda: 32, True, id="ex02-q3-right"),
    pytest.param("ex02", "q3", lambda: 33, "both end days", id="ex02-q3-counted-both-ends"),
    pytest.param("ex02", "q4", top_month, True, id="ex02-q4-right"),
    pytest.param("ex02", "q4", lambda: top_month().lower(), True, id="ex02-q4-any-case"),
    pytest.param(
        "ex02", "q4", lambda: next(m for m in in_2023()["start"].dt.month_name().unique() if m != top_month()),
        "not the most", id="ex02-q4-another-month",
    ),
    # ex03: labelling a paragraph (the rule-without-key case has its own test below)
    pytest.param("ex03", "q1", lambda: load_quiz_bank(EXERCISE_PARAGRAPH)["statement_type"].to_dict(), True,
                 id="ex03-q1-right"),
    pytest.param("ex03", "q2", lambda: load_quiz_bank(EXERCISE_PARAGRAPH)["source"].to_dict(), True,
                 id="ex03-q2-right"),
    pytest.param("ex03", "q3", lambda: load_quiz_bank(EXERCISE_PARAGRAPH)["check_worthy"].to_dict(), True,
                 id="ex03-q3-right"),
    # ex04: neutral rewrites
    pytest.param("ex04", "q1", lambda: "The US State Department describes the policy as an effort to build the "
                 "world's most advanced military.", True, id="ex04-q1-right"),
    pytest.param("ex04", "q1", lambda: "This is a drive to build a modern army.", "judges in its own voice: a drive to",
                 id="ex04-q1-kept-the-judgement"),
    pytest.param("ex04", "q1", lambda: "The policy aims to build the most advanced military in the world.",
                 "Attribute it", id="ex04-q1-unattributed"),
    pytest.param("ex04", "q2", lambda: "China has rejected Blinken's statements.", True, id="ex04-q2-right"),
    pytest.param("ex04", "q2", lambda: "China rejected Blinken's lies.", False, id="ex04-q2-evaluative-word"),
    pytest.param("ex04", "q2", lambda: "China has refuted what Blinken said.", "proved Blinken wrong",
                 id="ex04-q2-refuted-is-loaded"),
    pytest.param("ex04", "q2", lambda: sentences().loc["S23", "text"], "original sentence",
                 id="ex04-q2-unchanged"),
    pytest.param("ex04", "q3", lambda: 'Qin Gang said the US "does not hit the brake" and warned of "conflict".',
                 True, id="ex04-q3-right-quoting"),
    pytest.param("ex04", "q3", lambda: 'Qin Gang warned of "conflict and confrontation" if the US did not change '
                 "course.", True, id="ex04-q3-right-paraphrase"),
    # An evaluative word outside quotation marks fails even after a cue: the outlet adopts it.
    pytest.param("ex04", "q3", lambda: "Qin Gang said the US is wicked.", False, id="ex04-q3-evaluative-after-a-cue"),
    pytest.param("ex04", "q3", lambda: "Qin Gang issued an aggressive warning.", "aggressive",
                 id="ex04-q3-loaded-adjective"),
    pytest.param("ex04", "q3", lambda: "The foreign minister warned of conflict.", "Qin Gang", id="ex04-q3-unnamed"),
    # ex05: Cohen's kappa by hand
    pytest.param("ex05", "q1", lambda: round(agreement()[2], 3), True, id="ex05-q1-right"),
    pytest.param("ex05", "q1", lambda: sum(a == b for a, b in zip(*agreement()[:2], strict=True)), "number of matches",
                 id="ex05-q1-count-not-share"),
    pytest.param("ex05", "q1", lambda: round(100 * agreement()[2], 1), "percentage", id="ex05-q1-percentage"),
    pytest.param("ex05", "q2", lambda: round(agreement()[3], 3), True, id="ex05-q2-right"),
    pytest.param(
        "ex05", "q2", lambda: sum((agreement()[0].count(x) / len(agreement()[0])) ** 2 for x in set(agreement()[0])),
        "squared one rater", id="ex05-q2-one-rater-squared",
    ),
    pytest.param("ex05", "q3", lambda: round(agreement()[4], 3), True, id="ex05-q3-right"),
    pytest.param("ex05", "q3", lambda: agreement()[2] - agreement()[3], "did not divide", id="ex05-q3-not-divided"),
    pytest.param("ex05", "q4", lambda: interpret_kappa(agreement()[4]).split()[0], True, id="ex05-q4-right"),
    pytest.param("ex05", "q4", lambda: "poor", False, id="ex05-q4-wrong-band"),
]  # fmt: skip


@pytest.mark.parametrize(("exercise", "question", "answer", "expected"), CASES)
def test_exercise_check(exercise, question, answer, expected):
    feedback = check(exercise, question, answer())
    if expected is True:
        assert feedback.passed is True, feedback.message
    else:
        assert feedback.passed is False, feedback.message
        if isinstance(expected, str):
            assert expected in feedback.message


def test_ex03_gives_a_rule_without_the_key():
    bank = load_quiz_bank(EXERCISE_PARAGRAPH)
    key = bank["statement_type"].to_dict()
    wrong = dict(key)
    first = bank.index[0]
    wrong[first] = "FRAMING" if key[first] != "FRAMING" else "FACT"
    passed, text = message("ex03", "q1", wrong)
    assert passed is False and first in text and "1 of" in text
    assert f"key is {key[first]}" not in text
    assert "missing" in message("ex03", "q1", {first: key[first]})[1]
    assert "not a statement_type label" in message("ex03", "q1", {**key, first: "OPINION"})[1]


def test_feedback_html_is_escaped():
    feedback = check("ex01", "q2", "<b>X</b>")
    assert "<b>X</b>" not in feedback._repr_html_() and "&lt;b&gt;" in feedback._repr_html_()


def test_checks_follow_the_data_not_constants(tmp_path, monkeypatch):
    # If the key changed, the expected answer would change with it.
    sentences = load_sentences()
    altered = sentences.copy()
    altered.loc["S17", "source"] = "GOVERNMENT:US"
    # The change must move the count, or the test would prove nothing.
    assert (altered["source"] == "OUTLET").sum() != (sentences["source"] == "OUTLET").sum()
    monkeypatch.setattr("claimlab.checks._sentences", lambda: altered)
    assert check("ex01", "q1", int((sentences["source"] == "OUTLET").sum())).passed is False
    assert check("ex01", "q1", int((altered["source"] == "OUTLET").sum())).passed is True


def test_pandas_and_numpy_numbers_are_accepted():
    import numpy as np

    sentences = load_sentences()
    assert check("ex01", "q1", (sentences["source"] == "OUTLET").sum()).passed is True
    assert check("ex01", "q1", np.float64((sentences["source"] == "OUTLET").sum())).passed is True
    assert "one number" not in check("ex01", "q1", np.int64(1)).message
    assert check("ex01", "q1", True).passed is False


def test_ex04_attribution_needs_whole_words_and_accepts_common_verbs():
    assert check("ex04", "q1", "This is a drive to build an army, because it said so.").passed is False
    assert check("ex04", "q1", "US officials say the policy aims to build the most advanced military.").passed is True
    assert check("ex04", "q1", "Washington has argued that the policy is meant to build a top military.").passed is True


def test_ex05_band_needs_a_whole_word():
    assert check("ex05", "q4", "s").passed is False
