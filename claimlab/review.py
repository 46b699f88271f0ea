"""The review step of "bring your own article": a widget to correct the suggested labels and save."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from .codebook import REQUIRED_DIMENSIONS, Codebook, load_codebook
from .errors import DataError
from .prelabel import save_quiz_bank
from .widgets import esc

#: The questions a reviewed bank is keyed on, in the sentence table's order.
DIMENSIONS = REQUIRED_DIMENSIONS


class ReviewEditor(widgets.VBox):
    """One row per sentence: the text, a drop-down per label and for the check-worthiness rule, and
    the three explanations learners will read. **Save quiz bank** writes the CSV and validates it.

    A draft cell the codebook does not know (a label edited by hand in a spreadsheet, say) leaves
    its drop-down empty and is listed in ``problems`` and above the rows, by sentence and column;
    the cell's text is kept in the bank until a label is chosen, so nothing the teacher wrote is lost.
    """

    def __init__(self, draft: pd.DataFrame, path: str | Path, codebook: Codebook | None = None) -> None:
        self.draft = draft.copy()
        self.path = Path(path)
        self.codebook = codebook if codebook is not None else load_codebook()
        self.controls: dict[str, dict[str, widgets.Widget]] = {}
        #: Draft cells that could not be shown in their drop-down, by (sentence, column), until one is chosen.
        self._problems: dict[tuple[str, str], str] = {}
        rows: list[widgets.Widget] = []
        rules = [(f"{rule.code} {rule.name}", rule.code) for rule in self.codebook.check_rules.values()]
        for item_id, row in self.draft.iterrows():
            controls: dict[str, widgets.Widget] = {
                dimension: self._dropdown(
                    item_id, dimension, row, list(self.codebook.labels(dimension)), self.codebook[dimension].name
                )
                for dimension in DIMENSIONS
            }
            controls["check_rule"] = self._dropdown(item_id, "check_rule", row, rules, "Check rule")
            # One explanation per question, so the quiz can show each once that question is answered.
            for dimension in DIMENSIONS:
                controls[f"explain_{dimension}"] = widgets.Textarea(
                    value=_text(row, f"explain_{dimension}"),
                    description=f"Why ({self.codebook[dimension].name.lower()})",
                    style={"description_width": "initial"},
                    layout=widgets.Layout(width="95%"),
                )
            self.controls[str(item_id)] = controls
            rows.append(
                widgets.VBox(
                    [
                        widgets.HTML(
                            f"<p><b>{esc(item_id)}</b> ({esc(_text(row, 'part'))}): {esc(_text(row, 'text'))}</p>"
                        ),
                        widgets.HBox([*(controls[d] for d in DIMENSIONS), controls["check_rule"]]),
                        *(controls[f"explain_{d}"] for d in DIMENSIONS),
                    ]
                )
            )
        self.save_button = widgets.Button(
            description="Save quiz bank", button_style="primary", tooltip="Save and check"
        )
        self.save_button.on_click(self.save)
        self.status = widgets.HTML()
        self.problem_list = widgets.HTML(self._problems_html())
        super().__init__([self.problem_list, *rows, self.save_button, self.status])

    def _dropdown(self, item_id, column: str, row: pd.Series, options: list, description: str) -> widgets.Dropdown:
        """A drop-down set to the draft's value, or left empty (and the value listed) when it is not an option."""
        value = _text(row, column)
        known = [option[1] if isinstance(option, tuple) else option for option in options]
        if value not in known:
            found = f"'{value}' is not a known {description.lower()}" if value else "is empty"
            self._problems[(str(item_id), column)] = (
                f"{item_id}, column '{column}': {found}; choose one of {', '.join(known)} in its drop-down"
                + (" (the draft's text is kept until you do)." if value else ".")
            )
        dropdown = widgets.Dropdown(
            options=options,
            value=value if value in known else None,
            description=description,
            style={"description_width": "initial"},
        )
        if value not in known:
            dropdown.observe(lambda _change, key=(str(item_id), column): self._solved(key), names="value")
        return dropdown

    @property
    def problems(self) -> list[str]:
        """One line per draft cell still to choose in its drop-down: sentence, column and the draft's value."""
        return list(self._problems.values())

    def _solved(self, key: tuple[str, str]) -> None:
        self._problems.pop(key, None)
        self.problem_list.value = self._problems_html()

    def _problems_html(self) -> str:
        if not self.problems:
            return ""
        items = "".join(f"<li>{esc(problem)}</li>" for problem in self.problems)
        return f'<div role="alert"><p><b>{len(self.problems)} draft value(s) to correct:</b></p><ul>{items}</ul></div>'

    @property
    def bank(self) -> pd.DataFrame:
        """The draft with every correction made in the editor (an empty drop-down keeps the draft's text)."""
        bank = self.draft.copy()
        for item_id, controls in self.controls.items():
            for column, control in controls.items():
                if control.value is None:
                    continue  # not chosen yet: saving keeps the draft's text and validation points at it
                bank.loc[item_id, column] = control.value
        return bank

    def save(self, _button=None) -> pd.DataFrame | None:
        try:
            saved = save_quiz_bank(self.bank, self.path, self.codebook)
        except DataError as error:
            self.status.value = (
                f"<p><b>Saved, but not yet valid:</b> {esc(error.problem)} ({esc(error.row or '')}, "
                f"{esc(error.column or '')}). Correct it and save again.</p>"
            )
            return None
        self.status.value = (
            f"<p><b>Saved</b> {len(saved)} items as {esc(self.path.name)}. It loads in the quiz unchanged.</p>"
        )
        return saved

    def __repr__(self) -> str:
        if self.problems:
            return f"ReviewEditor({len(self.draft)} sentences; {len(self.problems)} draft value(s) to correct)"
        return f"ReviewEditor({len(self.draft)} sentences)"


def _text(row: pd.Series, column: str) -> str:
    """A draft cell as text: "" for a missing column or an empty cell (NaN when read by pandas)."""
    value = row.get(column, "")
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)
