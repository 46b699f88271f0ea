"""The transfer text: two news stories that learners have not seen, for the graded assessment in 06.

Labelling the article's own 28 sentences again after practising on them measures recall; these
two Voice of America stories (2023, public domain) measure whether the skill carries over. Each
story is one quiz bank, a "round" of the assessment, keyed as the article was (two blind first
passes, reconciled, with the doubtful questions as discussion cards; see data/transfer/).
"""

from __future__ import annotations

import pandas as pd

from . import paths
from .sentences import load_quiz_bank
from .tables import read_rows

FOLDER = paths.DATA_DIR / "transfer"
#: Round -> the story behind it, in the order learners meet them.
ROUNDS = {"round1": "voa-2023-biden-xi-dictator-comment", "round2": "voa-2023-us-chip-controls-china-ai"}
SOURCE_COLUMNS = ("id", "title", "outlet", "author", "published", "url", "licence", "licence_evidence", "subject",
                  "paragraphs", "partial", "notes")  # fmt: skip


def bank_path(round_name: str):
    if round_name not in ROUNDS:
        raise ValueError(f"no round {round_name!r}; choose one of {', '.join(ROUNDS)}")
    return FOLDER / f"{round_name}.csv"


def load_transfer() -> pd.DataFrame:
    """Both rounds' sentences and keys in one table (X01-X24), for results against the key."""
    return pd.concat([load_quiz_bank(bank_path(name)) for name in ROUNDS])


def story_sources() -> pd.DataFrame:
    rows = read_rows(FOLDER / "sources.csv", SOURCE_COLUMNS, id_column="id", what="source")
    return pd.DataFrame.from_records([row.cells for row in rows], columns=list(SOURCE_COLUMNS)).set_index("id")


def story_markdown(round_name: str) -> str:
    """The story of one round as Markdown to read before labelling: headline, where it is from,
    and its paragraphs as published (the part used)."""
    bank_path(round_name)  # an unknown round is named in the error
    story = ROUNDS[round_name]
    source = story_sources().loc[story]
    paragraphs = (FOLDER / "texts" / f"{story}.txt").read_text(encoding="utf-8").split("\n")
    partial = "the opening part of a longer story" if source["partial"].startswith("partial") else "the whole story"
    lines = [
        f"**{_md(source['title'])}**",
        "",
        f"*Voice of America, {source['published']}; {partial}, as published. A work of US government "
        "employees, in the public domain.*",
        "",
    ]
    lines += [f"> {_md(paragraph)}\n>" for paragraph in paragraphs if paragraph.strip()]
    return "\n".join(lines).rstrip(">\n") + "\n"


def _md(text: str) -> str:
    """Text from a data file, made safe for Markdown: no HTML, no accidental emphasis or links."""
    for char in "\\`*_[]<>#|":
        text = text.replace(char, "\\" + char)
    return text
