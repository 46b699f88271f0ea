"""A learner's own results against the key: accuracy, Cohen's kappa and confusion matrices.

Before a learner has answered, the notebooks analyse a bundled example learner instead (made
up, and labelled as such), so that every notebook shows the method and saves the same outputs
on every machine.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from . import paths
from .codebook import REQUIRED_DIMENSIONS, Codebook, article_codebook
from .errors import check_unique
from .quiz import Quiz
from .sentences import parse_competing_labels
from .stats import cohen_kappa, confusion_matrix, interpret_kappa
from .tables import read_rows

EXAMPLE_LEARNER = paths.EXAMPLES_DIR / "example_learner.csv"
RESULT_COLUMNS = ["item", "dimension", "answer", "key"]


def load_example_answers(path: str | Path | None = None, codebook: Codebook | None = None) -> pd.DataFrame:
    """The made-up example learner's answers (item, dimension, answer), validated."""
    codebook = codebook if codebook is not None else article_codebook()
    rows = read_rows(Path(path) if path is not None else EXAMPLE_LEARNER, ("item", "dimension", "answer"))
    for row in rows:
        dimension = row.require_choice("dimension", list(codebook.dimensions), "dimension")
        row.require_choice("answer", codebook.labels(dimension), f"{dimension} label")
        row.require("item")
    check_unique(rows, ("item", "dimension"), "answer")  # a repeat would count twice in the confusion matrices
    return pd.DataFrame.from_records([r.cells for r in rows], columns=["item", "dimension", "answer"])


def key_table(sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per (sentence, dimension): the key label and whether that question is contested."""
    rows = []
    for item, row in sentences.iterrows():
        competing = parse_competing_labels(row["competing_labels"]) if row["contested"] else {}
        for dimension in REQUIRED_DIMENSIONS:
            rows.append(
                {"item": item, "dimension": dimension, "key": row[dimension], "contested": dimension in competing}
            )
    return pd.DataFrame.from_records(rows, columns=["item", "dimension", "key", "contested"])


def answers_against_key(answers: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Add the key to answers (item, dimension, answer, ...), leaving out contested questions and
    items that are not in the sentence table. Other columns of ``answers`` are kept."""
    joined = answers.merge(key_table(sentences), on=["item", "dimension"], how="inner")
    return joined[~joined["contested"]].drop(columns="contested").reset_index(drop=True)


def results_or_example(quiz: Quiz | Sequence[Quiz], sentences: pd.DataFrame) -> tuple[pd.DataFrame, bool]:
    """The learner's answers against the key, or the example learner's if there are none yet.

    ``quiz`` may be one quiz or several (the rounds of one assessment). Returns the results and
    whether they are the example's.
    """
    quizzes = [quiz] if isinstance(quiz, Quiz) else list(quiz)
    mine = pd.concat([q.results_frame() for q in quizzes]).dropna(subset=["answer"])
    if len(mine):
        return mine[RESULT_COLUMNS].reset_index(drop=True), False
    example = answers_against_key(load_example_answers(codebook=quizzes[0].codebook), sentences)[RESULT_COLUMNS]
    wanted = {(i, d) for q in quizzes for i, d in q.graded_questions()}
    example = example[[(i, d) in wanted for i, d in zip(example["item"], example["dimension"], strict=True)]]
    return example.reset_index(drop=True), True


def agreement_by_dimension(results: pd.DataFrame, codebook: Codebook | None = None) -> pd.DataFrame:
    """Per dimension: answered, correct, percent correct, Cohen's kappa with the key and its band."""
    codebook = codebook if codebook is not None else article_codebook()
    rows = []
    for dimension in codebook.dimensions:
        part = results[results["dimension"] == dimension]
        if part.empty:
            continue
        kappa = cohen_kappa(list(part["key"]), list(part["answer"]), labels=codebook.labels(dimension))
        correct = int((part["key"] == part["answer"]).sum())
        rows.append(
            {
                "dimension": dimension,
                "answered": len(part),
                "correct": correct,
                "percent_correct": round(100 * correct / len(part), 1),
                "kappa": round(kappa, 2),
                "agreement": interpret_kappa(kappa),
                "caution": kappa_caution(list(part["key"])),
            }
        )
    return pd.DataFrame.from_records(
        rows, columns=["dimension", "answered", "correct", "percent_correct", "kappa", "agreement", "caution"]
    ).set_index("dimension")


#: Fewer answers than this make kappa swing a long way with a single answer.
FEW = 10
#: When one key label covers this share of the questions, chance agreement is high and kappa is
#: unstable (the "kappa paradox"): high agreement can still give a low kappa.
DOMINANT = 0.8


def kappa_caution(key: Sequence[str]) -> str:
    """A plain warning when a kappa rests on too little to be read as a band ("" when it does not)."""
    if len(key) < FEW:
        return f"only {len(key)} answers: one answer can move kappa from one band to another"
    counts = pd.Series(list(key)).value_counts()
    if len(counts) == 1:
        return f"every key label is {counts.index[0]}: kappa cannot show agreement beyond chance here"
    if counts.iloc[0] / len(key) >= DOMINANT:
        return (
            f"{counts.iloc[0]} of {len(key)} key labels are {counts.index[0]}: with so few others, one answer "
            "moves kappa a lot (the kappa paradox), so read the percentage and the counts too"
        )
    return ""


def confusion_for(results: pd.DataFrame, dimension: str, codebook: Codebook | None = None) -> pd.DataFrame:
    """The confusion matrix (key by answer) for one dimension, in codebook label order."""
    codebook = codebook if codebook is not None else article_codebook()
    part = results[results["dimension"] == dimension]
    return confusion_matrix(list(part["key"]), list(part["answer"]), labels=codebook.labels(dimension))
