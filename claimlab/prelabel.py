"""Bring your own article: split plain text into sentences and suggest labels, each with a reason.

The suggestions are deliberately simple and explainable (quotation marks, attribution cues,
framing words kept as data, a few patterns for background), so a teacher can see why each one
was made and correct it. They are a first draft for the teacher's judgement, not a classifier
to trust: :func:`evaluate_prelabels` measures how far they are from the hand annotation.

Sentence boundaries come from ``sentencex`` (Wikimedia's maintained segmenter), which knows
abbreviations such as "U.S.", "D.C.", "Dr." and "Feb." and keeps a quotation that spans two
sentences together. Each line of the text is a paragraph; bullet lines and short lines without
final punctuation (subheadings) are items of their own.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from sentencex import segment

from . import paths, rules
from .codebook import REQUIRED_DIMENSIONS, Codebook, load_codebook
from .errors import ClaimlabError, DataError
from .sentences import SENTENCE_COLUMNS, load_quiz_bank
from .stats import cohen_kappa
from .tables import read_rows, spreadsheet_safe

BULLET = re.compile(r"^\s*(?:[-*\u2022\u2013])\s+")


class ArticleTextError(ClaimlabError, ValueError):
    """The text given cannot be turned into sentences (empty, not prose, or unreadable)."""


# -- reading and splitting ---------------------------------------------------------------------


#: The first bytes of files that are documents, not plain text, and what to call them.
BINARY_SIGNATURES = {
    b"PK\x03\x04": "a zipped document (a Word .docx, OpenDocument .odt or similar)",
    b"%PDF": "a PDF document",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "an old Word document (.doc)",
    b"{\\rtf": "a rich-text document (.rtf)",
}
SAVE_AS_TEXT = "Open it in the program that made it and save it as UTF-8 plain text (.txt), then try again."
#: Control characters that plain text may hold: tab, line feed, vertical tab, form feed, carriage return.
TEXT_CONTROLS = frozenset("\t\n\x0b\x0c\r")


def read_article_file(path: str | Path) -> str:
    """Read a plain-text article, accepting UTF-8 (with or without BOM) and UTF-16 with a BOM.

    Anything else (another encoding, a UTF-16 file cut short, a Word document or PDF, any file
    holding control characters) is a DataError naming the file and the line, with what to do.
    """
    path = Path(path)
    if not path.exists():
        raise DataError(path, "article text file not found.", fix="Check the path.")
    if path.is_dir():
        raise DataError(path, "is a folder; expected a plain-text article file (.txt).", fix="Check the path.")
    raw = path.read_bytes()
    for signature, kind in BINARY_SIGNATURES.items():
        if raw.startswith(signature):
            raise DataError(path, f"is {kind}, not plain text.", fix=SAVE_AS_TEXT)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding, name = "utf-16", "UTF-16"
    else:
        encoding, name = "utf-8-sig", "UTF-8"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as error:
        line = raw[: error.start].decode(encoding, errors="replace").count("\n") + 1
        cut = "; the file may be cut short" if error.end >= len(raw) else ""
        raise DataError(
            path,
            f"cannot be read as {name} text (byte {error.start}{cut}).",
            line=line,
            fix="Open it in a text editor and save it as UTF-8 plain text (.txt), then try again.",
        ) from None
    control = first_control_character(text)
    if control is not None:
        raise DataError(
            path,
            f"holds the control character U+{ord(text[control]):04X}, which plain text does not have: it looks like "
            "a binary file (a Word document, PDF or picture) or text in another encoding.",
            line=text.count("\n", 0, control) + 1,
            fix=SAVE_AS_TEXT,
        )
    return text


def first_control_character(text: str) -> int | None:
    """Where the first control character other than tab, line breaks and form feed is, or None."""
    for index, character in enumerate(text):
        if unicodedata.category(character) == "Cc" and character not in TEXT_CONTROLS:
            return index
    return None


def split_article(text: str) -> pd.DataFrame:
    """One row per sentence: id (S01...), paragraph number, part of the story and the text."""
    if not isinstance(text, str) or not text.strip():
        raise ArticleTextError("The text is empty: paste the article, one paragraph per line.")
    control = first_control_character(text)
    if control is not None:
        raise ArticleTextError(
            f"The text holds the control character U+{ord(text[control]):04X} on line "
            f"{text.count(chr(10), 0, control) + 1}: it is not plain text (was a Word document or PDF read as "
            "text?). Paste the article's words, or save the file as UTF-8 plain text (.txt) and read that."
        )
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    items: list[tuple[int, str, str]] = []
    for number, line in enumerate(lines, start=1):
        if BULLET.match(line):
            items.append((number, "bullet", BULLET.sub("", line).strip()))
        elif _looks_like_subhead(line):
            items.append((number, "subhead", line))
        else:
            for sentence in _sentences(line):
                items.append((number, "body", sentence))
    if not any(re.search(r"[A-Za-z]{2,}", text) and re.search(r"[.!?\"\u201d]$", t) for _, _, t in items):
        raise ArticleTextError(
            "No sentences were found: the text has no line ending in a full stop, question mark or "
            "exclamation mark. Paste the article's paragraphs, not a list of words or numbers."
        )
    body_paragraphs = [n for n, part, _ in items if part == "body"]
    lede, last = (body_paragraphs[0], body_paragraphs[-1]) if body_paragraphs else (None, None)
    rows = []
    for index, (number, part, sentence) in enumerate(items, start=1):
        if part == "body" and number == lede:
            part = "lede"
        elif part == "body" and number == last and len(set(body_paragraphs)) > 1:
            part = "closing" if rules.about_the_reporting(sentence) else part
        rows.append({"id": f"S{index:02d}", "paragraph": number, "part": part, "text": sentence})
    return pd.DataFrame.from_records(rows, columns=["id", "paragraph", "part", "text"]).set_index("id")


def _looks_like_subhead(line: str) -> bool:
    return len(line.split()) <= 14 and not re.search(r"[.!?:;\"\u201d)]$", line) and line[:1].isupper()


def _sentences(paragraph: str) -> list[str]:
    """The paragraph's sentences, as sentencex splits them, with the pieces it cuts after a title
    it does not know ("said Spc." | "Levi Lemisio ...", "Ms." | "Lima ...") joined again."""
    pieces = [part.strip() for part in segment("en", paragraph) if part.strip()]
    joined: list[str] = []
    for piece in pieces:
        if joined and joined[-1].rsplit(None, 1)[-1] in title_abbreviations() and piece[:1].isupper():
            joined[-1] = f"{joined[-1]} {piece}"
        else:
            joined.append(piece)
    return joined


@functools.cache
def title_abbreviations() -> frozenset[str]:
    """Titles and ranks with a full stop that the segmenter would take for a sentence's end."""
    rows = read_rows(
        paths.LEXICON_DIR / "title_abbreviations.csv", ("abbreviation", "note"), id_column="abbreviation",
        what="title abbreviation",
    )
    return frozenset(row["abbreviation"] for row in rows)


# -- suggesting labels ---------------------------------------------------------------------------


def prelabel(
    sentences: pd.DataFrame,
    *,
    codebook: Codebook | None = None,
) -> pd.DataFrame:
    """Suggest a statement type, source and check-worthiness for every sentence, with reasons.

    ``sentences`` is one story, in order (as :func:`split_article` gives it): the rules remember
    who was introduced and who spoke last. Adds the columns ``quotation``, ``cue``, ``speaker``,
    ``framing_words``, the three ``suggested_*`` labels, ``suggested_check_rule``, one
    ``reason_*`` per question and ``reasons``. Source labels are written as ``codebook`` (by
    default the general one) has them: GOVERNMENT:CHINA for the article's codebook, GOVERNMENT
    for a bank that names no parties. The rules themselves are in :mod:`claimlab.rules`.
    """
    codebook = codebook if codebook is not None else load_codebook()
    _check_sentence_table(sentences)
    memory = rules.StoryMemory()
    records = []
    for sentence_id, row in sentences.iterrows():
        text = row["text"]
        attribution = rules.credit_crowd(rules.find_attribution(text), memory)
        rules.introduce_people(text, codebook, memory)
        statement, why_type = rules.suggest_statement_type(text, row["part"], attribution, memory)
        source, why_source = rules.suggest_source(text, statement, attribution, codebook, memory)
        worth, rule, why_worth = rules.suggest_check_worthy(text, statement, attribution)
        rules.advance(text, memory)
        reasons = [
            f"{statement}: {why_type}",
            f"source {source}: {why_source}",
            f"check-worthy {worth} ({rule}): {why_worth}",
        ]
        records.append(
            {
                "id": sentence_id,
                "quotation": rules.quoted_share(text) >= 0.5,
                "cue": attribution.cue if attribution else "",
                "speaker": attribution.speaker if attribution else "",
                "framing_words": ", ".join(rules.evaluative_words(text)),
                "suggested_statement_type": statement,
                "suggested_source": source,
                "suggested_check_worthy": worth,
                "suggested_check_rule": rule,
                "reason_statement_type": reasons[0],
                "reason_source": reasons[1],
                "reason_check_worthy": reasons[2],
                "reasons": "; ".join(reasons),
            }
        )
    suggestions = pd.DataFrame.from_records(records).set_index("id")
    return sentences.join(suggestions)


def _check_sentence_table(sentences: object) -> None:
    """ArticleTextError, naming the column or the row, for a table prelabel cannot read."""
    expected = "a table with one row per sentence and the columns part and text, as split_article gives it"
    if not isinstance(sentences, pd.DataFrame):
        raise ArticleTextError(f"prelabel needs {expected}, not {type(sentences).__name__}.")
    missing = [column for column in ("part", "text") if column not in sentences.columns]
    if missing:
        raise ArticleTextError(
            f"The sentence table has no column {' or '.join(repr(c) for c in missing)}; prelabel needs {expected}."
        )
    if sentences.empty:
        raise ArticleTextError(f"The sentence table has no rows; prelabel needs {expected}.")
    for sentence_id, row in sentences.iterrows():
        for column in ("part", "text"):
            if not isinstance(row[column], str) or not row[column].strip():
                raise ArticleTextError(
                    f"Row {sentence_id}, column '{column}' is empty; every sentence needs its {column}. "
                    "Fill it in or remove the row."
                )


# -- reviewing and saving ------------------------------------------------------------------------


def draft_bank(prelabelled: pd.DataFrame) -> pd.DataFrame:
    """A quiz-bank table (the sentence table's columns) with the suggestions as the draft key."""
    bank = pd.DataFrame(index=prelabelled.index)
    for column in SENTENCE_COLUMNS[1:]:
        bank[column] = ""
    bank["paragraph"] = prelabelled["paragraph"].astype(str)
    bank["part"] = prelabelled["part"]
    bank["text"] = prelabelled["text"]
    for dimension in REQUIRED_DIMENSIONS:
        bank[dimension] = prelabelled[f"suggested_{dimension}"]
    bank["cue"] = prelabelled["cue"]
    bank["contested"] = "no"
    bank["check_rule"] = prelabelled["suggested_check_rule"]
    for dimension in REQUIRED_DIMENSIONS:
        bank[f"explain_{dimension}"] = (
            "Suggested automatically (" + prelabelled[f"reason_{dimension}"] + "). Check and rewrite this."
        )
    bank.index.name = "id"
    return bank


def save_quiz_bank(bank: pd.DataFrame, path: str | Path, codebook: Codebook | None = None) -> pd.DataFrame:
    """Write a reviewed bank as CSV, then load it back with full validation (DataError if wrong).

    The file is written first so that a teacher's corrections are never lost, even when
    validation then points at a cell to fix.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    table = bank.reset_index().reindex(columns=list(SENTENCE_COLUMNS)).fillna("")
    # a sentence that starts with = + - or @ would run as a formula in a spreadsheet; read_rows undoes this
    table = table.map(lambda cell: spreadsheet_safe(cell) if isinstance(cell, str) else cell)
    table.to_csv(path, index=False)
    return load_quiz_bank(path, codebook=codebook)


# -- measuring the suggestions -------------------------------------------------------------------


def precision_recall(truth: Sequence[bool], predicted: Sequence[bool]) -> tuple[float, float]:
    pairs = list(zip(truth, predicted, strict=True))
    true_positive = sum(t and p for t, p in pairs)
    predicted_positive = sum(p for _, p in pairs)
    actual_positive = sum(t for t, _ in pairs)
    precision = true_positive / predicted_positive if predicted_positive else 0.0
    recall = true_positive / actual_positive if actual_positive else 0.0
    return precision, recall


def evaluate_prelabels(prelabelled: pd.DataFrame, key: pd.DataFrame, codebook: Codebook | None = None) -> pd.DataFrame:
    """How the suggestions compare with a hand annotation, on the sentences both have.

    Quotation detection: suggested QUOTE against a key of QUOTE. Attribution detection: a
    suggested source other than the outlet against a key source other than the outlet.
    Statement type and source: share of agreement and Cohen's kappa. Source labels are compared
    as ``codebook`` writes them (the general codebook by default, so GOVERNMENT:CHINA in a key
    counts as GOVERNMENT); pass the bank's codebook to compare its parties too.
    """
    codebook = codebook if codebook is not None else load_codebook()
    joined = prelabelled.join(key[list(REQUIRED_DIMENSIONS)], how="inner")
    joined["source"] = joined["source"].map(lambda code: codebook.fit("source", code))
    rows = []
    p, r = precision_recall(joined["statement_type"] == "QUOTE", joined["suggested_statement_type"] == "QUOTE")
    rows.append({"measure": "quotation detection", "precision": p, "recall": r})
    p, r = precision_recall(joined["source"] != "OUTLET", joined["suggested_source"] != "OUTLET")
    rows.append({"measure": "attribution detection", "precision": p, "recall": r})
    for dimension in REQUIRED_DIMENSIONS:
        truth, guess = list(joined[dimension]), list(joined[f"suggested_{dimension}"])
        rows.append(
            {
                "measure": f"{dimension} agreement",
                "agreement": sum(a == b for a, b in zip(truth, guess, strict=True)) / len(truth),
                "kappa": cohen_kappa(truth, guess),
            }
        )
    return (
        pd.DataFrame.from_records(rows, columns=["measure", "precision", "recall", "agreement", "kappa"])
        .set_index("measure")
        .round(2)
    )
