"""The review step of "bring your own article": a widget to correct the suggested labels and save."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from .codebook import Codebook, load_codebook
from .errors import DataError
from .prelabel import save_quiz_bank
from .widgets import esc

DIMENSIONS = ("statement_type", "source", "check_worthy")


class ReviewEditor(widgets.VBox):
    """One row per sentence: the text, the reasons for each suggestion, a drop-down per label and
    the explanation learners will read. **Save quiz bank** writes the CSV and validates it."""

    def __init__(self, draft: pd.DataFrame, path: str | Path, codebook: Codebook | None = None) -> None:
        self.draft = draft.copy()
        self.path = Path(path)
        self.codebook = codebook if codebook is not None else load_codebook()
        self.controls: dict[str, dict[str, widgets.Widget]] = {}
        rows: list[widgets.Widget] = []
        for item_id, row in self.draft.iterrows():
            controls = {
                dimension: widgets.Dropdown(
                    options=list(self.codebook.labels(dimension)),
                    value=row[dimension],
                    description=self.codebook[dimension].name,
                    style={"description_width": "initial"},
                )
                for dimension in DIMENSIONS
            }
            controls["explanation"] = widgets.Textarea(
                value=row["explanation"], description="Explanation", layout=widgets.Layout(width="95%")
            )
            self.controls[str(item_id)] = controls
            rows.append(
                widgets.VBox(
                    [
                        widgets.HTML(f"<p><b>{esc(item_id)}</b> ({esc(row['part'])}): {esc(row['text'])}</p>"),
                        widgets.HBox([controls[d] for d in DIMENSIONS]),
                        controls["explanation"],
                    ]
                )
            )
        self.save_button = widgets.Button(
            description="Save quiz bank", button_style="primary", tooltip="Save and check"
        )
        self.save_button.on_click(self.save)
        self.status = widgets.HTML()
        super().__init__([*rows, self.save_button, self.status])

    @property
    def bank(self) -> pd.DataFrame:
        """The draft with every correction made in the editor."""
        bank = self.draft.copy()
        for item_id, controls in self.controls.items():
            for column, control in controls.items():
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
        return f"ReviewEditor({len(self.draft)} sentences)"
