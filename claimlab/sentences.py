"""The annotated sentence table: one row per sentence of the article, with the team's key."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from . import paths
from .article import Article, load_article
from .codebook import REQUIRED_DIMENSIONS, Codebook, bank_codebook
from .errors import DataError
from .tables import Row, read_rows

#: One explanation per question, so that feedback on one question never gives away another's answer.
EXPLANATION_COLUMNS = tuple(f"explain_{dimension}" for dimension in REQUIRED_DIMENSIONS)
SENTENCE_COLUMNS = (
    "id",
    "paragraph",
    "part",
    "text",
    *REQUIRED_DIMENSIONS,
    "cue",
    "contested",
    "competing_labels",
    "contested_rule",
    *EXPLANATION_COLUMNS,
    "check_rule",
    "verdict",
    "verdict_note",
    "verdict_sources",
)
PARTS = ("bullet", "lede", "body", "subhead", "closing")
VERDICTS = ("confirmed", "qualified", "contradicted", "unconfirmed", "not checkable")
YES_NO = ("yes", "no")


def parse_competing_labels(cell: str) -> dict[str, tuple[str, ...]]:
    """Parse ``"statement_type=ATTRIBUTED|FRAMING; source=GOVERNMENT:CHINA|OUTLET"`` into a dict.

    Raises ValueError with a plain description when the cell is not of that form.
    """
    result: dict[str, tuple[str, ...]] = {}
    for entry in (part.strip() for part in cell.split(";")):
        if not entry:
            continue
        dimension, sep, labels = entry.partition("=")
        if not sep:
            raise ValueError(f"'{entry}' has no '='; write dimension=LABEL|LABEL")
        dimension = dimension.strip()
        codes = tuple(code.strip() for code in labels.split("|") if code.strip())
        if dimension in result:
            raise ValueError(f"the dimension {dimension} is named twice")
        result[dimension] = codes
    return result


def parse_sentence_rows(rows: Sequence[Row], codebook: Codebook, *, fact_checked: bool = True) -> pd.DataFrame:
    """Validate sentence-table rows against the codebook and return them as a DataFrame indexed by id.

    With ``fact_checked=False`` (a quiz bank of made-up sentences, say) the three verdict columns
    may be left empty together.
    """
    records = []
    for row in rows:
        record = dict(row.cells)
        record["paragraph"] = row.require_int("paragraph", 1)
        row.require_choice("part", PARTS, "part of the story")
        row.require("text", "the sentence exactly as in the article")
        for dimension in REQUIRED_DIMENSIONS:
            row.require_choice(dimension, codebook.labels(dimension), f"{dimension} label")
        record["contested"] = _check_contested(row, codebook)
        for column in EXPLANATION_COLUMNS:
            row.require(column, f"one or two sentences on why this {column.removeprefix('explain_')} label fits")
        record["explanation"] = " ".join(row[column] for column in EXPLANATION_COLUMNS)
        _check_rule(row, codebook)
        if not fact_checked and not any(row[c] for c in ("verdict", "verdict_note", "verdict_sources")):
            records.append(record)
            continue
        verdict = row.require_choice("verdict", VERDICTS, "fact-check verdict")
        row.require("verdict_note", "a short note on what the sources show")
        row.require_urls("verdict_sources", allow_empty=verdict == "not checkable")
        records.append(record)
    frame = pd.DataFrame.from_records(records, columns=[*SENTENCE_COLUMNS, "explanation"])
    return frame.set_index("id")


def _check_rule(row: Row, codebook: Codebook) -> None:
    """The check-worthiness key must cite the rule (CW1...) that decides it, and agree with it."""
    rules = codebook.check_rules
    if not rules:
        return
    code = row.require_choice("check_rule", list(rules), "check-worthiness rule")
    rule = rules[code]
    if row.cells["contested"] == "yes" and "check_worthy=" in row.cells["competing_labels"]:
        return  # a discussion card: the rule names the leaning, the competing labels say the rest
    if rule.label != row["check_worthy"]:
        raise row.error(
            "check_rule",
            f"cites {code} ({rule.name}), which gives {rule.label}, but the check_worthy key is {row['check_worthy']}.",
            "Cite the rule that decides this sentence, or change the key to what the rule gives.",
        )


def _check_contested(row: Row, codebook: Codebook) -> bool:
    contested = row.require_choice("contested", YES_NO, "yes/no value") == "yes"
    if not contested:
        for column in ("competing_labels", "contested_rule"):
            if row[column]:
                raise row.error(
                    column, "is filled in, but 'contested' is 'no'.", "Set 'contested' to 'yes' or clear this cell."
                )
        return False
    cell = row.require("competing_labels", "the competing labels, e.g. statement_type=ATTRIBUTED|FRAMING")
    try:
        competing = parse_competing_labels(cell)
    except ValueError as error:
        raise row.error("competing_labels", f"cannot be read: {error}.") from None
    for dimension, codes in competing.items():
        if dimension not in REQUIRED_DIMENSIONS:
            raise row.error(
                "competing_labels",
                f"names the unknown dimension '{dimension}'; expected one of {', '.join(REQUIRED_DIMENSIONS)}.",
            )
        for code in codes:
            if code not in codebook.labels(dimension):
                raise row.error(
                    "competing_labels",
                    f"'{code}' is not a {dimension} label; expected one of {', '.join(codebook.labels(dimension))}.",
                )
        if len(set(codes)) < 2:
            raise row.error(
                "competing_labels", f"lists fewer than two different {dimension} labels; a contest needs two or more."
            )
        if row[dimension] not in codes:
            raise row.error(
                "competing_labels",
                f"does not include the row's own {dimension} label {row[dimension]}.",
                "List the key label among the competing ones.",
            )
    row.require("contested_rule", "the rule that separates the competing labels")
    return True


def check_against_article(frame: pd.DataFrame, rows: Sequence[Row], article: Article) -> None:
    """Check that the sentences, joined paragraph by paragraph, reproduce the article exactly."""
    path = rows[0].path
    by_id = {row.id: row for row in rows}
    previous = 0
    for sentence_id, number in frame["paragraph"].items():
        row = by_id[sentence_id]
        if number < previous:
            raise row.error(
                "paragraph", f"goes back from paragraph {previous} to {number}; rows must follow the article's order."
            )
        if number > len(article.paragraphs):
            raise row.error("paragraph", f"is {number}, but the article has only {len(article.paragraphs)} paragraphs.")
        previous = number
    for paragraph in article.paragraphs:
        ids = list(frame.index[frame["paragraph"] == paragraph.number])
        if not ids:
            raise DataError(
                path,
                f'no row covers paragraph {paragraph.number} of {article.path} (which starts "{paragraph.text[:60]}").',
                column="paragraph",
                fix="Add the missing sentence(s).",
            )
        joined = " ".join(frame.loc[i, "text"] for i in ids)
        if joined != paragraph.text:
            at = next(
                (k for k, (a, b) in enumerate(zip(joined, paragraph.text, strict=False)) if a != b),
                min(len(joined), len(paragraph.text)),
            )
            offending = _row_at_offset(frame, ids, at)
            raise by_id[offending].error(
                "text",
                f"no longer matches paragraph {paragraph.number} of {article.path} from character {at} of the "
                f'paragraph: the table has "{joined[max(0, at - 20) : at + 30]}", the article has '
                f'"{paragraph.text[max(0, at - 20) : at + 30]}".',
                "Copy the sentence exactly from the article.",
            )
        bullet = paragraph.is_bullet
        for i in ids:
            if (frame.loc[i, "part"] == "bullet") != bullet:
                expected = "bullet" if bullet else "not bullet"
                raise by_id[i].error(
                    "part",
                    f"is '{frame.loc[i, 'part']}', but paragraph {paragraph.number} is {expected} in the article.",
                )


def _row_at_offset(frame: pd.DataFrame, ids: list[str], offset: int) -> str:
    position = 0
    for sentence_id in ids:
        position += len(frame.loc[sentence_id, "text"]) + 1
        if offset < position:
            return sentence_id
    return ids[-1]


def resolve_bank(bank: str | Path) -> Path:
    """A quiz-bank path; a bare name such as ``"warmup"`` means ``data/quizzes/warmup.csv``."""
    text = str(bank)
    if isinstance(bank, str) and "/" not in text and "\\" not in text and not text.endswith(".csv"):
        return paths.QUIZ_DIR / f"{text}.csv"
    return Path(bank)


def load_quiz_bank(path: str | Path, *, codebook: Codebook | None = None) -> pd.DataFrame:
    """Load any quiz bank with the sentence table's columns, such as made-up practice sentences.

    It is validated like the sentence table, except that it need not match the article and its
    rows need no fact-check verdict. Its source labels may name the bank's own parties, declared
    in ``<bank>.parties.csv`` beside it (see :func:`claimlab.codebook.load_parties`).
    """
    path = resolve_bank(path)
    codebook = bank_codebook(path, codebook)
    rows = read_rows(path, SENTENCE_COLUMNS, id_column="id", what="quiz item")
    return parse_sentence_rows(rows, codebook, fact_checked=False)


def load_sentences(
    path: str | Path | None = None,
    *,
    codebook: Codebook | None = None,
    article: Article | None = None,
) -> pd.DataFrame:
    """Load the annotated sentence table, validated against the codebook and the article text.

    The result is indexed by sentence id (S01, S02, ...); ``contested`` is a boolean column and
    ``competing_labels`` can be read with :func:`parse_competing_labels`.
    """
    path = Path(path) if path is not None else paths.SENTENCES
    codebook = bank_codebook(path, codebook)
    rows = read_rows(path, SENTENCE_COLUMNS, id_column="id", what="sentence")
    frame = parse_sentence_rows(rows, codebook)
    check_against_article(frame, rows, article if article is not None else load_article())
    return frame
