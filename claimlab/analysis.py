"""Who speaks, in which words: share of voice, attribution cues and framing words.

The word lists are data (``data/lexicon/``), so a teacher can extend them; matching is
case-insensitive, on whole words, and prefers the longest phrase ("called for" over "called").
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import paths
from .tables import QUOTED, read_rows, word_pattern

#: Which side of the story each source label speaks for, for the share-of-voice count.
SIDES = {
    "OUTLET": "The outlet (Insider)",
    "GOVERNMENT:CHINA": "Chinese government and state media",
    "STATE_MEDIA": "Chinese government and state media",
    "GOVERNMENT:US": "US government",
    "OTHER_MEDIA": "Others (other media, experts)",
    "EXPERT_ORG": "Others (other media, experts)",
}
SIDE_ORDER = list(dict.fromkeys(SIDES.values()))
CUE_COLUMNS = ("cue", "strength", "implies")
FRAMING_COLUMNS = ("phrase", "kind", "note")


def load_cues(path: str | Path | None = None) -> pd.DataFrame:
    """Attribution cues, each marked neutral or loaded with what it implies."""
    path = Path(path) if path is not None else paths.LEXICON_DIR / "attribution_cues.csv"
    rows = read_rows(path, CUE_COLUMNS, id_column="cue", what="attribution cue")
    for row in rows:
        row.require_choice("strength", ("neutral", "loaded"), "cue strength")
        row.require("implies")
    return pd.DataFrame.from_records([r.cells for r in rows], columns=list(CUE_COLUMNS)).set_index("cue")


def load_framing_words(path: str | Path | None = None) -> pd.DataFrame:
    """Framing words and phrases, each with its kind and why it frames."""
    path = Path(path) if path is not None else paths.LEXICON_DIR / "framing_words.csv"
    rows = read_rows(path, FRAMING_COLUMNS, id_column="phrase", what="framing phrase")
    for row in rows:
        row.require("kind")
        row.require("note")
    return pd.DataFrame.from_records([r.cells for r in rows], columns=list(FRAMING_COLUMNS)).set_index("phrase")


def find_phrases(text: str, phrases) -> list[str]:
    """The phrases that occur in ``text`` as whole words, longest first where they overlap."""
    found: list[tuple[int, int, str]] = []
    for phrase in sorted(phrases, key=len, reverse=True):
        for match in word_pattern(phrase, before="-", after="-", ignore_case=True).finditer(text):
            span = (match.start(), match.end())
            if not any(start < span[1] and span[0] < end for start, end, _ in found):
                found.append((*span, phrase))
    return [phrase for _, _, phrase in sorted(found)]


def share_of_voice(sentences: pd.DataFrame) -> pd.DataFrame:
    """Sentences and words per side of the story, by the source each sentence is credited to."""
    frame = sentences.assign(
        side=sentences["source"].map(SIDES),
        words=sentences["text"].str.split().str.len(),
    )
    table = frame.groupby("side").agg(sentences=("text", "size"), words=("words", "sum"))
    table = table.reindex([side for side in SIDE_ORDER if side in table.index])
    table["share_of_words_%"] = (100 * table["words"] / table["words"].sum()).round(1)
    return table


def describe_share_of_voice(table: pd.DataFrame) -> str:
    """A sentence-by-sentence text description of the share-of-voice chart."""
    parts = [
        f"{side}: {int(row['sentences'])} sentences, {int(row['words'])} words "
        f"({row['share_of_words_%']:.1f}% of the words)"
        for side, row in table.iterrows()
    ]
    largest = table["words"].idxmax()
    return (
        "Bar chart of the words in sentences credited to each side. "
        + "; ".join(parts)
        + f". The largest share belongs to: {largest}."
    )


def _matches(sentences: pd.DataFrame, lexicon: pd.DataFrame):
    """Each (sentence id, sentence row, phrase, lexicon entry) where a lexicon phrase occurs."""
    for sentence_id, row in sentences.iterrows():
        for phrase in find_phrases(row["text"], lexicon.index):
            yield sentence_id, row, phrase, lexicon.loc[phrase]


def cue_table(sentences: pd.DataFrame, cues: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every attribution cue found in the sentences, with its strength and what it implies."""
    cues = cues if cues is not None else load_cues()
    records = [
        {"id": sid, "cue": cue, "strength": entry["strength"], "source": row["source"], "implies": entry["implies"]}
        for sid, row, cue, entry in _matches(sentences, cues)
    ]
    return pd.DataFrame.from_records(records, columns=["id", "cue", "strength", "source", "implies"])




def is_quoted(text: str, phrase: str) -> bool:
    """Whether every occurrence of ``phrase`` in ``text`` lies inside quotation marks."""
    spans = [match.span() for match in QUOTED.finditer(text)]
    hits = [m.span() for m in word_pattern(phrase, before="-", after="-", ignore_case=True).finditer(text)]
    return bool(hits) and all(any(a <= start and end <= b for a, b in spans) for start, end in hits)


def framing_table(sentences: pd.DataFrame, lexicon: pd.DataFrame | None = None) -> pd.DataFrame:
    """The framing words and phrases found in each sentence, and whose word each one is.

    A word inside quotation marks is the quoted source's; any other is the outlet's own
    wording, even in a sentence that is attributed to someone else.
    """
    lexicon = lexicon if lexicon is not None else load_framing_words()
    records = [
        {
            "id": sid,
            "phrase": phrase,
            "kind": entry["kind"],
            "whose_word": "quoted source" if is_quoted(row["text"], phrase) else "the outlet",
        }
        for sid, row, phrase, entry in _matches(sentences, lexicon)
    ]
    return pd.DataFrame.from_records(records, columns=["id", "phrase", "kind", "whose_word"])
