"""Every validation rule of the loaders: each bad input gives a DataError naming file, row and column."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from claimlab import (
    DataError,
    article_codebook,
    load_article,
    load_codebook,
    load_glossary,
    load_sentences,
    load_timeline,
    parse_competing_labels,
)


def edit_csv(path: Path, change: Callable[[list[dict]], None], header: list[str] | None = None) -> None:
    """Read a copied CSV file, let ``change`` edit its rows in place, and write it back."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        rows = list(reader)
    change(rows)
    fields = header or fields
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fields, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({name: row.get(name, "") for name in fields})


def set_cell(path: Path, row_id: str, column: str, value: str, id_column: str = "id") -> None:
    def change(rows: list[dict]) -> None:
        matches = [row for row in rows if row[id_column] == row_id]
        assert matches, f"no row {row_id} in {path}"
        matches[0][column] = value

    edit_csv(path, change)


def load_sentences_from(data: Path):
    return load_sentences(
        data / "sentences.csv",
        codebook=load_codebook(data / "codebook"),
        article=load_article(data / "article" / "article.txt"),
    )


def assert_names(error: DataError, file: str, column: str | None = None, row: str | None = None) -> None:
    message = str(error)
    assert file in message, message
    if column is not None:
        assert error.column == column, message
        assert f"column '{column}'" in message, message
    if row is not None:
        assert error.row == row, message
        assert f"row {row}" in message, message


# --- the real data loads and has the promised shape ------------------------------------------


def test_real_data_loads_with_the_promised_shape():
    sentences = load_sentences()
    assert list(sentences.index) == [f"S{n:02d}" for n in range(1, 29)]
    assert sentences.loc[["S01", "S02"], "part"].tolist() == ["bullet", "bullet"]
    assert sentences.loc["S15", "part"] == "subhead"
    assert sentences.loc["S03", "part"] == "lede" and sentences.loc["S28", "part"] == "closing"
    assert sentences["contested"].dtype == bool
    assert len(load_timeline()) >= 20 and len(load_glossary()) >= 15


def test_a_data_error_is_still_caught_as_a_value_error(tmp_path):
    # Code written before ClaimlabError existed catches loaders' errors as ValueError.
    with pytest.raises(ValueError, match="absent.csv") as caught:
        load_timeline(tmp_path / "absent.csv")
    assert type(caught.value) is DataError


def test_error_paths_inside_the_project_are_shown_relative(tmp_path):
    with pytest.raises(DataError) as caught:
        load_timeline(tmp_path / "absent.csv")
    assert str(tmp_path) in str(caught.value)
    with pytest.raises(DataError) as caught:
        load_glossary(Path(__file__).resolve().parent.parent / "data" / "absent.csv")
    assert str(caught.value).startswith("data/absent.csv: ")


# --- missing files ---------------------------------------------------------------------------


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


def test_missing_codebook_folder(tmp_path):
    with pytest.raises(DataError, match="codebook folder not found"):
        load_codebook(tmp_path / "nowhere")


# --- columns ---------------------------------------------------------------------------------


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


# --- ids -------------------------------------------------------------------------------------


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


def test_duplicate_glossary_term(data_copy):
    path = data_copy / "glossary.csv"
    edit_csv(path, lambda rows: rows.append(dict(rows[0])))
    with pytest.raises(DataError, match="repeats") as caught:
        load_glossary(path)
    assert_names(caught.value, "glossary.csv", column="term")


# --- text and labels -------------------------------------------------------------------------


def test_empty_text(data_copy):
    set_cell(data_copy / "sentences.csv", "S12", "text", "   ")
    with pytest.raises(DataError, match="is empty") as caught:
        load_sentences_from(data_copy)
    assert_names(caught.value, "sentences.csv", column="text", row="S12")


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
    ("column", "bad", "message"),
    [
        ("part", "headline", "not a known part"),
        ("paragraph", "four", "not a whole number"),
        ("verdict", "false", "not a known fact-check verdict"),
        ("verdict_sources", "www.example.org", "not a web address"),
        ("verdict_sources", "", "expected at least one source"),
        ("explain_source", "", "is empty"),
        ("check_rule", "CW9", "not a known check-worthiness rule"),
        ("check_rule", "CW6", "which gives NO, but the check_worthy key is YES"),
    ],
)
def test_other_sentence_columns(data_copy, column, bad, message):
    set_cell(data_copy / "sentences.csv", "S11", column, bad)
    with pytest.raises(DataError, match=message) as caught:
        load_sentences_from(data_copy)
    assert_names(caught.value, "sentences.csv", column=column, row="S11")


def test_not_checkable_rows_may_have_no_sources():
    sentences = load_sentences()
    assert sentences.loc["S28", "verdict"] == "not checkable"
    assert sentences.loc["S28", "verdict_sources"] == ""


# --- contested rows --------------------------------------------------------------------------


def test_contested_row_without_competing_labels(data_copy):
    set_cell(data_copy / "sentences.csv", "S23", "competing_labels", "")
    with pytest.raises(DataError, match="is empty; expected the competing labels") as caught:
        load_sentences_from(data_copy)
    assert_names(caught.value, "sentences.csv", column="competing_labels", row="S23")


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


# --- the table must match the article --------------------------------------------------------


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


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["8 March 2023", "2023-02-30", "2023", ""])
def test_unparsable_date(data_copy, bad):
    path = data_copy / "timeline.csv"
    edit_csv(path, lambda rows: rows[2].__setitem__("date", bad))
    with pytest.raises(DataError, match="is not a date") as caught:
        load_timeline(path)
    assert_names(caught.value, "timeline.csv", column="date")
    assert caught.value.line == 4


def test_month_precision_dates_are_kept():
    timeline = load_timeline()
    october = timeline[timeline["date"] == "2017-10"].iloc[0]
    assert october["precision"] == "month"
    assert october["start"] == pd.Timestamp("2017-10-01")
    assert timeline["start"].is_monotonic_increasing


def test_timeline_empty_event(data_copy):
    path = data_copy / "timeline.csv"
    edit_csv(path, lambda rows: rows[0].__setitem__("event", ""))
    with pytest.raises(DataError, match="is empty") as caught:
        load_timeline(path)
    assert_names(caught.value, "timeline.csv", column="event")


# --- article metadata ------------------------------------------------------------------------


def test_metadata_missing_key(data_copy):
    path = data_copy / "article" / "metadata.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["byline_confirmed"]
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DataError, match="'byline_confirmed' is missing") as caught:
        load_article(data_copy / "article")
    assert_names(caught.value, "metadata.json", column="byline_confirmed")


def test_metadata_wrong_type(data_copy):
    path = data_copy / "article" / "metadata.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["date_confirmed"] = "no"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DataError, match="must be bool, not str") as caught:
        load_article(data_copy / "article")
    assert_names(caught.value, "metadata.json", column="date_confirmed")


def test_metadata_invalid_json(data_copy):
    path = data_copy / "article" / "metadata.json"
    path.write_text('{\n  "outlet": "Insider",\n}\n', encoding="utf-8")
    with pytest.raises(DataError, match="not valid JSON") as caught:
        load_article(data_copy / "article")
    assert caught.value.line in (2, 3)  # Python 3.13 reports the trailing comma itself


def test_empty_article(data_copy):
    (data_copy / "article" / "article.txt").write_text("\n\n", encoding="utf-8")
    with pytest.raises(DataError, match="has no text"):
        load_article(data_copy / "article")


# --- the codebook ----------------------------------------------------------------------------


def test_codebook_near_miss_label_must_be_another_label(data_copy):
    path = data_copy / "codebook" / "labels.csv"
    set_cell(path, "QUOTE", "near_miss_label", "QUOTE", id_column="label")
    with pytest.raises(DataError, match="is not a known other statement_type label") as caught:
        load_codebook(data_copy / "codebook")
    assert_names(caught.value, "labels.csv", column="near_miss_label")


def test_codebook_confusion_with_unknown_label(data_copy):
    path = data_copy / "codebook" / "confusions.csv"
    edit_csv(path, lambda rows: rows[0].__setitem__("chosen", "QUOTED"))
    with pytest.raises(DataError, match="'QUOTED' is not a known statement_type label") as caught:
        load_codebook(data_copy / "codebook")
    assert_names(caught.value, "confusions.csv", column="chosen")
    assert caught.value.line == 2


def test_codebook_confusion_between_a_label_and_itself(data_copy):
    path = data_copy / "codebook" / "confusions.csv"
    edit_csv(path, lambda rows: rows[0].__setitem__("correct", rows[0]["chosen"]))
    with pytest.raises(DataError, match="two different labels"):
        load_codebook(data_copy / "codebook")


def test_codebook_missing_dimension(data_copy):
    path = data_copy / "codebook" / "dimensions.csv"
    edit_csv(path, lambda rows: rows.__setitem__(slice(None), [r for r in rows if r["dimension"] != "source"]))
    with pytest.raises(DataError, match="the dimension\\(s\\) source are missing") as caught:
        load_codebook(data_copy / "codebook")
    assert_names(caught.value, "dimensions.csv", column="dimension")


def test_codebook_answers_questions():
    codebook = load_codebook()
    assert codebook.labels("statement_type") == ("QUOTE", "ATTRIBUTED", "FRAMING", "CONTEXT", "FACT")
    assert codebook.labels("check_worthy") == ("YES", "NO")
    assert "quotation" in codebook["statement_type"].label("QUOTE").definition.lower()
    feedback = codebook.confusion_feedback("source", "GOVERNMENT", "OUTLET")
    assert feedback and "Topic is not source" in feedback
    assert codebook.confusion_feedback("source", "OUTLET", "OUTLET") is None
    # The article's codebook splits GOVERNMENT into its two parties; confusions follow the kind.
    split = article_codebook()
    assert split.labels("source")[1:3] == ("GOVERNMENT:CHINA", "GOVERNMENT:US")
    assert split.confusion_feedback("source", "GOVERNMENT:CHINA", "OUTLET") == feedback
    assert "Right kind of source" in split.confusion_feedback("source", "GOVERNMENT:US", "GOVERNMENT:CHINA")
    assert split.kind("source", "GOVERNMENT:US") == "GOVERNMENT" and split.kind("source", "OUTLET") == "OUTLET"
    assert split.fit("source", "GOVERNMENT:US") == "GOVERNMENT:US"
    assert codebook.fit("source", "GOVERNMENT:US") == "GOVERNMENT"
    with pytest.raises(KeyError, match="no dimension 'tone'"):
        codebook["tone"]


# -- parties: a bank names the governments or bodies it tells apart -----------------------------


def write_bank_with_parties(folder: Path, parties: str) -> Path:
    """A copy of the warm-up bank whose W02 (a mayor) and W04 (a weather agency) use named parties."""
    from claimlab.paths import QUIZ_DIR

    bank = folder / "flood.csv"
    bank.write_text((QUIZ_DIR / "warmup.csv").read_text(encoding="utf-8"), encoding="utf-8")
    set_cell(bank, "W02", "source", "GOVERNMENT:CITY_COUNCIL")
    set_cell(bank, "W04", "source", "GOVERNMENT:WEATHER_AGENCY")
    (folder / "flood.parties.csv").write_text(parties, encoding="utf-8")
    return bank


GOOD_PARTIES = (
    "label,name,definition,aliases\n"
    "GOVERNMENT:CITY_COUNCIL,City council,The town's council and its mayor.,council; mayor\n"
    "GOVERNMENT:WEATHER_AGENCY,National weather agency,The country's weather service.,weather agency\n"
)


def test_a_bank_can_name_its_own_parties(tmp_path):
    from claimlab import build_quiz, load_quiz_bank

    bank = write_bank_with_parties(tmp_path, GOOD_PARTIES)
    frame = load_quiz_bank(bank)
    assert frame.loc["W02", "source"] == "GOVERNMENT:CITY_COUNCIL"
    quiz = build_quiz(bank, ("source",), items=["W02", "W04"])
    assert quiz.options("source") == (
        "OUTLET", "GOVERNMENT:CITY_COUNCIL", "GOVERNMENT:WEATHER_AGENCY", "STATE_MEDIA", "OTHER_MEDIA",
        "EXPERT_ORG", "PUBLIC_OTHER",
    )  # fmt: skip
    wrong = quiz.answer("W04", "source", "GOVERNMENT:CITY_COUNCIL")
    assert not wrong.correct and "Right kind of source" in wrong.reason
    assert quiz.answer("W04", "source", "GOVERNMENT:WEATHER_AGENCY").correct
    assert quiz.codebook.party("GOVERNMENT:CITY_COUNCIL").aliases == ("council", "mayor")


def test_a_plain_kind_is_not_a_label_once_the_bank_splits_it(tmp_path):
    from claimlab import load_quiz_bank

    bank = write_bank_with_parties(tmp_path, GOOD_PARTIES)
    set_cell(bank, "W04", "source", "GOVERNMENT")
    with pytest.raises(DataError) as error:
        load_quiz_bank(bank)
    assert_names(error.value, "flood.csv", column="source", row="W04")
    assert "GOVERNMENT:WEATHER_AGENCY" in str(error.value)


@pytest.mark.parametrize(
    ("line", "column", "message"),
    [
        ("CITY_COUNCIL,City council,The council.,", "label", "not of the form KIND:PARTY"),
        ("OUTLET:LOCAL,Local paper,The paper.,", "label", "not a source label that can be split"),
        ("GOVERNMENT:city,City council,The council.,", "label", "not of the form KIND:PARTY"),
        ("GOVERNMENT:CITY_COUNCIL,,The council.,", "name", "is empty"),
        ("GOVERNMENT:CITY_COUNCIL,City council,,", "definition", "is empty"),
    ],
)
def test_a_bad_parties_file_names_its_row_and_column(tmp_path, line, column, message):
    from claimlab import load_quiz_bank

    bank = write_bank_with_parties(tmp_path, "label,name,definition,aliases\n" + line + "\n")
    with pytest.raises(DataError, match=message) as error:
        load_quiz_bank(bank)
    assert_names(error.value, "flood.parties.csv", column=column)


def test_a_repeated_party_is_reported(tmp_path):
    from claimlab import load_quiz_bank

    line = "GOVERNMENT:CITY_COUNCIL,City council,The council.,\n"
    bank = write_bank_with_parties(tmp_path, "label,name,definition,aliases\n" + line + line)
    with pytest.raises(DataError) as error:
        load_quiz_bank(bank)
    assert_names(error.value, "flood.parties.csv", column="label")


# --- repeated rows ---------------------------------------------------------------------------


def test_timeline_repeated_event_names_both_lines(data_copy):
    path = data_copy / "timeline.csv"
    edit_csv(path, lambda rows: rows.append(dict(rows[2])))
    total = len(path.read_text(encoding="utf-8").splitlines())
    with pytest.raises(DataError, match="repeats line 4") as caught:
        load_timeline(path)
    assert_names(caught.value, "timeline.csv", column="event")
    assert caught.value.line == total and f"lines 4 and {total}" in caught.value.fix


def test_timeline_same_event_on_another_date_is_not_a_repeat(data_copy):
    path = data_copy / "timeline.csv"
    edit_csv(path, lambda rows: rows.append({**rows[2], "date": "2030-01-01"}))
    assert len(load_timeline(path)) == len(load_timeline()) + 1


def test_example_answers_repeated_question_names_both_lines(tmp_path):
    from claimlab.results import load_example_answers

    path = tmp_path / "example.csv"
    path.write_text(
        "item,dimension,answer\nS01,source,OUTLET\nS02,source,OUTLET\nS01,source,GOVERNMENT:CHINA\n", encoding="utf-8"
    )
    with pytest.raises(DataError, match="repeats line 2") as caught:
        load_example_answers(path)
    assert_names(caught.value, "example.csv", column="dimension")
    assert caught.value.line == 4
