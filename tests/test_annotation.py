"""The annotated data as a whole: the article is reproduced exactly, and the key is complete."""

from __future__ import annotations

import itertools
import re

import pytest

from claimlab import (
    article_codebook,
    load_article,
    load_codebook,
    load_glossary,
    load_sentences,
    load_timeline,
    parse_competing_labels,
)
from claimlab.article import BULLET_MARKER


def test_sentence_table_reproduces_the_article_byte_for_byte():
    # Rebuild the whole file from the table alone (bullet markers and line breaks included),
    # independently of the loader's own paragraph check.
    article = load_article()
    sentences = load_sentences()
    lines = []
    for _, group in sentences.groupby("paragraph", sort=True):
        text = " ".join(group["text"])
        lines.append(BULLET_MARKER + text if (group["part"] == "bullet").all() else text)
    assert "\n".join(lines) == article.text.rstrip("\n")


def test_ids_and_parts_follow_the_fact_base_numbering():
    sentences = load_sentences()
    assert list(sentences.index) == [f"S{n:02d}" for n in range(1, 29)]
    parts = sentences["part"].to_dict()
    assert {k for k, v in parts.items() if v == "bullet"} == {"S01", "S02"}
    assert {k for k, v in parts.items() if v == "subhead"} == {"S15"}
    assert sentences.loc["S15", "text"] == "Chinese tech companies are already under intense scrutiny in the US"


def test_every_label_is_from_the_codebook():
    codebook = article_codebook()
    sentences = load_sentences()
    for dimension in codebook.dimensions:
        assert set(sentences[dimension]) <= set(codebook.labels(dimension)), dimension


def test_contested_rows_carry_competing_labels_that_include_the_key():
    sentences = load_sentences()
    contested = sentences[sentences["contested"]]
    assert len(contested) >= 1
    for sentence_id, row in contested.iterrows():
        competing = parse_competing_labels(row["competing_labels"])
        assert competing, sentence_id
        for dimension, labels in competing.items():
            assert len(set(labels)) >= 2 and row[dimension] in labels, sentence_id
        assert row["contested_rule"], sentence_id
    assert (sentences.loc[~sentences["contested"], "competing_labels"] == "").all()


# The verdict tally at the end of shared/facts/sentences_factcheck.md (the project's fact base).
FACT_BASE_TALLY = {
    "confirmed": {"S04", "S08", "S17", "S18", "S22", "S25", "S26", "S27"},
    "qualified": {"S01", "S02", "S03", "S05", "S06", "S07", "S09", "S10", "S16", "S21", "S23"},
    "contradicted": {"S20", "S24"},
    "unconfirmed": {"S11", "S12", "S13", "S14"},
    "not checkable": {"S15", "S19", "S28"},
}


def test_verdicts_agree_with_the_fact_base():
    sentences = load_sentences()
    for verdict, ids in FACT_BASE_TALLY.items():
        assert set(sentences.index[sentences["verdict"] == verdict]) == ids, verdict


SENTENCE_END = re.compile(r"[.!?][\"')]?(?:\s+|$)")


DIMENSIONS = ("statement_type", "source", "check_worthy")


def _names(code: str, text: str) -> bool:
    """Whether ``text`` names the label ``code`` as a word of its own (GOVERNMENT, not GOVERNMENT:US)."""
    return re.search(rf"(?<![A-Z_:]){re.escape(code)}(?![A-Z_:])", text) is not None


def all_banks():
    """Every bank in data/ with its codebook: the article, the made-up banks and the transfer text."""
    from claimlab import load_quiz_bank
    from claimlab.paths import DATA_DIR

    yield "sentences", load_sentences()
    for path in sorted([*DATA_DIR.glob("quizzes/*.csv"), DATA_DIR / "byo" / "sample_article_key.csv",
                        *DATA_DIR.glob("transfer/round*.csv")]):  # fmt: skip
        if not path.name.endswith(".parties.csv"):
            yield path.stem, load_quiz_bank(path)


BANKS = list(all_banks())


@pytest.mark.parametrize(("bank", "frame"), BANKS, ids=[name for name, _ in BANKS])
def test_each_question_has_its_own_explanation_naming_only_its_own_answer(bank, frame):
    """Feedback on one question never gives away another's: each explanation names its own key and
    no other dimension's label (the article's codebook labels are distinct words across dimensions)."""
    codebook = article_codebook()
    others = {d: [code for other in DIMENSIONS if other != d for code in codebook.labels(other)] for d in DIMENSIONS}
    for item, row in frame.iterrows():
        competing = parse_competing_labels(row["competing_labels"]) if row["contested"] else {}
        for dimension in DIMENSIONS:
            text = row[f"explain_{dimension}"]
            assert 1 <= len(SENTENCE_END.findall(text)) <= 3, (bank, item, dimension)
            named = competing.get(dimension, (row[dimension],))
            assert any(code in text for code in named), (bank, item, dimension, "does not name its label")
            leaked = [code for code in others[dimension] if _names(code, text)]
            assert not leaked, (bank, item, dimension, leaked)


BANKS = list(all_banks())


@pytest.mark.parametrize(("bank", "frame"), BANKS, ids=[name for name, _ in BANKS])
def test_every_check_worthiness_key_cites_the_rule_that_decides_it(bank, frame):
    rules = article_codebook().check_rules
    for item, row in frame.iterrows():
        rule = rules[row["check_rule"]]
        contested = row["contested"] and "check_worthy" in parse_competing_labels(row["competing_labels"])
        if not contested:
            assert rule.label == row["check_worthy"], (bank, item, row["check_rule"], row["check_worthy"])
        assert row["check_rule"] in row["explain_check_worthy"] or contested, (bank, item)


def test_codebook_is_complete():
    codebook = load_codebook()
    for dimension in codebook.dimensions.values():
        assert dimension.question and dimension.definition
        for label in dimension.labels:
            for field in ("name", "definition", "decision_rule", "example", "near_miss", "near_miss_why"):
                assert getattr(label, field).strip(), (label.code, field)
            assert label.near_miss_label in dimension.codes and label.near_miss_label != label.code
    # every statement-type and check-worthiness confusion has its own feedback
    for dim in ("statement_type", "check_worthy"):
        for chosen, correct in itertools.permutations(codebook.labels(dim), 2):
            assert codebook.confusion_feedback(dim, chosen, correct), (dim, chosen, correct)
    # "topic is not source": every source label confused with OUTLET has feedback, both ways
    for other in codebook.labels("source"):
        if other != "OUTLET":
            assert codebook.confusion_feedback("source", other, "OUTLET")
            assert codebook.confusion_feedback("source", "OUTLET", other)


def test_codebook_examples_are_not_from_the_article():
    article_text = load_article().text.lower()
    codebook = article_codebook()
    for dimension in codebook.dimensions.values():
        for label in dimension.labels:
            for sentence in (label.example, label.near_miss):
                assert sentence.lower().strip('"') not in article_text
                assert "xi jinping" not in sentence.lower()


def test_timeline_and_glossary_cover_the_context():
    timeline = load_timeline()
    assert len(timeline) >= 20
    assert timeline["start"].dt.year.min() == 2015 and timeline["start"].dt.year.max() == 2023
    for date in ("2023-02-04", "2023-03-07", "2023-03-08"):
        assert date in set(timeline["date"]), date
    glossary = load_glossary()
    assert len(glossary) >= 15
    assert any(term.startswith("Military-civil fusion") for term in glossary.index)


def test_every_cue_appears_in_its_sentence():
    sentences = load_sentences()
    for sentence_id, row in sentences.iterrows():
        for cue in filter(None, (part.strip() for part in row["cue"].split(";"))):
            assert cue.lower() in row["text"].lower(), (sentence_id, cue)


def test_no_confusion_text_names_the_answer_it_corrects():
    """A first wrong answer shows the confusion text: it teaches the rule, it must not hand over the key
    (neither the correct label's code nor its name)."""
    codebook = load_codebook()
    for (dimension, chosen, correct), text in codebook.confusions.items():
        if chosen == correct:
            continue  # "right kind, wrong party" names no party
        label = codebook[dimension].label(correct)
        assert not _names(correct, text), (dimension, chosen, correct)
        assert label.name.lower() not in text.lower(), (dimension, chosen, correct, label.name)
