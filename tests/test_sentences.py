"""The annotated sentences (claimlab.sentences): every label, column and contested row is checked,
and the table must still match the article's text."""

from __future__ import annotations

import pytest
from datafiles import assert_names, edit_csv, load_sentences_from, set_cell

from claimlab import (
    DataError,
    load_glossary,
    load_sentences,
    load_timeline,
    parse_competing_labels,
)


def test_real_data_loads_with_the_promised_shape():
    sentences = load_sentences()
    assert list(sentences.index) == [f"S{n:02d}" for n in range(1, 29)]
    assert sentences.loc[["S01", "S02"], "part"].tolist() == ["bullet", "bullet"]
    assert sentences.loc["S15", "part"] == "subhead"
    assert sentences.loc["S03", "part"] == "lede" and sentences.loc["S28", "part"] == "closing"
    assert sentences["contested"].dtype == bool
    assert len(load_timeline()) >= 20 and len(load_glossary()) >= 15


@pytest.mark.parametrize(
    ("column", "bad"),
    [("statement_type", "OPINION"), ("source", "STATE-MEDIA"), ("check_worthy", "yes"), ("source", "")],
)
def test_label_not_in_codebook(data_copy, column, bad):
    set_cell(data_copy / "sentences.csv", "S05", column, bad)
    with pytest.raises(DataError, match="is not a known") as caught:
        load_sentences_from(data_copy)
    assert_names(caught.value, "sentences.csv", column=column, row="S05")
    assert "expected one of" in str(caught.value)


def test_label_removed_from_codebook_invalidates_sentences(data_copy):
    def drop_fact(rows):
        rows[:] = [row for row in rows if row["label"] != "FACT"]
        for row in rows:
            if row["near_miss_label"] == "FACT":
                row["near_miss_label"] = "FRAMING" if row["label"] != "FRAMING" else "CONTEXT"

    edit_csv(data_copy / "codebook" / "labels.csv", drop_fact)
    edit_csv(
        data_copy / "codebook" / "confusions.csv",
        lambda rows: rows.__setitem__(slice(None), [r for r in rows if "FACT" not in (r["chosen"], r["correct"])]),
    )
    with pytest.raises(DataError, match="'FACT' is not a known statement_type label") as caught:
        load_sentences_from(data_copy)
    assert_names(caught.value, "sentences.csv", column="statement_type", row="S28")


@pytest.mark.parametrize(
    ("row", "column", "bad", "message"),
    [
        ("S12", "text", "   ", "is empty"),
        ("S11", "part", "headline", "not a known part"),
        ("S11", "paragraph", "four", "not a whole number"),
        ("S11", "verdict", "false", "not a known fact-check verdict"),
        ("S11", "verdict_sources", "www.example.org", "not a web address"),
        ("S11", "verdict_sources", "", "expected at least one source"),
        ("S11", "explain_source", "", "is empty"),
        ("S11", "check_rule", "CW9", "not a known check-worthiness rule"),
        ("S11", "check_rule", "CW6", "which gives NO, but the check_worthy key is YES"),
        ("S23", "competing_labels", "", "is empty; expected the competing labels"),  # a contested row
    ],
)
def test_a_bad_cell_names_its_row_and_column(data_copy, row, column, bad, message):
    set_cell(data_copy / "sentences.csv", row, column, bad)
    with pytest.raises(DataError, match=message) as caught:
        load_sentences_from(data_copy)
    assert_names(caught.value, "sentences.csv", column=column, row=row)


def test_not_checkable_rows_may_have_no_sources():
    sentences = load_sentences()
    assert sentences.loc["S28", "verdict"] == "not checkable"
    assert sentences.loc["S28", "verdict_sources"] == ""


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("statement_type=ATTRIBUTED", "fewer than two different"),
        ("statement_type=ATTRIBUTED|OPINION", "'OPINION' is not a statement_type label"),
        ("tone=ATTRIBUTED|FRAMING", "unknown dimension 'tone'"),
        ("statement_type ATTRIBUTED|FRAMING", "has no '='"),
        ("statement_type=QUOTE|FRAMING", "does not include the row's own statement_type label ATTRIBUTED"),
    ],
)
def test_malformed_competing_labels(data_copy, cell, message):
    set_cell(data_copy / "sentences.csv", "S23", "competing_labels", cell)
    with pytest.raises(DataError, match=message) as caught:
        load_sentences_from(data_copy)
    assert_names(caught.value, "sentences.csv", column="competing_labels", row="S23")


def test_contested_row_needs_the_separating_rule(data_copy):
    set_cell(data_copy / "sentences.csv", "S06", "contested_rule", "")
    with pytest.raises(DataError, match="the rule that separates") as caught:
        load_sentences_from(data_copy)
    assert_names(caught.value, "sentences.csv", column="contested_rule", row="S06")


def test_uncontested_row_with_competing_labels(data_copy):
    set_cell(data_copy / "sentences.csv", "S04", "competing_labels", "statement_type=QUOTE|ATTRIBUTED")
    with pytest.raises(DataError, match="'contested' is 'no'") as caught:
        load_sentences_from(data_copy)
    assert_names(caught.value, "sentences.csv", column="competing_labels", row="S04")


def test_parse_competing_labels():
    assert parse_competing_labels("statement_type=ATTRIBUTED|FRAMING; source=GOVERNMENT:CHINA | OUTLET") == {
        "statement_type": ("ATTRIBUTED", "FRAMING"),
        "source": ("GOVERNMENT:CHINA", "OUTLET"),
    }
    with pytest.raises(ValueError, match="named twice"):
        parse_competing_labels("source=A|B; source=C|D")


def test_changed_sentence_text_no_longer_matches(data_copy):
    path = data_copy / "sentences.csv"
    set_cell(path, "S24", "text", load_sentences().loc["S24", "text"].replace("on Wednesday", "on Tuesday"))
    with pytest.raises(DataError, match="no longer matches paragraph 19") as caught:
        load_sentences_from(data_copy)
    assert_names(caught.value, "sentences.csv", column="text", row="S24")
    assert "on Wednesday" in str(caught.value)


def test_second_sentence_of_a_paragraph_is_blamed(data_copy):
    path = data_copy / "sentences.csv"
    set_cell(path, "S05", "text", load_sentences().loc["S05", "text"].replace("Renmin", "Remnin"))
    with pytest.raises(DataError, match="no longer matches paragraph 4") as caught:
        load_sentences_from(data_copy)
    assert caught.value.row == "S05"


def test_article_edited_after_annotation(data_copy):
    path = data_copy / "article" / "article.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("two other", "three other"), encoding="utf-8")
    with pytest.raises(DataError, match="no longer matches paragraph 17") as caught:
        load_sentences_from(data_copy)
    assert caught.value.row == "S20"


def test_missing_sentence_row(data_copy):
    edit_csv(
        data_copy / "sentences.csv", lambda rows: rows.__setitem__(slice(None), [r for r in rows if r["id"] != "S19"])
    )
    with pytest.raises(DataError, match="no row covers paragraph 16") as caught:
        load_sentences_from(data_copy)
    assert_names(caught.value, "sentences.csv", column="paragraph")


def test_rows_out_of_article_order(data_copy):
    set_cell(data_copy / "sentences.csv", "S10", "paragraph", "2")
    with pytest.raises(DataError, match="goes back from paragraph 8 to 2") as caught:
        load_sentences_from(data_copy)
    assert caught.value.row == "S10"


def test_bullet_part_must_match_the_article(data_copy):
    set_cell(data_copy / "sentences.csv", "S02", "part", "lede")
    with pytest.raises(DataError, match="paragraph 2 is bullet") as caught:
        load_sentences_from(data_copy)
    assert_names(caught.value, "sentences.csv", column="part", row="S02")
