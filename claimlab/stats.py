"""Agreement statistics for labels: confusion matrices, Cohen's kappa and Fleiss' kappa.

Plain pandas and arithmetic, written out so that a learner can follow each step and check it by
hand (exercise 5 does exactly that).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd


def _labels(*columns: Sequence[str], labels: Sequence[str] | None = None) -> list[str]:
    if labels is not None:
        return list(labels)
    seen: list[str] = []
    for column in columns:
        for value in column:
            if value not in seen:
                seen.append(value)
    return sorted(seen)


def _paired(first: Sequence[str], second: Sequence[str]) -> tuple[list[str], list[str]]:
    first, second = list(first), list(second)
    if len(first) != len(second):
        raise ValueError(f"the two label lists differ in length ({len(first)} and {len(second)})")
    if not first:
        raise ValueError("there are no labels to compare")
    return first, second


def confusion_matrix(key: Sequence[str], answers: Sequence[str], labels: Sequence[str] | None = None) -> pd.DataFrame:
    """Counts of (key label, answer label) pairs: rows are the key, columns the answers."""
    if labels is not None and not list(key) and not list(answers):
        empty = pd.DataFrame(0, index=pd.Index(list(labels), name="key"), columns=pd.Index(list(labels), name="answer"))
        return empty  # nothing answered yet: an all-zero table rather than an error
    key, answers = _paired(key, answers)
    order = _labels(key, answers, labels=labels)
    unknown = sorted({*key, *answers} - set(order))
    if unknown:
        raise ValueError(f"labels not in the list given: {', '.join(unknown)}")
    counts = pd.crosstab(pd.Series(key, name="key"), pd.Series(answers, name="answer"))
    table = counts.reindex(index=order, columns=order, fill_value=0).astype(int)
    table.index.name, table.columns.name = "key", "answer"
    return table


def observed_agreement(first: Sequence[str], second: Sequence[str]) -> float:
    """The share of items on which two raters chose the same label."""
    first, second = _paired(first, second)
    return sum(a == b for a, b in zip(first, second, strict=True)) / len(first)


def expected_agreement(first: Sequence[str], second: Sequence[str], labels: Sequence[str] | None = None) -> float:
    """The agreement two raters would reach by chance, each keeping their own label frequencies."""
    first, second = _paired(first, second)
    n = len(first)
    return sum((first.count(label) / n) * (second.count(label) / n) for label in _labels(first, second, labels=labels))


def cohen_kappa(first: Sequence[str], second: Sequence[str], labels: Sequence[str] | None = None) -> float:
    """Cohen's kappa: agreement between two raters beyond what chance would give.

    kappa = (p_o - p_e) / (1 - p_e). When chance agreement is already total (both raters always
    use one and the same label) kappa is undefined; we return 1.0 if they agree on everything,
    which is the convention of most software, and raise otherwise.
    """
    p_o = observed_agreement(first, second)
    p_e = expected_agreement(first, second, labels)
    if p_e == 1:
        if p_o == 1:
            return 1.0
        raise ValueError("kappa is undefined when chance agreement is 1")
    return (p_o - p_e) / (1 - p_e)


def fleiss_kappa(counts: pd.DataFrame) -> float:
    """Fleiss' kappa for many raters, from a table of counts: one row per item, one column per label.

    Each cell says how many raters gave that item that label; every row must sum to the same
    number of raters (at least two).
    """
    if counts.empty:
        raise ValueError("there are no items to compare")
    totals = counts.sum(axis=1)
    raters = int(totals.iloc[0])
    if raters < 2 or (totals != raters).any():
        raise ValueError("every item needs the same number of ratings, at least two")
    items = len(counts)
    p_label = counts.sum(axis=0) / (items * raters)
    p_item = ((counts**2).sum(axis=1) - raters) / (raters * (raters - 1))
    p_bar = p_item.mean()
    p_e = (p_label**2).sum()
    if p_e == 1:
        if p_bar == 1:
            return 1.0
        raise ValueError("kappa is undefined when chance agreement is 1")
    return float((p_bar - p_e) / (1 - p_e))


def interpret_kappa(kappa: float) -> str:
    """Landis and Koch's (1977) widely used, admittedly arbitrary, bands for kappa."""
    bands = [
        (0.0, "poor (less than chance agreement)"),
        (0.2, "slight"),
        (0.4, "fair"),
        (0.6, "moderate"),
        (0.8, "substantial"),
        (1.0, "almost perfect"),
    ]
    if kappa < 0:
        return bands[0][1]
    for upper, name in bands[1:]:
        if kappa <= upper:
            return name
    return bands[-1][1]
