"""Exercise checks: right answers pass, usual mistakes get their own message, '...' is 'not answered'."""

from __future__ import annotations

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


def test_ex01():
    sentences = load_sentences()
    outlet = int((sentences["source"] == "OUTLET").sum())
    assert message("ex01", "q1", outlet)[0] is True
    assert "every sentence" in message("ex01", "q1", 28)[1]
    assert "GOVERNMENT:CHINA" in message("ex01", "q1", int((sentences["source"] == "GOVERNMENT:CHINA").sum()))[1]
    assert "one number" in message("ex01", "q1", sentences["source"] == "OUTLET")[1]
    assert message("ex01", "q2", sentences["source"].value_counts().index[1])[0] is True
    assert "most common" in message("ex01", "q2", "OUTLET")[1]
    assert "not a source label" in message("ex01", "q2", "XINHUA")[1]
    split = sentences["cue"].str.split(";").explode().str.strip()
    assert message("ex01", "q3", split[split != ""].value_counts())[0] is True
    assert "no cue" in message("ex01", "q3", split.value_counts())[1]
    assert "';'" in message("ex01", "q3", sentences["cue"][sentences["cue"] != ""].value_counts())[1]
    unstripped = sentences["cue"].str.split(";").explode()
    assert ".str.strip()" in message("ex01", "q3", unstripped[unstripped.str.strip() != ""].value_counts())[1]
    words = sentences["text"].str.split().str.len()
    china = sentences["source"].isin(["GOVERNMENT:CHINA", "STATE_MEDIA"])
    share = 100 * words[china].sum() / words.sum()
    assert message("ex01", "q4", round(share, 1))[0] is True
    assert "percentage" in message("ex01", "q4", share / 100)[1]
    assert "share of sentences" in message("ex01", "q4", round(100 * china.mean(), 1))[1]


def test_ex02():
    timeline = load_timeline()
    in_2023 = timeline[timeline["start"].dt.year == 2023]
    assert message("ex02", "q1", len(in_2023))[0] is True
    assert "every event" in message("ex02", "q1", len(timeline))[1]
    feb = int((in_2023["start"].dt.month == 2).sum())
    assert "February only" in message("ex02", "q1", feb)[1]
    tech = timeline[timeline["category"] == "US: tech restrictions"]
    assert message("ex02", "q2", tech.sort_values("start"))[0] is True
    assert "date order" in message("ex02", "q2", tech.sort_values("start", ascending=False))[1]
    assert "another category" in message("ex02", "q2", timeline.head(8))[1]
    assert message("ex02", "q3", 32)[0] is True
    assert "both end days" in message("ex02", "q3", 33)[1]
    month = in_2023["start"].dt.month_name().value_counts().index[0]
    assert message("ex02", "q4", month)[0] is True
    assert message("ex02", "q4", month.lower())[0] is True
    other = [m for m in in_2023["start"].dt.month_name().unique() if m != month][0]
    assert "not the most" in message("ex02", "q4", other)[1]


def test_ex03_gives_a_rule_without_the_key():
    bank = load_quiz_bank(EXERCISE_PARAGRAPH)
    key = bank["statement_type"].to_dict()
    assert message("ex03", "q1", key)[0] is True
    wrong = dict(key)
    first = bank.index[0]
    wrong[first] = "FRAMING" if key[first] != "FRAMING" else "FACT"
    passed, text = message("ex03", "q1", wrong)
    assert passed is False and first in text and "1 of" in text
    assert f"key is {key[first]}" not in text
    assert "missing" in message("ex03", "q1", {first: key[first]})[1]
    assert "not a statement_type label" in message("ex03", "q1", {**key, first: "OPINION"})[1]
    assert message("ex03", "q2", bank["source"].to_dict())[0] is True
    assert message("ex03", "q3", bank["check_worthy"].to_dict())[0] is True


def test_ex04_rewrites():
    assert message("ex04", "q1", "The US State Department describes the policy as an effort to build the world's most "
                                 "advanced military.")[0] is True  # fmt: skip
    assert "judges in its own voice: a drive to" in message("ex04", "q1", "This is a drive to build a modern army.")[1]
    # An evaluative word outside quotation marks fails even after a cue: the outlet adopts it.
    assert check("ex04", "q3", "Qin Gang said the US is wicked.").passed is False
    assert check("ex04", "q2", "China rejected Blinken's lies.").passed is False
    assert check("ex04", "q3", 'Qin Gang said the US "does not hit the brake" and warned of "conflict".').passed
    assert (
        "Attribute it" in message("ex04", "q1", "The policy aims to build the most advanced military in the world.")[1]
    )
    assert "proved Blinken wrong" in message("ex04", "q2", "China has refuted what Blinken said.")[1]
    assert message("ex04", "q2", "China has rejected Blinken's statements.")[0] is True
    assert "aggressive" in message("ex04", "q3", "Qin Gang issued an aggressive warning.")[1]
    assert "Qin Gang" in message("ex04", "q3", "The foreign minister warned of conflict.")[1]
    assert message("ex04", "q3", 'Qin Gang warned of "conflict and confrontation" if the US did not change course.')[0]
    assert "original sentence" in message("ex04", "q2", load_sentences().loc["S23", "text"])[1]


def test_ex05_by_hand():
    key, learner = example_pair()
    p_o, p_e = observed_agreement(key, learner), expected_agreement(key, learner)
    kappa = cohen_kappa(key, learner)
    assert message("ex05", "q1", round(p_o, 3))[0] is True
    assert "number of matches" in message("ex05", "q1", sum(a == b for a, b in zip(key, learner, strict=True)))[1]
    assert "percentage" in message("ex05", "q1", round(100 * p_o, 1))[1]
    assert message("ex05", "q2", round(p_e, 3))[0] is True
    n = len(key)
    assert "squared one rater" in message("ex05", "q2", sum((key.count(x) / n) ** 2 for x in set(key)))[1]
    assert message("ex05", "q3", round(kappa, 3))[0] is True
    assert "did not divide" in message("ex05", "q3", p_o - p_e)[1]
    assert message("ex05", "q4", interpret_kappa(kappa).split()[0])[0] is True
    assert message("ex05", "q4", "poor")[0] is False


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
