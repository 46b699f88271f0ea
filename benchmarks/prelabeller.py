"""How well the pre-labeller's suggestions agree with careful annotation, on text it was not written for.

    .venv/bin/python benchmarks/prelabeller.py

Prints agreement and Cohen's kappa per question, and precision and recall per label, for the
development set (rules may be tuned on it) and the frozen evaluation set (keyed blind, never
tuned on), side by side. The README quotes the evaluation set's figures.
"""

from __future__ import annotations

import pandas as pd

from claimlab.evaluation import evaluation_report

TARGETS = {"statement_type": ("agreement", 0.80), "source": ("agreement", 0.85), "check_worthy": ("kappa", 0.40)}


def main() -> None:
    summary, per_label = evaluation_report()
    pd.set_option("display.width", 140)
    print("pre-labeller against the key (agreement = share of sentences; kappa = Cohen's)\n")
    print(summary.to_string())
    print("\ntargets on the frozen evaluation set:")
    for dimension, (measure, target) in TARGETS.items():
        value = summary.loc[(dimension, "evaluation"), measure]
        verdict = "met" if value >= target else "NOT met"
        print(f"  {dimension:15} {measure} {value:.2f}  target >= {target:.2f}  {verdict}")
    print("\nper label (support = sentences the key gives that label)\n")
    print(per_label.unstack("set").to_string())


if __name__ == "__main__":
    main()
