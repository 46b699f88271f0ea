"""The codebook (claimlab.codebook): labels, confusions, dimensions, and the parties a bank names."""

from __future__ import annotations

from pathlib import Path

import pytest
from datafiles import assert_names, edit_csv, set_cell

from claimlab import (
    DataError,
    article_codebook,
    load_codebook,
)


def test_missing_codebook_folder(tmp_path):
    with pytest.raises(DataError, match="codebook folder not found"):
        load_codebook(tmp_path / "nowhere")


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
