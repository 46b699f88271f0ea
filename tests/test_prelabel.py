"""Bring your own article: segmentation, suggestions, the round trip to a quiz, and clear errors."""

from __future__ import annotations

import pytest

from claimlab import DataError, ProgressStore, article_codebook, load_article, load_quiz_bank, load_sentences, quiz
from claimlab.paths import DATA_DIR
from claimlab.prelabel import (
    ArticleTextError,
    draft_bank,
    evaluate_prelabels,
    precision_recall,
    prelabel,
    read_article_file,
    save_quiz_bank,
    split_article,
)
from claimlab.review import ReviewEditor
from claimlab.rules import find_attribution, quoted_share

SAMPLE = DATA_DIR / "byo" / "sample_article.txt"


def test_the_seed_article_splits_into_exactly_its_28_sentences():
    split = split_article(load_article().text)
    key = load_sentences()
    assert list(split.index) == list(key.index)
    assert list(split["text"]) == list(key["text"])
    assert list(split["part"]) == list(key["part"])
    assert list(split["paragraph"]) == list(key["paragraph"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.S. and China met in Washington, D.C. on Feb. 3. Dr. Smith said it went well.",
         ["The U.S. and China met in Washington, D.C. on Feb. 3.", "Dr. Smith said it went well."]),
        ('"We will win. They will lose," he said. Then he left.',
         ['"We will win. They will lose," he said.', "Then he left."]),
        ("He arrived at 5 p.m. on Monday. The meeting began.",
         ["He arrived at 5 p.m. on Monday.", "The meeting began."]),
    ],
)  # fmt: skip
def test_tricky_boundaries(text, expected):
    assert list(split_article(text)["text"]) == expected


def test_bullets_subheads_lede_and_closing_are_items_of_their_own():
    split = split_article(read_article_file(SAMPLE))
    assert list(split["part"][:3]) == ["bullet", "bullet", "lede"]
    assert split.loc["S08", "part"] == "subhead" and split.loc["S08", "text"] == "Residents are divided"
    assert split.iloc[-1]["part"] == "closing"
    assert split.loc["S01", "text"].startswith("Harbourton's")  # the bullet marker is removed
    assert split.loc["S04", "paragraph"] == split.loc["S05", "paragraph"] == 4


@pytest.mark.parametrize("text", ["", "   \n\n  ", "Harbourton\n2026\n---", "1 2 3 4"])
def test_empty_or_sentence_less_text_is_refused(text):
    with pytest.raises(ArticleTextError):
        split_article(text)


def test_unreadable_encoding_names_the_file_and_the_fix(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\xe9 owners said it was good.\n".encode("latin-1"))
    with pytest.raises(DataError, match="cannot be read as UTF-8") as caught:
        read_article_file(path)
    assert "latin.txt" in str(caught.value) and "save it as UTF-8" in str(caught.value) and caught.value.line == 1


def test_utf16_and_bom_files_are_read(tmp_path):
    text = "The bridge reopened on Monday.\n"
    (tmp_path / "a.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "b.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert read_article_file(tmp_path / "a.txt") == text == read_article_file(tmp_path / "b.txt")
    with pytest.raises(DataError, match="not found"):
        read_article_file(tmp_path / "missing.txt")


def test_quotation_and_cue_detection():
    assert quoted_share('"We will win," he said.') > 0.5
    assert quoted_share('He called it "urgent" and left early.') < 0.5
    assert find_attribution("The council will publish it by Feb. 28, a spokesperson said.").speaker == "a spokesperson"
    assert find_attribution('"It is safe," said Dr. Amara Liu, the engineer.').speaker == "Dr. Amara Liu, the engineer"
    assert find_attribution("He was there, per state media outlet Xinhua.").speaker == "state media outlet Xinhua"
    assert find_attribution('"We won," he said.').speaker == "he"


def test_suggestions_carry_reasons_and_follow_the_pronoun():
    split = split_article('Xi spoke on Monday. "We must unite," he said. The sky is blue.')
    suggested = prelabel(split)
    assert suggested.loc["S02", "suggested_statement_type"] == "QUOTE"
    assert suggested.loc["S02", "suggested_source"] == "GOVERNMENT"  # "he" is Xi, whom S01 introduced
    assert "exact words in quotation marks" in suggested.loc["S02", "reasons"]
    assert all(suggested["reasons"].str.contains("check-worthy"))


def test_relayed_quotes_belong_to_the_speaker():
    suggested = prelabel(split_article(load_article().text), codebook=article_codebook())
    assert suggested.loc["S27", "suggested_source"] == "GOVERNMENT:CHINA"  # "he said, per ... Xinhua"
    assert suggested.loc["S05", "suggested_source"] == "STATE_MEDIA"  # a plain fact "per" a medium


# The levels measured on the seed article when the pre-labeller was written (check-worthiness
# re-measured when S15's key changed to the CW5 leaning in December 2026); a change to the rules
# or word lists that makes them worse fails here. The seed article is development data: the
# honest figures are the frozen evaluation set's (benchmarks/prelabeller.py).
MEASURED_FLOOR = {
    ("quotation detection", "precision"): 1.0,
    ("quotation detection", "recall"): 1.0,
    ("attribution detection", "precision"): 0.94,
    ("attribution detection", "recall"): 1.0,
    ("statement_type agreement", "agreement"): 0.89,
    ("source agreement", "agreement"): 0.96,
    ("check_worthy agreement", "agreement"): 0.79,
}


def test_prelabeller_does_not_fall_below_its_measured_levels():
    report = evaluate_prelabels(prelabel(split_article(load_article().text)), load_sentences())
    for (measure, column), floor in MEASURED_FLOOR.items():
        assert report.loc[measure, column] >= floor, (measure, column, report.loc[measure, column])


def test_precision_recall_counts():
    assert precision_recall([True, True, False, False], [True, False, True, False]) == (0.5, 0.5)
    assert precision_recall([False], [False]) == (0.0, 0.0)


def test_round_trip_from_text_to_a_quiz(tmp_path):
    draft = draft_bank(prelabel(split_article(read_article_file(SAMPLE))))
    editor = ReviewEditor(draft, tmp_path / "bank.csv")
    editor.controls["S05"]["check_worthy"].value = "NO"
    editor.controls["S05"]["check_rule"].value = "CW1"
    saved = editor.save()
    assert saved is not None and "Saved</b> 12 items" in editor.status.value
    bank = load_quiz_bank(tmp_path / "bank.csv")
    assert bank.loc["S05", "check_worthy"] == "NO" and len(bank) == 12
    widget = quiz(tmp_path / "bank.csv", notebook="n", quiz_id="b", store=ProgressStore(tmp_path / "home"))
    widget.choices["statement_type"].value = widget.quiz.item("S01").keys["statement_type"]
    widget.choices["source"].value = "OUTLET"
    widget.choices["check_worthy"].value = "YES"
    widget.check_button.click()
    assert "\u2714 Correct" in widget.feedback.value


def test_a_bad_correction_is_saved_and_explained(tmp_path):
    draft = draft_bank(prelabel(split_article(read_article_file(SAMPLE))))
    editor = ReviewEditor(draft, tmp_path / "bank.csv")
    editor.controls["S03"]["explain_source"].value = "   "
    assert editor.save() is None
    assert "Saved, but not yet valid" in editor.status.value and "explain_source" in editor.status.value
    assert (tmp_path / "bank.csv").exists()  # the teacher's edits are kept in the file
    with pytest.raises(DataError) as caught:
        save_quiz_bank(editor.bank, tmp_path / "again.csv")
    assert caught.value.row == "S03" and caught.value.column == "explain_source"


def test_sample_key_and_speaker_list_are_valid():
    assert len(load_quiz_bank(DATA_DIR / "byo" / "sample_article_key.csv")) == 12
    from claimlab.rules import known_person

    assert known_person("Xinhua", article_codebook()).kind == "STATE_MEDIA"


def test_a_saved_bank_cannot_run_as_a_spreadsheet_formula_and_reads_back_unchanged(tmp_path):
    """A sentence starting with = or - must not become a formula in Excel, nor gain a stray quote in the quiz."""
    draft = draft_bank(prelabel(split_article(read_article_file(SAMPLE))))
    first = draft.index[0]
    draft.loc[first, "text"] = "=HYPERLINK(\"http://example.org\") -1 said the council."
    draft.loc[first, "explain_source"] = "-5 points: no cue hands it to anyone, so OUTLET."
    saved = save_quiz_bank(draft, tmp_path / "bank.csv")
    raw = (tmp_path / "bank.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in raw and "'-5 points" in raw
    assert saved.loc[first, "text"] == draft.loc[first, "text"]
    assert saved.loc[first, "explain_source"] == draft.loc[first, "explain_source"]


def test_a_rank_or_title_the_segmenter_does_not_know_does_not_end_the_sentence():
    story = split_article(
        "The gesture is everywhere, said Spc. Levi Lemisio of the Guard. Ms. Ana Lima agreed.\n"
        "Staff Sgt. Bob Roe, of Ft. Bragg, said so too.\n"
    )
    assert list(story["text"]) == [
        "The gesture is everywhere, said Spc. Levi Lemisio of the Guard.",
        "Ms. Ana Lima agreed.",
        "Staff Sgt. Bob Roe, of Ft. Bragg, said so too.",
    ]
