"""Generated parts of the teaching guide, so the guide's answer key can never drift from the data."""

from __future__ import annotations

import pandas as pd

from .codebook import REQUIRED_DIMENSIONS, article_codebook
from .sentences import load_sentences, parse_competing_labels


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def answer_key_markdown(sentences: pd.DataFrame | None = None) -> str:
    """The answer key as a Markdown table: every sentence, its three labels, the reasoning and verdict."""
    sentences = sentences if sentences is not None else load_sentences()
    codebook = article_codebook()
    headings = [codebook[d].heading.lower() for d in REQUIRED_DIMENSIONS]  # statement type ... worth checking?
    columns = ["id", "sentence", *headings, "why", "fact-check"]
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for sentence_id, row in sentences.iterrows():
        competing = parse_competing_labels(row["competing_labels"]) if row["contested"] else {}
        labels = [
            f"{row[d]} (contested: {' or '.join(competing[d])})" if d in competing else row[d]
            for d in REQUIRED_DIMENSIONS
        ]
        lines.append(
            f"| {sentence_id} | {_cell(row['text'])} | {' | '.join(labels)} | {_cell(row['explanation'])} "
            f"| {row['verdict']} |"
        )
    return "\n".join(lines)


def contested_markdown(sentences: pd.DataFrame | None = None) -> str:
    """The contested sentences with their competing labels and the rule that separates them."""
    sentences = sentences if sentences is not None else load_sentences()
    blocks = []
    for sentence_id, row in sentences[sentences["contested"]].iterrows():
        competing = parse_competing_labels(row["competing_labels"])
        contest = "; ".join(f"{d.replace('_', ' ')}: {' or '.join(labels)}" for d, labels in competing.items())
        blocks.append(
            f"- **{sentence_id}** \u2014 \u201c{row['text']}\u201d\n  - *Competing labels:* {contest}\n"
            f"  - *What separates them:* {row['contested_rule']}"
        )
    return "\n".join(blocks)
