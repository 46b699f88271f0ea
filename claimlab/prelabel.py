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

import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from sentencex import segment

from . import paths
from .analysis import find_phrases, load_cues, load_framing_words
from .codebook import Codebook, load_codebook
from .errors import DataError
from .sentences import SENTENCE_COLUMNS, load_quiz_bank
from .stats import cohen_kappa
from .tables import read_rows

BULLET = re.compile(r"^\s*(?:[-*\u2022\u2013])\s+")
QUOTED = re.compile(r'"[^"]*"|\u201c[^\u201d]*\u201d')
YEAR = re.compile(r"\b(19|20)\d\d\b")
BACKGROUND = re.compile(
    r"\b(since \d{4}|since (the )?\d{4}s|last (year|month)|previously|has (long )?been|have been|was founded|"
    r"for (decades|years)|in (19|20)\d\d|in an? (\d{4}|earlier))\b",
    re.IGNORECASE,
)
REPORTING_ITSELF = re.compile(
    r"\b(did not (immediately )?respond|declined to comment|could not be reached|request for comment)\b", re.IGNORECASE
)
SPEAKER_COLUMNS = ("pattern", "source")
PRONOUNS = {"he", "she", "it", "they"}


class ArticleTextError(ValueError):
    """The text given cannot be turned into sentences (empty, not prose, or unreadable)."""


# -- reading and splitting ---------------------------------------------------------------------


def read_article_file(path: str | Path) -> str:
    """Read a plain-text article, accepting UTF-8 (with or without BOM) and UTF-16 with a BOM."""
    path = Path(path)
    if not path.exists():
        raise DataError(path, "article text file not found.", fix="Check the path.")
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataError(
            path,
            f"cannot be read as UTF-8 text (byte {error.start}).",
            line=line,
            fix="Open it in a text editor and save it as UTF-8 (plain text), then try again.",
        ) from None


def split_article(text: str) -> pd.DataFrame:
    """One row per sentence: id (S01...), paragraph number, part of the story and the text."""
    if not isinstance(text, str) or not text.strip():
        raise ArticleTextError("The text is empty: paste the article, one paragraph per line.")
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
        elif part == "body" and number == last and len(set(body_paragraphs)) > 1 and REPORTING_ITSELF.search(sentence):
            part = "closing"
        rows.append({"id": f"S{index:02d}", "paragraph": number, "part": part, "text": sentence})
    return pd.DataFrame.from_records(rows, columns=["id", "paragraph", "part", "text"]).set_index("id")


def _looks_like_subhead(line: str) -> bool:
    return len(line.split()) <= 14 and not re.search(r"[.!?:;\"\u201d)]$", line) and line[:1].isupper()


def _sentences(paragraph: str) -> list[str]:
    return [part.strip() for part in segment("en", paragraph) if part.strip()]


# -- suggesting labels ---------------------------------------------------------------------------


def load_speakers(path: str | Path | None = None) -> pd.DataFrame:
    """Name patterns that point to a source label ("Xinhua" -> STATE_MEDIA), longest first."""
    path = Path(path) if path is not None else paths.LEXICON_DIR / "speakers.csv"
    codebook = load_codebook()
    rows = read_rows(path, SPEAKER_COLUMNS, id_column="pattern", what="speaker pattern")
    for row in rows:
        row.require_choice("source", codebook.labels("source"), "source label")
    frame = pd.DataFrame.from_records([r.cells for r in rows], columns=list(SPEAKER_COLUMNS))
    return frame.assign(length=frame["pattern"].str.len()).sort_values("length", ascending=False).drop(columns="length")


def quoted_share(text: str) -> float:
    """The share of the sentence's letters that are inside quotation marks."""
    letters = sum(ch.isalpha() for ch in text)
    inside = sum(sum(ch.isalpha() for ch in match.group()) for match in QUOTED.finditer(text))
    return inside / letters if letters else 0.0


def find_speaker(text: str, cue: str, speakers: pd.DataFrame) -> str:
    """The words the cue most likely hands the sentence to ("the State Department", "he").

    Looks at the phrase next to the cue: before "said" ("Shop owners said"), after "according
    to", "per" and "reads", and after "said" when nothing stands before it ('..." said Dr. Liu').
    A known name in that phrase wins (see ``data/lexicon/speakers.csv``); else the phrase itself.
    """
    unquoted = QUOTED.sub(" \u2026 ", text)
    position = unquoted.lower().find(cue.lower())
    if position < 0:
        return ""
    before = re.split(r"[,;:.\u2026]", unquoted[:position])[-1].strip()
    after = re.split(r"[,;:\u2026]", unquoted[position + len(cue) :])[0].strip().rstrip(".")
    if cue.lower() in ("according to", "per", "reads"):
        phrase = after
    else:
        phrase = before if before else after
    for window in (phrase, unquoted[:position] if cue.lower() not in ("according to", "per", "reads") else ""):
        # The known name nearest the end of the phrase wins ("state media outlet Xinhua" -> Xinhua).
        hits = [
            (match.end(), len(pattern), pattern)
            for pattern in speakers["pattern"]
            for match in re.finditer(rf"(?<![\w]){re.escape(pattern)}(?![\w])", window, flags=re.IGNORECASE)
        ]
        if hits:
            return max(hits)[2]
        if window is phrase:
            pronoun = re.fullmatch(r"(he|she|it|they)", phrase, flags=re.IGNORECASE)
            if pronoun:
                return pronoun.group(1).lower()
    return " ".join(phrase.split()[-6:]) if phrase else ""


def prelabel(
    sentences: pd.DataFrame,
    *,
    cues: pd.DataFrame | None = None,
    framing: pd.DataFrame | None = None,
    speakers: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Suggest a statement type, source and check-worthiness for every sentence, with reasons.

    Adds the columns ``quotation`` (most of the sentence is in quotation marks), ``cue``,
    ``speaker``, ``framing_words``, the three ``suggested_*`` labels and ``reasons``.
    """
    cues = cues if cues is not None else load_cues()
    framing = framing if framing is not None else load_framing_words()
    speakers = speakers if speakers is not None else load_speakers()
    speaker_source = dict(zip(speakers["pattern"].str.lower(), speakers["source"], strict=True))
    records = []
    previous_source = "OUTLET"
    for sentence_id, row in sentences.iterrows():
        text = row["text"]
        reasons: list[str] = []
        share = quoted_share(text)
        quotation = share >= 0.5
        found_cues = find_phrases(QUOTED.sub(" ", text), cues.index)
        cue = found_cues[0] if found_cues else ""
        framing_found = [p for p in find_phrases(QUOTED.sub(" ", text), framing.index)]
        speaker = find_speaker(text, cue, speakers) if cue else ""

        # Source: whom the cue points to; a pronoun refers back to the previous speaker.
        if speaker.lower() in PRONOUNS:
            source = previous_source
            source_reason = f"the cue '{cue}' points to '{speaker}', taken to be the previous source"
        elif speaker:
            source = speaker_source.get(speaker.lower(), "EXPERT_OTHER")
            source_reason = f"the cue '{cue}' points to '{speaker}'"
        else:
            source = "OUTLET"
            source_reason = "no attribution cue, so the outlet's own voice"

        if quotation:
            statement = "QUOTE"
            reasons.append(f"QUOTE: {share:.0%} of the words are inside quotation marks")
        elif cue:
            statement = "ATTRIBUTED"
            reasons.append(f"ATTRIBUTED: the cue '{cue}' hands the point to a source")
        elif framing_found or row["part"] in ("bullet", "subhead"):
            statement = "FRAMING"
            why = f"framing words: {', '.join(framing_found)}" if framing_found else f"a {row['part']} (summary line)"
            reasons.append(f"FRAMING: {why}")
        elif REPORTING_ITSELF.search(text):
            statement = "FACT"
            reasons.append("FACT: a statement about the reporting itself")
        elif BACKGROUND.search(text):
            statement = "CONTEXT"
            reasons.append(f"CONTEXT: background wording ('{BACKGROUND.search(text).group(0)}')")
        else:
            statement = "FACT"
            reasons.append("FACT: no quotation, cue, framing word or background wording")
        if statement in ("QUOTE", "ATTRIBUTED"):
            reasons.append(f"source {source}: {source_reason}")
            previous_source = source
        else:
            source = "OUTLET"
            reasons.append("source OUTLET: no attribution cue, so the outlet's own voice")

        if REPORTING_ITSELF.search(text):
            worth, why = "NO", "about the reporting itself"
        elif statement == "FRAMING" and not (YEAR.search(text) or re.search(r"\d", text)) and row["part"] != "bullet":
            worth, why = "NO", "a judgement or characterisation with nothing specific to check"
        else:
            worth, why = "YES", "a specific claim (or a report of what someone said) that records could settle"
        reasons.append(f"check-worthy {worth}: {why}")
        records.append(
            {
                "id": sentence_id,
                "quotation": quotation,
                "cue": "; ".join(found_cues),
                "speaker": speaker,
                "framing_words": ", ".join(framing_found),
                "suggested_statement_type": statement,
                "suggested_source": source,
                "suggested_check_worthy": worth,
                "reasons": "; ".join(reasons),
            }
        )
    suggestions = pd.DataFrame.from_records(records).set_index("id")
    return sentences.join(suggestions)


# -- reviewing and saving ------------------------------------------------------------------------


def draft_bank(prelabelled: pd.DataFrame) -> pd.DataFrame:
    """A quiz-bank table (the sentence table's columns) with the suggestions as the draft key."""
    bank = pd.DataFrame(index=prelabelled.index)
    for column in SENTENCE_COLUMNS[1:]:
        bank[column] = ""
    bank["paragraph"] = prelabelled["paragraph"].astype(str)
    bank["part"] = prelabelled["part"]
    bank["text"] = prelabelled["text"]
    for dimension in ("statement_type", "source", "check_worthy"):
        bank[dimension] = prelabelled[f"suggested_{dimension}"]
    bank["cue"] = prelabelled["cue"]
    bank["contested"] = "no"
    bank["explanation"] = "Suggested automatically (" + prelabelled["reasons"] + "). Check and rewrite this."
    bank.index.name = "id"
    return bank


def save_quiz_bank(bank: pd.DataFrame, path: str | Path, codebook: Codebook | None = None) -> pd.DataFrame:
    """Write a reviewed bank as CSV, then load it back with full validation (DataError if wrong).

    The file is written first so that a teacher's corrections are never lost, even when
    validation then points at a cell to fix.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    bank.reset_index().reindex(columns=list(SENTENCE_COLUMNS)).fillna("").to_csv(path, index=False)
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


def evaluate_prelabels(prelabelled: pd.DataFrame, key: pd.DataFrame) -> pd.DataFrame:
    """How the suggestions compare with a hand annotation, on the sentences both have.

    Quotation detection: suggested QUOTE against a key of QUOTE. Attribution detection: a
    suggested source other than the outlet against a key source other than the outlet.
    Statement type and source: share of agreement and Cohen's kappa.
    """
    joined = prelabelled.join(key[["statement_type", "source", "check_worthy"]], how="inner")
    rows = []
    p, r = precision_recall(joined["statement_type"] == "QUOTE", joined["suggested_statement_type"] == "QUOTE")
    rows.append({"measure": "quotation detection", "precision": p, "recall": r})
    p, r = precision_recall(joined["source"] != "OUTLET", joined["suggested_source"] != "OUTLET")
    rows.append({"measure": "attribution detection", "precision": p, "recall": r})
    for dimension in ("statement_type", "source", "check_worthy"):
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
