"""How far the pre-labeller can be trusted on articles it was not written for.

Two sets of real news texts live in ``data/byo/``: a development set, on which the rules may be
tuned, and an evaluation set, frozen before any rule was changed and keyed by annotators who
never saw the rules. :func:`evaluation_report` measures the suggestions against both keys, side
by side; the evaluation set's figures are the honest ones.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from . import paths
from .codebook import REQUIRED_DIMENSIONS, Codebook, load_codebook
from .prelabel import prelabel
from .stats import cohen_kappa
from .tables import read_rows

SETS = {"development": paths.DATA_DIR / "byo" / "development", "evaluation": paths.DATA_DIR / "byo" / "evaluation"}
KEY_COLUMNS = ("id", "text_id", "paragraph", "part", "text", *REQUIRED_DIMENSIONS, "check_rule", "cue")
#: The files whose bytes make up a frozen set: its texts, its sentence split and its key.
FROZEN_GLOBS = ("texts/*.txt", "sentences.csv", "key.csv", "annotation/*.csv")


def set_folder(name: str) -> Path:
    try:
        return SETS[name]
    except KeyError:
        raise ValueError(f"no set {name!r}; choose one of {', '.join(SETS)}") from None


def load_keyed_set(name: str, codebook: Codebook | None = None) -> pd.DataFrame:
    """A set's sentences with their key, indexed by sentence id, checked against the codebook."""
    codebook = codebook if codebook is not None else load_codebook()
    rows = read_rows(set_folder(name) / "key.csv", KEY_COLUMNS, id_column="id", what="sentence")
    for row in rows:
        row.require_int("paragraph", 1)
        row.require("text", "the sentence")
        for dimension in REQUIRED_DIMENSIONS:
            row.require_choice(dimension, codebook.labels(dimension), f"{dimension} label")
        row.require_choice("check_rule", list(codebook.check_rules), "check-worthiness rule")
    frame = pd.DataFrame.from_records([row.cells for row in rows], columns=list(KEY_COLUMNS)).set_index("id")
    frame["paragraph"] = frame["paragraph"].astype(int)
    return frame


def digest(name: str) -> str:
    """SHA-256 over a set's frozen files (names and bytes), so that any edit shows."""
    folder = set_folder(name)
    hasher = hashlib.sha256()
    for pattern in FROZEN_GLOBS:
        for path in sorted(folder.glob(pattern)):
            hasher.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return hasher.hexdigest()


def prelabel_set(keyed: pd.DataFrame, codebook: Codebook | None = None) -> pd.DataFrame:
    """The pre-labeller's suggestions for every sentence, one text at a time (so that 'he said'
    never reaches back into another story)."""
    parts = [
        prelabel(group[["paragraph", "part", "text"]], codebook=codebook)
        for _, group in keyed.groupby("text_id", sort=False)
    ]
    return pd.concat(parts)


def label_scores(truth: list[str], guess: list[str], labels: tuple[str, ...]) -> pd.DataFrame:
    """Precision, recall and support for each label (support = how many sentences the key gives it)."""
    rows = []
    for label in labels:
        tp = sum(t == label and g == label for t, g in zip(truth, guess, strict=True))
        predicted = sum(g == label for g in guess)
        actual = sum(t == label for t in truth)
        rows.append(
            {
                "label": label,
                "support": actual,
                "precision": round(tp / predicted, 2) if predicted else None,
                "recall": round(tp / actual, 2) if actual else None,
            }
        )
    return pd.DataFrame.from_records(rows, columns=["label", "support", "precision", "recall"])


def evaluation_report(sets: tuple[str, ...] = ("development", "evaluation")) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Agreement and kappa per dimension, and precision/recall per label, for each set side by side."""
    codebook = load_codebook()
    summary, per_label = [], []
    for name in sets:
        keyed = load_keyed_set(name, codebook)
        suggested = prelabel_set(keyed, codebook)
        for dimension in REQUIRED_DIMENSIONS:
            truth, guess = list(keyed[dimension]), list(suggested.loc[keyed.index, f"suggested_{dimension}"])
            summary.append(
                {
                    "set": name,
                    "dimension": dimension,
                    "sentences": len(truth),
                    "agreement": round(sum(t == g for t, g in zip(truth, guess, strict=True)) / len(truth), 2),
                    "kappa": round(cohen_kappa(truth, guess, labels=codebook.labels(dimension)), 2),
                }
            )
            scores = label_scores(truth, guess, codebook.labels(dimension))
            per_label.append(scores.assign(set=name, dimension=dimension))
    table = pd.DataFrame.from_records(summary).set_index(["dimension", "set"]).sort_index(level=0, sort_remaining=False)
    labels = pd.concat(per_label).set_index(["dimension", "label", "set"])
    return table, labels
