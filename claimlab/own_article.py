"""A learner brings an article: label every sentence first, then compare with the pre-labeller.

The suggestions stay hidden until the learner has chosen a label for every sentence on every
question, so the learner's judgement comes first and the machine's second. The comparison then
lists, sentence by sentence, where the two agree and the pre-labeller's reason for each of its
suggestions, which the learner can argue with: the suggestions are rules of thumb, not a key.
"""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from .a11y import ChoiceGroup
from .codebook import REQUIRED_DIMENSIONS, Codebook, load_codebook
from .prelabel import prelabel, split_article
from .widgets import StaticCopy, esc, panel, primary_button

COMPARISON_COLUMNS = ["sentence", "question", "yours", "suggested", "same", "why_suggested"]


def compare_labels(prelabelled: pd.DataFrame, mine: dict[str, dict[str, str]]) -> pd.DataFrame:
    """One row per sentence and question: the learner's label, the suggestion, and its reason.

    ``mine`` maps sentence id -> question -> label. Raises ValueError naming what is missing,
    because a comparison before every label is chosen would show the suggestions too early.
    """
    missing = [(i, d) for i in prelabelled.index for d in REQUIRED_DIMENSIONS if not mine.get(i, {}).get(d)]
    if missing:
        first = ", ".join(f"{i} {d.replace('_', ' ')}" for i, d in missing[:3])
        raise ValueError(f"label every sentence first: {len(missing)} still open ({first}...)")
    rows = []
    for item, row in prelabelled.iterrows():
        for dimension in REQUIRED_DIMENSIONS:
            yours, suggested = mine[item][dimension], row[f"suggested_{dimension}"]
            rows.append(
                {
                    "sentence": item,
                    "question": dimension,
                    "yours": yours,
                    "suggested": suggested,
                    "same": yours == suggested,
                    "why_suggested": row[f"reason_{dimension}"],
                }
            )
    return pd.DataFrame.from_records(rows, columns=COMPARISON_COLUMNS)


def agreement_summary(comparison: pd.DataFrame) -> pd.DataFrame:
    """Per question: how many of the learner's labels match the suggestions."""
    grouped = comparison.groupby("question", sort=False)["same"]
    return pd.DataFrame({"sentences": grouped.size(), "same_as_suggested": grouped.sum().astype(int)})


class LabelFirst(StaticCopy, widgets.VBox):
    """Every sentence with a row of label buttons per question; Compare opens only when all are chosen."""

    def __init__(self, text: str, *, codebook: Codebook | None = None) -> None:
        self.codebook = codebook if codebook is not None else load_codebook()
        self.sentences = split_article(text)  # a clear ArticleTextError for empty or non-prose text
        self._suggestions = prelabel(self.sentences, codebook=self.codebook)
        self.choices: dict[str, dict[str, ChoiceGroup]] = {}
        rows: list[widgets.Widget] = [
            widgets.HTML(
                f"<p><b>{len(self.sentences)} sentences.</b> Choose a label for each on all three questions. "
                "The suggestions open when every label is chosen.</p>"
            )
        ]
        for item, row in self.sentences.iterrows():
            controls = {}
            for dimension in REQUIRED_DIMENSIONS:
                dim = self.codebook[dimension]
                controls[dimension] = ChoiceGroup(
                    options=[{"value": lab.code, "label": lab.code, "title": lab.definition} for lab in dim.labels],
                    value=None,
                    label=f"{item}: {dim.name}",
                    question=dim.question,
                )
                controls[dimension].observe(self._refresh, names="value")
            self.choices[str(item)] = controls
            rows.append(widgets.HTML(f"<p><b>{esc(item)}</b> ({esc(row['part'])}): {esc(row['text'])}</p>"))
            rows.extend(controls.values())
        self.compare_button = primary_button(
            "Compare with the suggestions",
            "Opens once every sentence has a label on all three questions",
            self._on_compare,
            disabled=True,
        )
        self.status = widgets.HTML()
        self.result = widgets.HTML()
        super().__init__([*rows, self.compare_button, self.status, self.result])
        self.add_class("claimlab-quiz")  # keys pressed in it stay out of the notebook's shortcuts
        self._refresh()

    @property
    def mine(self) -> dict[str, dict[str, str]]:
        return {item: {d: c.value for d, c in controls.items()} for item, controls in self.choices.items()}

    def _open(self) -> int:
        return sum(control.value is None for controls in self.choices.values() for control in controls.values())

    def _refresh(self, _change=None) -> None:
        open_count = self._open()
        self.compare_button.disabled = open_count > 0
        self.status.value = (
            f'<p role="status">{open_count} labels still to choose.</p>'
            if open_count
            else '<p role="status">Every label is chosen: you can compare now.</p>'
        )

    def comparison(self) -> pd.DataFrame:
        return compare_labels(self._suggestions, self.mine)

    def _on_compare(self, _button=None) -> None:
        table = self.comparison()
        summary = agreement_summary(table)
        lines = "".join(
            f"<li>{esc(q.replace('_', ' '))}: {row.same_as_suggested} of {row.sentences} the same</li>"
            for q, row in summary.iterrows()
        )
        body = "".join(
            f"<tr><td>{esc(r.sentence)}</td><td>{esc(r.question.replace('_', ' '))}</td><td>{esc(r.yours)}</td>"
            f"<td>{esc(r.suggested)}</td><td>{'same' if r.same else 'different'}</td><td>{esc(r.why_suggested)}"
            "</td></tr>"
            for r in table.itertuples()
        )
        self.result.value = panel(
            "info",
            f"<p><b>Your labels and the suggestions</b></p><ul>{lines}</ul>"
            "<p>Where they differ, read the suggestion's reason and decide who is right by the codebook's "
            "rules: the suggestions are rules of thumb. On real stories they were not written for, about one "
            "statement type in three and one source in five is wrong (see benchmarks/prelabeller.py).</p>"
            "<table><thead><tr><th>sentence</th><th>question</th><th>yours</th><th>suggested</th><th></th>"
            f"<th>why it was suggested</th></tr></thead><tbody>{body}</tbody></table>",
        )

    def __repr__(self) -> str:
        return f"Label first: {len(self.sentences)} sentences; run the notebook in JupyterLab to label them."


def label_first(text: str, **options) -> LabelFirst:
    """The widget for a learner's own article: label everything, then compare."""
    return LabelFirst(text, **options)
