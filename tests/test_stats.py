"""Agreement statistics, checked against published worked examples."""

from __future__ import annotations

import pandas as pd
import pytest

from claimlab.stats import (
    cohen_kappa,
    confusion_matrix,
    expected_agreement,
    fleiss_kappa,
    interpret_kappa,
    observed_agreement,
)


def wikipedia_cohen_example() -> tuple[list[str], list[str]]:
    # The worked example of the Wikipedia article "Cohen's kappa": two readers, 50 grant proposals;
    # both yes 20, A yes / B no 5, A no / B yes 10, both no 15. p_o = 0.7, p_e = 0.5, kappa = 0.4.
    a = ["yes"] * 20 + ["yes"] * 5 + ["no"] * 10 + ["no"] * 15
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    return a, b


def test_cohen_kappa_matches_the_wikipedia_worked_example():
    a, b = wikipedia_cohen_example()
    assert observed_agreement(a, b) == pytest.approx(0.7)
    assert expected_agreement(a, b) == pytest.approx(0.5)
    assert cohen_kappa(a, b) == pytest.approx(0.4)


def test_cohen_kappa_edge_cases():
    assert cohen_kappa(["A", "B", "A"], ["A", "B", "A"]) == 1.0
    assert cohen_kappa(["A", "A"], ["A", "A"]) == 1.0
    assert cohen_kappa(["A", "B"], ["B", "A"]) == pytest.approx(-1.0)
    with pytest.raises(ValueError, match="differ in length"):
        cohen_kappa(["A"], ["A", "B"])
    with pytest.raises(ValueError, match="no labels"):
        cohen_kappa([], [])


def test_fleiss_kappa_matches_the_wikipedia_worked_example():
    # The worked example of the Wikipedia article "Fleiss' kappa": 10 subjects, 14 raters,
    # 5 categories; P-bar = 0.378, P_e = 0.213, kappa = 0.210.
    counts = pd.DataFrame(
        [
            [0, 0, 0, 0, 14],
            [0, 2, 6, 4, 2],
            [0, 0, 3, 5, 6],
            [0, 3, 9, 2, 0],
            [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0],
            [3, 2, 6, 3, 0],
            [2, 5, 3, 2, 2],
            [6, 5, 2, 1, 0],
            [0, 2, 2, 3, 7],
        ],
        columns=list("12345"),
    )
    assert fleiss_kappa(counts) == pytest.approx(0.210, abs=0.0005)


def test_fleiss_kappa_refuses_uneven_rows():
    with pytest.raises(ValueError, match="same number of ratings"):
        fleiss_kappa(pd.DataFrame([[1, 1], [2, 1]]))


def test_confusion_matrix_counts_pairs_in_label_order():
    matrix = confusion_matrix(["A", "A", "B", "C"], ["A", "B", "B", "A"], labels=["C", "B", "A"])
    assert list(matrix.index) == ["C", "B", "A"] and list(matrix.columns) == ["C", "B", "A"]
    assert matrix.loc["A", "B"] == 1 and matrix.loc["C", "A"] == 1 and matrix.to_numpy().sum() == 4
    with pytest.raises(ValueError, match="labels not in the list"):
        confusion_matrix(["A"], ["D"], labels=["A"])


@pytest.mark.parametrize(
    ("kappa", "band"),
    [(-0.1, "poor"), (0.0, "slight"), (0.2, "slight"), (0.21, "fair"), (0.5, "moderate"), (0.7, "substantial"),
     (0.81, "almost perfect"), (1.0, "almost perfect")],
)  # fmt: skip
def test_landis_and_koch_bands(kappa, band):
    assert interpret_kappa(kappa).startswith(band)
