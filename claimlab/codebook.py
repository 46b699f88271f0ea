"""The codebook: dimensions, labels and confusion feedback, loaded from ``data/codebook/``.

It is a small typed object rather than a table because quiz code asks it questions ("which labels
does this dimension have?", "what should a learner who chose A instead of B read?").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import paths
from .errors import DataError
from .tables import Row, read_rows

DIMENSION_COLUMNS = ("dimension", "order", "name", "question", "definition")
LABEL_COLUMNS = (
    "dimension",
    "label",
    "order",
    "name",
    "definition",
    "decision_rule",
    "example",
    "near_miss",
    "near_miss_label",
    "near_miss_why",
)
CONFUSION_COLUMNS = ("dimension", "chosen", "correct", "feedback")

#: The dimensions the article's sentence table is annotated on, in quiz order.
REQUIRED_DIMENSIONS = ("statement_type", "source", "check_worthy")


@dataclass(frozen=True)
class Label:
    dimension: str
    code: str
    name: str
    definition: str
    decision_rule: str
    example: str
    near_miss: str
    near_miss_label: str
    near_miss_why: str


@dataclass(frozen=True)
class Dimension:
    code: str
    name: str
    question: str
    definition: str
    labels: tuple[Label, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(label.code for label in self.labels)

    def label(self, code: str) -> Label:
        for label in self.labels:
            if label.code == code:
                return label
        raise KeyError(f"{self.code} has no label {code!r}; it has {', '.join(self.codes)}")


@dataclass(frozen=True)
class Codebook:
    dimensions: dict[str, Dimension]
    confusions: dict[tuple[str, str, str], str] = field(default_factory=dict)
    folder: Path | None = None

    def __getitem__(self, dimension: str) -> Dimension:
        try:
            return self.dimensions[dimension]
        except KeyError:
            raise KeyError(f"no dimension {dimension!r}; the codebook has {', '.join(self.dimensions)}") from None

    def labels(self, dimension: str) -> tuple[str, ...]:
        return self[dimension].codes

    def confusion_feedback(self, dimension: str, chosen: str, correct: str) -> str | None:
        """The codebook's text for a learner who chose ``chosen`` where the key is ``correct``."""
        return self.confusions.get((dimension, chosen, correct))

    def dimensions_frame(self) -> pd.DataFrame:
        """One row per dimension: the question it asks and its labels, for an overview."""
        return pd.DataFrame.from_records(
            [
                {"dimension": d.code, "name": d.name, "question": d.question, "labels": ", ".join(d.codes)}
                for d in self.dimensions.values()
            ]
        ).set_index("dimension")

    def as_frame(self) -> pd.DataFrame:
        """Every label as one row, for reading the codebook in a notebook."""
        records = [
            {
                "dimension": dim.code,
                "label": label.code,
                "name": label.name,
                "definition": label.definition,
                "decision_rule": label.decision_rule,
            }
            for dim in self.dimensions.values()
            for label in dim.labels
        ]
        return pd.DataFrame.from_records(records)


def load_codebook(path: str | Path | None = None, *, required: tuple[str, ...] = REQUIRED_DIMENSIONS) -> Codebook:
    """Load and validate a codebook folder (``dimensions.csv``, ``labels.csv``, ``confusions.csv``).

    ``required`` names the dimensions the folder must define; the story-parts codebook, for
    example, defines only ``part``.
    """
    folder = Path(path) if path is not None else paths.CODEBOOK_DIR
    if not folder.is_dir():
        raise DataError(
            folder,
            "codebook folder not found; expected a folder with dimensions.csv, labels.csv and confusions.csv.",
            fix="Check the path; to restore the project's own copy run `git checkout -- data/`.",
        )
    dim_rows = read_rows(folder / "dimensions.csv", DIMENSION_COLUMNS, id_column="dimension", what="dimension")
    label_rows = read_rows(folder / "labels.csv", LABEL_COLUMNS, what="label")
    confusion_rows = read_rows(folder / "confusions.csv", CONFUSION_COLUMNS, what="confusion")

    for row in dim_rows:
        row.require_int("order", 1)
        for column in ("name", "question", "definition"):
            row.require(column)
    dim_codes = [row["dimension"] for row in sorted(dim_rows, key=lambda r: int(r["order"]))]
    missing = [code for code in required if code not in dim_codes]
    if missing:
        raise DataError(
            folder / "dimensions.csv",
            f"the dimension(s) {', '.join(missing)} are missing; this codebook must define {', '.join(required)}.",
            column="dimension",
        )

    labels_by_dim: dict[str, list[tuple[int, Row]]] = {code: [] for code in dim_codes}
    seen: dict[tuple[str, str], int] = {}
    for row in label_rows:
        dim = row.require_choice("dimension", dim_codes, "dimension")
        code = row.require("label", "a label code such as QUOTE")
        if (dim, code) in seen:
            raise row.error("label", f"the label {dim}/{code} repeats line {seen[(dim, code)]}.")
        seen[(dim, code)] = row.line
        for column in LABEL_COLUMNS[3:]:
            row.require(column)
        labels_by_dim[dim].append((row.require_int("order", 1), row))
    for dim, entries in labels_by_dim.items():
        if len(entries) < 2:
            raise DataError(
                folder / "labels.csv",
                f"the dimension {dim} has {len(entries)} label(s); a dimension needs at least two.",
                column="dimension",
            )
        codes = [row["label"] for _, row in entries]
        for _, row in entries:
            row.require_choice("near_miss_label", [c for c in codes if c != row["label"]], f"other {dim} label")

    dimensions = {}
    for dim_row in sorted(dim_rows, key=lambda r: int(r["order"])):
        code = dim_row["dimension"]
        labels = tuple(
            Label(
                dimension=code,
                code=row["label"],
                name=row["name"],
                definition=row["definition"],
                decision_rule=row["decision_rule"],
                example=row["example"],
                near_miss=row["near_miss"],
                near_miss_label=row["near_miss_label"],
                near_miss_why=row["near_miss_why"],
            )
            for _, row in sorted(labels_by_dim[code], key=lambda entry: entry[0])
        )
        dimensions[code] = Dimension(code, dim_row["name"], dim_row["question"], dim_row["definition"], labels)

    confusions: dict[tuple[str, str, str], str] = {}
    for row in confusion_rows:
        dim = row.require_choice("dimension", dim_codes, "dimension")
        codes = dimensions[dim].codes
        chosen = row.require_choice("chosen", codes, f"{dim} label")
        correct = row.require_choice("correct", codes, f"{dim} label")
        if chosen == correct:
            raise row.error("correct", "names the same label as 'chosen'; a confusion needs two different labels.")
        key = (dim, chosen, correct)
        if key in confusions:
            raise row.error("chosen", f"the confusion {dim}: {chosen} instead of {correct} is listed twice.")
        confusions[key] = row.require("feedback", "the feedback a learner reads")
    return Codebook(dimensions, confusions, folder)


def load_story_parts(path: str | Path | None = None) -> Codebook:
    """The small codebook for the parts of a news story (bullet, lede, body, subhead, closing)."""
    return load_codebook(path if path is not None else paths.STORY_PARTS_DIR, required=("part",))
