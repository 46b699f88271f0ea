"""Bring your own article with awkward input: every problem says which file, row or column, and what to do."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest

from claimlab import DataError
from claimlab.paths import DATA_DIR
from claimlab.prelabel import ArticleTextError, draft_bank, prelabel, read_article_file, split_article
from claimlab.review import ReviewEditor

SAMPLE = DATA_DIR / "byo" / "sample_article.txt"
TEXT = "The bridge reopened on Monday.\nThe council said it was safe.\n"


def read_error(tmp_path, name: str, content: bytes) -> DataError:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DataError) as caught:
        read_article_file(path)
    assert name in str(caught.value) and "save it as UTF-8 plain text (.txt)" in str(caught.value)
    return caught.value


def test_a_truncated_utf16_file_is_a_data_error(tmp_path):
    error = read_error(tmp_path, "cut.txt", TEXT.encode("utf-16")[:-1])
    assert "UTF-16" in error.problem and "cut short" in error.problem and error.line == 2


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document><w:body><w:p>The bridge reopened.</w:p></w:body>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "named"),
    [
        ("story.docx", docx_bytes(), "Word .docx"),
        ("story.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF"),
        ("story.rtf", b"{\\rtf1\\ansi The bridge reopened.}", ".rtf"),
    ],
)
def test_a_document_that_is_not_plain_text_is_named_as_such(tmp_path, name, content, named):
    assert named in read_error(tmp_path, name, content).problem


@pytest.mark.parametrize(
    ("content", "line"),
    [
        (b"The bridge reopened.\n\x00\x01\x02\x03 binary \x00\x10\x11.\n", 2),  # valid UTF-8, but not text
        (TEXT.encode("utf-16-le"), 1),  # UTF-16 without its byte-order mark: a NUL after every letter
        (b"\xff\xfe" + "Fine.\n\x01\x02".encode("utf-16-le"), 2),  # a byte-order mark, then garbage
    ],
)
def test_control_characters_are_refused_not_split_into_sentences(tmp_path, content, line):
    error = read_error(tmp_path, "story.txt", content)
    assert "control character" in error.problem and error.line == line


def test_plain_text_with_tabs_and_form_feeds_is_still_read(tmp_path):
    (tmp_path / "ok.txt").write_text("The bridge\treopened.\f\r\nIt was safe.\n", encoding="utf-8")
    assert len(split_article(read_article_file(tmp_path / "ok.txt"))) == 2


def test_pasted_text_with_control_characters_is_refused():
    with pytest.raises(ArticleTextError, match="control character U\\+0000 on line 2"):
        split_article("The bridge reopened.\nIt\x00 was \x00safe.")


def test_a_folder_is_not_an_article(tmp_path):
    with pytest.raises(DataError, match="is a folder"):
        read_article_file(tmp_path)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (pd.DataFrame(columns=["paragraph", "part", "text"]), "no rows"),
        (pd.DataFrame({"paragraph": [1], "text": ["The bridge reopened."]}, index=["S01"]), "no column 'part'"),
        (pd.DataFrame({"sentence": ["The bridge reopened."]}), "no column 'part' or 'text'"),
        (pd.DataFrame({"part": ["lede", "body"], "text": ["The bridge reopened.", None]}, index=["S01", "S02"]),
         "Row S02, column 'text' is empty"),
        ("The bridge reopened.", "not str"),
    ],
)  # fmt: skip
def test_prelabel_explains_a_table_it_cannot_read(table, message):
    with pytest.raises(ArticleTextError, match=message) as caught:
        prelabel(table)
    assert "split_article" in str(caught.value) or "Fill it in" in str(caught.value)


@pytest.fixture
def draft():
    return draft_bank(prelabel(split_article(read_article_file(SAMPLE))))


def test_the_review_editor_loads_a_draft_with_an_unknown_label_and_lists_it(tmp_path, draft):
    rule = draft.loc["S05", "check_rule"]
    draft.loc["S03", "source"] = "MAYOR"
    draft.loc["S05", "check_rule"] = "CW9"
    editor = ReviewEditor(draft, tmp_path / "bank.csv")
    assert editor.controls["S03"]["source"].value is None  # left unchosen, not a crash
    assert editor.controls["S04"]["source"].value == draft.loc["S04", "source"]
    assert len(editor.problems) == 2
    assert editor.problems[0].startswith("S03, column 'source': 'MAYOR' is not a known source")
    assert "S05, column 'check_rule': 'CW9'" in editor.problems[1]
    assert "MAYOR" in editor.problem_list.value and "2 draft value(s) to correct" in repr(editor)
    # The teacher's text is never dropped: saving keeps it, and validation points at it.
    assert editor.bank.loc["S03", "source"] == "MAYOR"
    assert editor.save() is None and "S03" in editor.status.value and "source" in editor.status.value
    assert pd.read_csv(tmp_path / "bank.csv", dtype=str).set_index("id").loc["S03", "source"] == "MAYOR"
    # Choosing a label solves that problem.
    editor.controls["S03"]["source"].value = "GOVERNMENT"
    assert len(editor.problems) == 1 and "MAYOR" not in editor.problem_list.value
    editor.controls["S05"]["check_rule"].value = rule
    assert editor.problems == [] and editor.problem_list.value == ""
    assert editor.save() is not None


def test_the_review_editor_reads_a_draft_edited_in_a_spreadsheet(tmp_path, draft):
    """A CSV read back by pandas has NaN for empty cells; the editor shows them as empty."""
    draft.loc["S02", "explain_source"] = ""
    draft.to_csv(tmp_path / "draft.csv")
    edited = pd.read_csv(tmp_path / "draft.csv", index_col="id")
    editor = ReviewEditor(edited, tmp_path / "bank.csv")
    assert editor.controls["S02"]["explain_source"].value == "" and editor.problems == []


def test_label_first_refuses_text_of_control_characters():
    from claimlab.own_article import label_first

    with pytest.raises(ArticleTextError, match="not plain text"):
        label_first("PK\x03\x04\x14\x00\x06\x00 word/document.xml.\n")
