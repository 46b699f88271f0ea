"""The strict CSV reader that every loader builds on (claimlab.tables): a bad file gives a DataError
naming its file, line, row and column, and how to fix it. Also the shared whole-word matcher."""

from __future__ import annotations

import csv

import pytest
from datafiles import assert_names, edit_csv, load_sentences_from, set_cell

from claimlab import (
    DataError,
    load_article,
    load_codebook,
    load_glossary,
    load_timeline,
)
from claimlab.tables import word_pattern


@pytest.mark.parametrize(
    ("loader", "relative"),
    [
        (lambda d: load_article(d / "article" / "article.txt"), "article/article.txt"),
        (lambda d: load_article(d / "article" / "article.txt"), "article/metadata.json"),
        (lambda d: load_codebook(d / "codebook"), "codebook/labels.csv"),
        (load_sentences_from, "sentences.csv"),
        (lambda d: load_timeline(d / "timeline.csv"), "timeline.csv"),
        (lambda d: load_glossary(d / "glossary.csv"), "glossary.csv"),
    ],
)
def test_missing_file_is_named(data_copy, loader, relative):
    (data_copy / relative).unlink()
    with pytest.raises(DataError, match="not found") as caught:
        loader(data_copy)
    assert_names(caught.value, relative.split("/")[-1])
    assert "git checkout" in str(caught.value)


def test_missing_column(data_copy):
    path = data_copy / "sentences.csv"
    header = [c for c in csv.DictReader(path.open(encoding="utf-8")).fieldnames if c != "source"]
    edit_csv(path, lambda rows: None, header=header)
    with pytest.raises(DataError, match="lacks the column") as caught:
        load_sentences_from(data_copy)
    assert_names(caught.value, "sentences.csv", column="source")
    assert caught.value.line == 1


def test_unexpected_column(data_copy):
    path = data_copy / "glossary.csv"
    edit_csv(path, lambda rows: None, header=["term", "definition", "source_url", "notes"])
    with pytest.raises(DataError, match="unexpected column") as caught:
        load_glossary(path)
    assert_names(caught.value, "glossary.csv", column="notes")


def test_row_with_too_many_cells_names_its_line(data_copy):
    path = data_copy / "timeline.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3] + ",extra"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match="cells but the header has") as caught:
        load_timeline(path)
    assert caught.value.line == 4 and "line 4" in str(caught.value)


def test_unclosed_quotation_mark_is_reported(data_copy):
    path = data_copy / "glossary.csv"
    path.write_text('term,definition,source_url\n"Broken,term,https://example.org\n', encoding="utf-8")
    with pytest.raises(DataError, match="not valid CSV|cells but the header") as caught:
        load_glossary(path)
    assert "glossary.csv" in str(caught.value)


def test_file_that_is_not_utf8(data_copy):
    path = data_copy / "glossary.csv"
    path.write_bytes("term,definition,source_url\nCaf\xe9,x,https://example.org\n".encode("latin-1"))
    with pytest.raises(DataError, match="not UTF-8") as caught:
        load_glossary(path)
    assert caught.value.line == 2 and "Save the file with UTF-8" in str(caught.value)


def test_header_only_file(data_copy):
    path = data_copy / "timeline.csv"
    path.write_text("date,event,actor,category,source_url\n", encoding="utf-8")
    with pytest.raises(DataError, match="no data rows"):
        load_timeline(path)


def test_empty_id(data_copy):
    set_cell(data_copy / "sentences.csv", "S07", "id", "")
    with pytest.raises(DataError, match="id is empty") as caught:
        load_sentences_from(data_copy)
    assert_names(caught.value, "sentences.csv", column="id")
    assert caught.value.line == 8


def test_duplicate_id(data_copy):
    set_cell(data_copy / "sentences.csv", "S08", "id", "S07")
    with pytest.raises(DataError, match="repeats the id of line 8") as caught:
        load_sentences_from(data_copy)
    assert_names(caught.value, "sentences.csv", column="id", row="S07")


# --- the shared whole-word matcher ------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "text", "options", "found"),
    [
        ("China", "China said", {}, True),
        ("China", "Chinatown said", {}, False),  # part of a longer word
        ("China", "an anti-China bill", {}, True),  # a hyphen is a boundary by default ...
        ("China", "an anti-China bill", {"before": "-"}, False),  # ... unless it joins words here
        ("called for", "she Called For talks", {}, True),  # case is ignored ...
        ("US", "told us", {}, False),  # ... except for an all-capital abbreviation
        ("US", "the US said", {}, True),
        ("U.S.", "the U.S. said", {}, True),
        ("S.", "the U.S. said", {"before": "."}, False),
        ("former", "a former's view", {"after": "'"}, False),
        ("Xi", "xi said", {"ignore_case": False}, False),
        ("a+b", "a+b is not a regex", {}, True),  # the phrase is text, never a pattern
    ],
)
def test_word_pattern_matches_whole_words_only(phrase, text, options, found):
    assert bool(word_pattern(phrase, **options).search(text)) is found
