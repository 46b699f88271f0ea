"""Share of voice, cues and framing words, and the results of a learner against the key."""

from __future__ import annotations

import pytest

from claimlab import DataError, ProgressStore, build_quiz, load_sentences
from claimlab.analysis import (
    cue_table,
    describe_share_of_voice,
    find_phrases,
    framing_table,
    is_quoted,
    load_cues,
    share_of_voice,
)
from claimlab.results import agreement_by_dimension, answers_against_key, confusion_for, results_or_example


def test_share_of_voice_adds_up_and_groups_sides():
    sentences = load_sentences()
    table = share_of_voice(sentences)
    assert table["sentences"].sum() == 28
    assert table["words"].sum() == sentences["text"].str.split().str.len().sum()
    assert table["share_of_words_%"].sum() == pytest.approx(100, abs=0.2)
    china = sentences["source"].isin(["GOVERNMENT:CHINA", "STATE_MEDIA"]).sum()
    assert table.loc["Chinese government and state media", "sentences"] == china
    text = describe_share_of_voice(table)
    assert f"{china} sentences" in text and "13 sentences" in text and ".0 sentences" not in text


def test_find_phrases_prefers_the_longest_and_whole_words():
    assert find_phrases("He called for unity and called it urgent.", ["called", "called for"]) == [
        "called for",
        "called",
    ]
    assert find_phrases("The wanton act", ["wants"]) == []
    assert find_phrases("Aggressive, she said", ["aggressive"]) == ["aggressive"]


def test_quoted_words_belong_to_the_quoted_source():
    assert is_quoted('called it an "aggressive" plan', "aggressive")
    assert not is_quoted("issued an aggressive warning", "aggressive")
    table = framing_table(load_sentences())
    whose = dict(zip(table["id"] + ":" + table["phrase"], table["whose_word"], strict=True))
    assert whose["S13:aggressive"] == "quoted source" and whose["S24:aggressive"] == "the outlet"


def test_cue_table_marks_refuted_as_loaded_and_said_as_neutral():
    cues = cue_table(load_sentences())
    strength = {(row.id, row.cue): row.strength for row in cues.itertuples()}
    assert strength[("S23", "refuted")] == "loaded" and strength[("S04", "said")] == "neutral"
    assert ("S07", "called for") in strength and ("S07", "called") not in strength


def test_bad_lexicon_strength_is_named(tmp_path):
    path = tmp_path / "cues.csv"
    path.write_text("cue,strength,implies\nsaid,soft,nothing\n", encoding="utf-8")
    with pytest.raises(DataError, match="not a known cue strength") as caught:
        load_cues(path)
    assert caught.value.column == "strength" and caught.value.row == "said"


def test_results_fall_back_to_the_example_until_the_learner_answers(tmp_path):
    sentences = load_sentences()
    quiz = build_quiz(None, notebook="nb", quiz_id="final", store=ProgressStore(tmp_path))
    results, is_example = results_or_example(quiz, sentences)
    assert is_example and len(results) == len(quiz.graded_questions())
    quiz.answer("S17", "source", "GOVERNMENT:US")
    quiz.answer("S04", "source", "GOVERNMENT:CHINA")
    mine, is_example = results_or_example(quiz, sentences)
    assert not is_example and len(mine) == 2
    report = agreement_by_dimension(mine)
    assert report.loc["source", "answered"] == 2 and report.loc["source", "correct"] == 1
    matrix = confusion_for(mine, "source")
    assert matrix.loc["OUTLET", "GOVERNMENT:US"] == 1 and matrix.loc["GOVERNMENT:CHINA", "GOVERNMENT:CHINA"] == 1


def test_answers_against_key_skips_contested_questions():
    import pandas as pd

    answers = pd.DataFrame(
        [("S23", "statement_type", "FRAMING"), ("S23", "check_worthy", "YES")], columns=["item", "dimension", "answer"]
    )
    joined = answers_against_key(answers, load_sentences())
    assert list(joined["dimension"]) == ["check_worthy"]


def test_kappa_comes_with_a_caution_when_it_rests_on_too_little():
    from claimlab.results import kappa_caution

    assert "only 2 answers" in kappa_caution(["YES", "NO"])
    assert "kappa paradox" in kappa_caution(["YES"] * 23 + ["NO"])
    assert "cannot show agreement" in kappa_caution(["YES"] * 12)
    assert kappa_caution(["QUOTE", "FACT", "FRAMING", "CONTEXT", "ATTRIBUTED"] * 3) == ""
